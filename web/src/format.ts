import type { Program } from "../../src/core/index.ts";
import { pct, usd } from "../../src/core/index.ts";

// Percentages, amounts and sponsorship are written as the report writes them: the page and the
// printed report show the same text for the same figure ("$1,995", not "$1,995.00").
export { pct, sponsorshipText, usd } from "../../src/core/index.ts";

/** Display helpers. Unknown values are written "unknown", never filled in. */
export const UNKNOWN = "unknown";

export function pctRange(e: { estimate: number; low: number; high: number }): string {
  return `${pct(e.estimate)} (range ${pct(e.low)}–${pct(e.high)})`;
}

/**
 * The browser loads its number-formatting data the first time a number is formatted: a tenth of a
 * second on a slow phone. The form formats none, so the page does it once the form is shown and
 * the browser is idle, instead of when the first plan is.
 */
export function prepareNumberFormats(): void {
  const idle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 0));
  idle(() => usd(0));
}

export function yesNo(v: boolean | null | undefined): string {
  return v === true ? "yes" : v === false ? "no" : UNKNOWN;
}

export function visaText(visa: Program["visa"]): string {
  if (!visa) return UNKNOWN;
  return `J-1 ${yesNo(visa.j1)}, H-1B ${yesNo(visa.h1b)}`;
}

export function orUnknown(v: string | number | null | undefined): string {
  return v === null || v === undefined || v === "" ? UNKNOWN : String(v);
}

/** A `because` value as one readable line: numbers as they are, objects as key: value pairs. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return v.map(valueText).join(", ");
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${typeof x === "object" && x !== null ? JSON.stringify(x) : String(x)}`)
    .join("; ");
}

/** Today in the browser's time zone, as YYYY-MM-DD: the default "as of" date. */
export function localToday(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function words(id: string): string {
  return id.replace(/-/g, " ");
}
