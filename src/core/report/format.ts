/** Small formatting helpers shared by the HTML and Markdown renderers. */

import { formatAmount } from "../math/format-amount.ts";
import { pct } from "../math/percent.ts";

export { PERCENT, pct } from "../math/percent.ts";

import type { HeldListNote } from "../plan/plan-with-held-list.ts";
import type { Step2ckDistribution } from "../plan/types.ts";
import { APPLICANT_GROUPS, type ApplicantType } from "../vocabulary.ts";

export const MAX_VALUE_CHARS = 140; // not a score: characters of a traced value shown in a table

export const usd = (x: number | null | undefined): string =>
  x === null || x === undefined ? "no limit" : `$${formatAmount(x)}`;

/** A published Step 2 CK distribution's caption: whose scores, where, and the match rate when carried. */
export const distributionCaption = (d: Step2ckDistribution): string =>
  `Charting Outcomes ${d.matchYear}: Step 2 CK of ${APPLICANT_GROUPS[d.applicantType as ApplicantType] ?? d.applicantType} in ${d.specialtyName}${d.matchRate === null ? "" : ` (match rate ${pct(d.matchRate)})`}`;

export const range = (min: number | null, max: number | null): string =>
  min === null && max === null
    ? "—"
    : min === null
      ? `below ${max}`
      : max === null
        ? `${min}+`
        : min === max
          ? `${min}`
          : `${min}–${max}`;

export const sentence = (s: string): string => (s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1));

export const words = (id: string): string => id.replace(/-/g, " ");

/** Words an id runs together or writes in lower case: exam names and abbreviations as they are written. */
const WRITTEN: Record<string, string> = {
  step1: "Step 1",
  step2ck: "Step 2 CK",
  step3: "Step 3",
  comlex: "COMLEX",
  us: "US",
  usce: "USCE",
  img: "IMG",
  nbme: "NBME",
  uwsa: "UWSA",
};

/** An id in words, exam names and abbreviations written out ("us-preventive-care" → "US preventive care"). */
export const phrase = (id: string): string =>
  id
    .split("-")
    .map((w) => WRITTEN[w] ?? w)
    .join(" ");

/** An id as a heading: `phrase` with a capital first letter ("step2ck-target" → "Step 2 CK target"). */
export const title = (id: string): string => sentence(phrase(id));

export const STANDING_TEXT: Record<string, string> = {
  strong: "Strong",
  competitive: "Competitive",
  borderline: "Borderline",
  low: "Low",
  "very-low": "Very low",
};

export const APPLICANT_TEXT: Record<string, string> = {
  "us-md": "US MD senior or graduate",
  do: "DO senior or graduate",
  "us-img": "US-citizen IMG",
  "non-us-img": "Non-US-citizen IMG",
};

export const DECISION_TEXT: Record<string, string> = {
  go: "Go: sit as planned",
  "consider-postponing": "Consider postponing",
  postpone: "Postpone",
};

export const STATUS_TEXT: Record<string, string> = { past: "past", now: "now", upcoming: "upcoming" };

/** How a held list differs from the planner's, in a sentence (both renderers say it). */
export function heldText(h: HeldListNote): string {
  const changes = [
    h.removed > 0 ? `${h.removed} of the planner's programs removed` : "",
    h.added > 0 ? `${h.added} added` : "",
    h.withdrawn.length > 0 ? `${h.withdrawn.length} withdrawn (listed, counted for nothing)` : "",
  ].filter(Boolean);
  return `This is your list as you edited it${changes.length > 0 ? `: ${changes.join(", ")}` : ""}. P(match), P(≥ 1 interview), the programs count and the fees are for the ${h.listed} programs that count; the count curve and the guides' advice are the planner's.`;
}

/**
 * A program's chance of sponsoring the visa needed, labelled by what it rests on: the program's
 * own answer, an inference, or no answer (the specialty's published share, or an assumed one).
 */
