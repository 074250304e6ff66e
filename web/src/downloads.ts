import type { ListRow } from "../../src/core/index.ts";
import { UNKNOWN } from "./format.ts";

/** Files the page makes in the browser: nothing is uploaded to make them. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** RFC 4180 CSV; the header is the first row's keys. */
export function toCsv(rows: ReadonlyArray<Record<string, string | number>>): string {
  const first = rows[0];
  if (!first) return "";
  const keys = Object.keys(first);
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[keys.join(","), ...rows.map((r) => keys.map((k) => cell(r[k] ?? "")).join(","))].join("\r\n")}\r\n`;
}

/** The program list as CSV, in the columns of `matchplan programs --csv`, plus each program's status. */
export function programListCsv(rows: readonly ListRow[], status: (id: string) => string): string {
  const yn = (v: boolean | null | undefined) => (v === true ? "true" : v === false ? "false" : UNKNOWN);
  return toCsv(
    rows.map((r) => ({
      id: r.program.id,
      name: r.program.name,
      city: r.program.city ?? UNKNOWN,
      state: r.program.state ?? UNKNOWN,
      tier: r.tier,
      pInterview: r.pInterview.estimate.toFixed(4),
      pInterviewLow: r.pInterview.low.toFixed(4),
      pInterviewHigh: r.pInterview.high.toFixed(4),
      signal: r.signal ?? "",
      j1: yn(r.program.visa?.j1),
      h1b: yn(r.program.visa?.h1b),
      status: status(r.program.id),
      sources: [...new Set(r.program.provenance.map((e) => e.source))].join(" "),
    })),
  );
}
