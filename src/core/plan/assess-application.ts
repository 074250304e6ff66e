import type { MatchYearChoice } from "../assess/application-cycle.ts";
import { assessForMatchYear } from "../assess/assess-for-year.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import type { Assessment } from "../assess/types.ts";
import { ok, type Result } from "../issues.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { StudyPlan } from "../study/index.ts";
import { planStep2ck } from "../timeline/plan-timeline.ts";
import type { PlanRequest } from "./types.ts";

/**
 * The first stage of every plan: the assessment and the Match year, each decided once.
 *
 * Steps: (1) assess the profile for the year it asks for (or the next open one); (2) while Step 2
 * CK is still ahead, plan it (`planStep2ck`, with that assessment) — its exam date decides the
 * Match year (`chooseMatchYear`, the only place the year is decided), moving to the next year when
 * the score could not be reported in time; (3) when the year moved, the assessment of record is the
 * one for the year the plan is for (`assessForMatchYear`), so the program list's fee season, the
 * backups' reapplication cycle and the timeline all speak of one year. Steps (1) and (3) are the
 * same assessment for the same year whenever the year stays.
 *
 * `planApplication` builds on this; the assessment on its own (the `assess` command and route)
 * is this stage's `assessment`, so it can never name another year than the plan.
 */
export interface ApplicationBasis {
  assessment: Assessment;
  matchYear: MatchYearChoice;
  /** Step 2 CK is still to be sat (not taken, or failed). */
  examAhead: boolean;
  /** The planner's result while the exam is ahead (a refusal carries its issues); null once the score is in hand. */
  study: Result<StudyPlan> | null;
}

export function assessApplication(
  rb: Rulebook,
  req: Pick<PlanRequest, "profile" | "specialty" | "asOf" | "applied" | "study">,
): Result<ApplicationBasis> {
  const asked = assessProfile(rb, req.profile, req.specialty, req.asOf);
  if (!asked.ok) return asked;
  const planned = planStep2ck(rb, {
    profile: req.profile,
    specialtyId: req.specialty,
    asOf: req.asOf,
    assessment: asked.value,
    ...(req.applied ? { applied: true } : {}),
    ...(req.study ? { studyOptions: req.study } : {}),
  });
  if (!planned.ok) return planned;
  const { study, examAhead, year } = planned.value;
  let assessment = asked.value;
  if (year.matchYear !== assessment.cycle.matchYear) {
    const forYear = assessForMatchYear(rb, req.profile, req.specialty, req.asOf, year.matchYear);
    if (!forYear.ok) return forYear;
    assessment = forYear.value;
  }
  return ok({ assessment, matchYear: year, examAhead, study });
}
