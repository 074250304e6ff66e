import type { PhaseModelEntry, Rule, StudyPlanModel } from "../rulebook/schemas.ts";
import { addDays } from "./dates.ts";
import { refRange } from "./rule-ref.ts";
import type { StudyPhase } from "./types.ts";
import type { PhaseRole } from "./vocabulary.ts";

/**
 * Splits the study days between a phase model's phases (P3, P4).
 *
 * Problem: give each phase a whole number of days so they cover [start, exam) in order.
 * Steps: each phase's day range comes from its rule (`weeks`, or for P3's assessment phase
 * `weeksBeforeExam` less the final phase); if the minimums add up to more than the plan, every
 * phase shrinks in proportion (rounding down, the remainder to the core phase) and empty phases
 * drop out (the plan's checker then reports the shortfall, `checkPlan`); otherwise spare days go
 * to the roles in `growOrder` up to each maximum, then to the core phase.
 * Complexity: O(p) in the phases.
 * Reference: digest P3, P4; `phaseModels` in data/facts/study-plan-model.yaml.
 */
/**
 * Each phase's range in days from its rule (`weeks`, or for P3's assessment phase
 * `weeksBeforeExam` less the final phase), in the model's order.
 */
export function phaseSpans(
  rules: readonly Rule[],
  model: StudyPlanModel["phaseModels"][number],
): Array<{ min: number; max: number }> {
  const finalPhase = model.phases.find((p) => p.role === "final");
  const finalWeeks = finalPhase?.weeks ? refRange(rules, finalPhase.weeks) : { min: 0, max: 0 };
  return model.phases.map((p: PhaseModelEntry) => {
    if (p.weeks) {
      const w = refRange(rules, p.weeks);
      return { min: w.min * 7, max: w.max * 7 };
    }
    const before = refRange(rules, p.weeksBeforeExam as NonNullable<PhaseModelEntry["weeksBeforeExam"]>);
    const min = Math.max(0, (before.min - finalWeeks.min) * 7);
    return { min, max: Math.max(min, (before.max - finalWeeks.max) * 7) };
  });
}

export function allocatePhases(
  rules: readonly Rule[],
  model: StudyPlanModel["phaseModels"][number],
  start: string,
  totalDays: number,
  growFirst: PhaseRole | undefined,
  sources: string[],
): StudyPhase[] {
  const spans = phaseSpans(rules, model);
  const minSum = spans.reduce((s, x) => s + x.min, 0);
  const coreIndex = Math.max(
    0,
    model.phases.findIndex((p) => p.role === "core"),
  );
  let days: number[];
  if (totalDays <= minSum) {
    days = spans.map((s) => Math.floor((s.min * totalDays) / minSum));
    days[coreIndex] = (days[coreIndex] ?? 0) + totalDays - days.reduce((a, b) => a + b, 0);
  } else {
    days = spans.map((s) => s.min);
    let spare = totalDays - minSum;
    const order = growFirst
      ? [growFirst, ...model.growOrder.filter((r) => r !== growFirst)]
      : model.growOrder;
    for (const role of order)
      model.phases.forEach((p, i) => {
        if (p.role !== role || spare <= 0) return;
        const add = Math.min(spare, (spans[i]?.max ?? 0) - (days[i] ?? 0));
        days[i] = (days[i] ?? 0) + Math.max(0, add);
        spare -= Math.max(0, add);
      });
    days[coreIndex] = (days[coreIndex] ?? 0) + spare;
  }

  const out: StudyPhase[] = [];
  let at = start;
  model.phases.forEach((p, i) => {
    const n = days[i] ?? 0;
    if (n <= 0) return;
    out.push({
      name: p.name,
      role: p.role,
      start: at,
      end: addDays(at, n - 1),
      days: n,
      ruleId: model.rule,
      sources,
    });
    at = addDays(at, n);
  });
  return out;
}
