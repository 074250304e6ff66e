import {
  evaluateChosenList,
  type ListEvaluation,
  ok,
  type Profile,
  type Program,
  type ProgramData,
  planApplication,
  type Result,
  type Rulebook,
} from "../../core/index.ts";

export type { ListEvaluation };

/**
 * A list the applicant chose by hand: its P(match) and its ERAS fees, scored against the
 * profile's plan for the specialty (its Match year and signals) by the core's one evaluation of
 * held lists, `evaluateChosenList`. Nothing is computed here.
 */
export function evaluateChosen(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialty: string,
  programs: readonly Program[],
  asOf: string,
  signals: "auto" | "none" = "auto",
): Result<ListEvaluation> {
  const plan = planApplication(rb, data, { profile, specialty, asOf, parts: ["list"] });
  if (!plan.ok) return plan;
  return ok(evaluateChosenList(rb, data, plan.value, programs, signals));
}
