import type { Rulebook } from "../rulebook/rulebook.ts";
import { lookupRef, type Range, refNumber, refRange } from "./rule-ref.ts";
import { type BaselineBracket, isBaselineBracket, WEEKS_PER_MONTH } from "./study-data-checks.ts";
import type { StudyMode } from "./vocabulary.ts";

/**
 * How many weeks of study a plan needs (P1, P2).
 *
 * With a baseline: P2's bracket for it; a baseline in one of P2's gaps takes the bracket below
 * (`length.gapBridge`, a stated assumption). Without one: P1's full-time weeks, or its part-time
 * months. A part-time plan with a baseline keeps the full-time study hours, so its weeks stretch
 * by full-time hours ÷ the applicant's hours.
 */
export interface StudyLength {
  weeks: Range;
  ruleId: string;
  sources: string[];
  note: string;
}

export function studyLength(
  rb: Rulebook,
  baseline: number | null,
  mode: StudyMode,
  hoursPerDay: number,
): StudyLength {
  const model = rb.study.plan.length;
  const rules = rb.rules;
  const p2 = rules.find((r) => r.id === model.byBaseline.rule);
  if (baseline !== null) {
    const brackets = (lookupRef(rules, model.byBaseline) as unknown[]).filter(isBaselineBracket);
    const scale = rb.exam.usmle.scale.value;
    const inBracket = (b: BaselineBracket) =>
      baseline >= (b.min ?? scale.min) && baseline <= (b.max ?? scale.max);
    let bracket = brackets.find(inBracket);
    let note = `baseline ${baseline} → ${bracketLabel(brackets.find(inBracket))}`;
    if (!bracket) {
      // In a gap: the nearest bracket of lower baselines (the longer plan).
      bracket = brackets
        .filter((b) => (b.max ?? scale.max) < baseline)
        .sort((a, b) => (b.max ?? scale.max) - (a.max ?? scale.max))[0];
      note = `baseline ${baseline} falls in a gap of ${model.byBaseline.rule}; it takes the bracket below (${bracketLabel(bracket)}) — ${model.assumption ?? "stated assumption"}`;
    }
    if (!bracket) throw new Error(`No ${model.byBaseline.rule} bracket at or below baseline ${baseline}`);
    const stretch = mode === "part-time" ? refNumber(rules, model.fullTimeHoursPerDay) / hoursPerDay : 1;
    return {
      weeks: { min: bracket.weeks.min * Math.max(1, stretch), max: bracket.weeks.max * Math.max(1, stretch) },
      ruleId: model.byBaseline.rule,
      sources: [...(p2?.sources ?? []), ...(stretch > 1 ? model.sources : [])],
      note:
        stretch > 1
          ? `${note}; part-time at ${hoursPerDay} h a day stretches it ×${stretch.toFixed(2)} to keep the full-time study hours`
          : note,
    };
  }
  const ref = mode === "full-time" ? model.fullTimeWeeks : model.partTimeMonths;
  const r = refRange(rules, ref);
  const p1 = rules.find((x) => x.id === ref.rule);
  const weeks = mode === "full-time" ? r : { min: r.min * WEEKS_PER_MONTH, max: r.max * WEEKS_PER_MONTH };
  return {
    weeks,
    ruleId: ref.rule,
    sources: p1?.sources ?? [],
    note:
      mode === "full-time"
        ? `no baseline: ${ref.rule}'s full-time ${r.min}–${r.max} weeks`
        : `no baseline: ${ref.rule}'s part-time ${r.min}–${r.max} months`,
  };
}

function bracketLabel(b: BaselineBracket | undefined): string {
  if (!b) return "no bracket";
  const scores =
    b.min === undefined ? `≤ ${b.max}` : b.max === undefined ? `≥ ${b.min}` : `${b.min}–${b.max}`;
  return `${scores}: ${b.weeks.min}–${b.weeks.max} weeks`;
}