export function sponsorshipText(s: { p: number; basis: string }): string {
  if (s.basis === "not-needed") return "not needed";
  const word =
    s.basis === "own"
      ? "listed"
      : s.basis === "inferred"
        ? "inferred"
        : s.basis === "specialty-share"
          ? "unknown, specialty's share"
          : "unknown, assumed share";
  return `${word} (${pct(s.p)})`;
}

/**
 * Why the report has no forecast, from the plan's own state: a log that was given but not used
 * says why the core did not use it (its `forecast` issues); no log says so.
 */
export function noForecastText(r: {
  practiceLog: readonly unknown[] | null;
  issues: ReadonlyArray<{ path: string; message: string }>;
}): { given: boolean; text: string } {
  const why = r.issues
    .filter((i) => i.path === "forecast" || i.path.startsWith("forecast."))
    .map((i) => i.message);
  if (r.practiceLog !== null || why.length > 0)
    return {
      given: true,
      text: `A practice-exam log was given, but no forecast was made from it${why.length > 0 ? `: ${why.join("; ")}` : ""}.`,
    };
  return { given: false, text: "No practice-exam log was given, so there is no forecast." };
}

type SignalScheme = string | null | undefined;

/**
 * A program's signal as the applicant sends it. An allowance without gold/silver tiers
 * (scheme "single") spends its signals as gold (allocate-signals.ts), so its signal is just "signal".
 */
export const signalLabel = (signal: "gold" | "silver" | null, scheme: SignalScheme): string =>
  signal === null ? "" : scheme === "single" ? "signal" : signal;

/** Signals counted in the allowance's own terms: "6 gold, 6 silver", or "12 signals" where it has no tiers. */
export function signalCountText(n: { gold: number; silver: number }, scheme: SignalScheme): string {
  if (scheme !== "single" && scheme !== null) return `${n.gold} gold, ${n.silver} silver`;
  const count = n.gold + n.silver;
  return `${count} signal${count === 1 ? "" : "s"}`;
}

/** One PGY-1 track's signals: its name, what was spent in the allowance's terms, and the allowance. */
export function pgy1TrackText(
  t: {
    scheme?: SignalScheme;
    spent: { gold: number; silver: number };
    covered: number;
    text: string;
  },
  name: string,
): string {
  return `${name}: ${signalCountText(t.spent, t.scheme)} spent${t.covered > 0 ? `, ${t.covered} covered by a signal already sent to the institution` : ""} — ${t.text}`;
}

/** A specialty's name from the report's names, its id in words where the report has none (an older model). */
export const specialtyName = (names: Readonly<Record<string, string>> | undefined, id: string): string =>
  names?.[id] ?? words(id);

/** The tier scheme of the PGY-1 track a supplemental program is on (null: no signals for it). */
export const trackScheme = (
  tracks: ReadonlyArray<{ specialty: string; scheme?: SignalScheme }> | undefined,
  specialty: string,
): SignalScheme => tracks?.find((t) => t.specialty === specialty)?.scheme;

type Estimate = { estimate: number; low: number; high: number } | null | undefined;

/** A P(match) with its range, as every surface writes it; "unknown" without one. */
export const pctRange = (m: Estimate): string =>
  m ? `${pct(m.estimate)} (range ${pct(m.low)}–${pct(m.high)})` : "unknown";

/** The alternative-pathway (parallel) list in a sentence: its size and fees, its own P(match), and the chance of either list. */
export function parallelListText(
  list: { specialty: string; programs: readonly unknown[]; costUsd: number; pMatch: Estimate },
  either: Estimate,
  mainName: string,
  name: string,
): string {
  return `${list.programs.length} ${name} programs, ${usd(list.costUsd)} in application fees (in the total above). P(match) in this list alone: ${pctRange(list.pMatch)}. P(match in ${mainName} or ${name}): ${pctRange(either)}.`;
}
