import { pct } from "../math/percent.ts";
import type { RangeBreakdown, RangePart } from "./pmatch-range.ts";
import type { AssumptionSwing } from "./what-moves.ts";

/**
 * The words every surface shows for the uncertainty of P(match) (issue 13, item 7), so the CLI,
 * the report and the page say the same thing: what the range is made of, what moves the number,
 * and the mark of a rate that is the specialty's median rather than the program's own.
 */
export const RANGE_TEXT =
  "The range combines the spread of your unmeasured strength, each program's rate uncertainty, the small-sample uncertainty of the specialty's P(match | interviews) and, while Step 2 CK is untaken, the spread of the score to come (10th–90th percentile each).";

/**
 * What this range combines, from the parts the core computed for it (pmatch-range.ts): the
 * untaken-score clause only where the range has that part, which then stands for the strength
 * spread widened by the score's. With every part it is `RANGE_TEXT`; empty where there is no range.
 */
export function rangeText(range: Pick<RangeBreakdown, "parts"> | null | undefined): string {
  const has = new Set<RangePart>((range?.parts ?? []).map((p) => p.part));
  if (has.size === 0) return "";
  const base = [
    has.has("strength") || has.has("untaken-step2ck") ? "the spread of your unmeasured strength" : "",
    has.has("program-rates") ? "each program's rate uncertainty" : "",
    has.has("curve") ? "the small-sample uncertainty of the specialty's P(match | interviews)" : "",
  ].filter(Boolean);
  const listed = has.has("untaken-step2ck")
    ? `${base.join(", ")} and, while Step 2 CK is untaken, the spread of the score to come`
    : base.length === 1
      ? base[0]
      : `${base.slice(0, -1).join(", ")} and ${base.at(-1)}`;
  return `The range combines ${listed} (10th–90th percentile each).`;
}

/** The mark beside an interview rate that is the specialty's median (the program reports none). */
export const ESTIMATED_MARK = "(est.)";
export const ESTIMATED_TEXT = `${ESTIMATED_MARK}: the program reports no interview rate for your applicant type; the specialty's median is used.`;

export function swingText(s: AssumptionSwing): string {
  if (s.surveyed)
    return `${s.label} (${pct(s.value)}: ${s.surveyed.yes} of ${s.surveyed.of} ${s.surveyed.programs} surveyed): at ${pct(s.low.value)}, the low end of its 95% interval, P(match) is ${pct(s.low.pMatch)}; at ${pct(s.high.value)}, the high end, it is ${pct(s.high.pMatch)}`;
  return `${s.label} (assumed ${s.value}): at ${s.low.value} P(match) is ${pct(s.low.pMatch)}, at ${s.high.value} it is ${pct(s.high.pMatch)}`;
}

export function whatMovesLines(swings: readonly AssumptionSwing[]): string[] {
  return swings.length === 0 ? [] : ["What moves your number:", ...swings.map((s) => `- ${swingText(s)}`)];
}
