import { assessProfile } from "../../core/assess/assess-profile.ts";
import type { Assessment } from "../../core/assess/types.ts";
import type { Program } from "../../core/catalog/program.ts";
import type { Issue } from "../../core/issues.ts";
import { profileSchemaFor } from "../../core/profile/profile-schema-for.ts";
import { validateProfile } from "../../core/profile/validate-profile.ts";
import type { ProgramData } from "../../core/programs/program-data.ts";
import type { Rulebook } from "../../core/rulebook/rulebook.ts";
import { type ForecastResult, forecastScore, parsePracticeLog } from "../../core/study/index.ts";
import type { SavedPlan } from "../../store/store.ts";
import { bracketed } from "../problem.ts";
import { evaluateChosen, type ListEvaluation } from "./evaluate-chosen.ts";

/**
 * What a saved plan's inputs give today: the assessment, P(match) and fees of the chosen
 * programs still in play (withdrawn ones left out), one list per specialty, and the forecast
 * from the practice-exam log against the assessment's Step 2 CK target. Computed on read, never
 * stored — data and rules change, stored inputs do not; `SavedPlanCache` keeps them in memory by
 * plan version, data version and date. A result that cannot be computed is null
 * and `issues` says why (a profile saved under older rules may no longer validate, say).
 */
export interface SavedPlanResults {
  asOf: string;
  assessment: Assessment | null;
  lists: ListEvaluation[];
  forecast: ForecastResult | null;
  issues: Issue[];
}

const prefixed = (prefix: string, issues: Issue[]) =>
  issues.map((i) => ({ ...i, path: i.path.startsWith(prefix) ? i.path : `${prefix}.${i.path}` }));

export function savedPlanResults(
  rb: Rulebook,
  data: ProgramData,
  byId: ReadonlyMap<string, Program>,
  plan: SavedPlan,
  asOf: string,
): SavedPlanResults {
  const r = compute(rb, data, byId, plan, asOf);
  return { ...r, issues: r.issues.map((i) => ({ ...i, path: bracketed(i.path) })) };
}

function compute(
  rb: Rulebook,
  data: ProgramData,
  byId: ReadonlyMap<string, Program>,
  plan: SavedPlan,
  asOf: string,
): SavedPlanResults {
  const issues: Issue[] = [];
  const empty = { asOf, assessment: null, lists: [], forecast: null };
  const profile = validateProfile(profileSchemaFor(rb), plan.profile);
  if (!profile.ok) return { ...empty, issues: prefixed("profile", profile.issues) };
  const assessed = assessProfile(rb, profile.value, plan.specialty, asOf);
  if (!assessed.ok) return { ...empty, issues: assessed.issues };
  const assessment = assessed.value;

  const bySpecialty = new Map<string, Program[]>();
  plan.programs.forEach((chosen, i) => {
    if (chosen.status === "withdrawn") return;
    const p = byId.get(chosen.programId);
    if (!p) {
      issues.push({
        code: "unknown_reference",
        path: `programs[${i}].programId`,
        message: `"${chosen.programId}" is no longer in the program catalog; it is left out of the lists`,
      });
      return;
    }
    bySpecialty.set(p.specialty, [...(bySpecialty.get(p.specialty) ?? []), p]);
  });
  const lists: ListEvaluation[] = [];
  for (const [specialty, programs] of bySpecialty) {
    const r = evaluateChosen(rb, data, profile.value, specialty, programs, asOf);
    if (r.ok) lists.push(r.value);
    else issues.push(...r.issues);
  }

  let forecast: ForecastResult | null = null;
  if (plan.practiceLog.length > 0) {
    const log = parsePracticeLog(rb, plan.practiceLog, asOf, "practiceLog");
    const target = assessment.step2ck.target;
    if (!log.ok) issues.push(...log.issues);
    else if (!target)
      issues.push({
        code: "missing_field",
        path: "practiceLog",
        message: "no forecast: the guides set no Step 2 CK target for this profile and specialty",
      });
    else {
      const planned = profile.value.step2ck.plannedDate;
      const r = forecastScore(rb, {
        log: log.value,
        target: target.min,
        asOf,
        matchYear: assessment.cycle.matchYear,
        specialty: assessment.specialty,
        ...(planned && planned >= asOf ? { examDate: planned } : {}),
      });
      if (r.ok) forecast = r.value;
      else issues.push(...r.issues);
    }
  }
  return { asOf, assessment, lists, forecast, issues };
}
