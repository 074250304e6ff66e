import type { Program } from "../catalog/program.ts";
import { fail, ok, type Result } from "../issues.ts";
import { planApplication } from "../plan/plan-application.ts";
import type { Plan } from "../plan/types.ts";
import { evaluateList } from "../programs/evaluate-list.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import type { ProgramPlan } from "../programs/plan-program-list.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { SeasonRequest } from "./track-season.ts";

/**
 * The plan the tracker is read against: the caller's when it is for the tracker's specialty and
 * Match year, else the one `planApplication` makes for them (the list only, as applied).
 */
export function seasonPlan(
  rb: Rulebook,
  data: ProgramData,
  req: SeasonRequest,
  specialty: string,
  matchYear: number,
): Result<Plan & { list: ProgramPlan }> {
  const given = req.plan;
  const withList = (p: Plan): Result<Plan & { list: ProgramPlan }> =>
    p.list
      ? ok({ ...p, list: p.list })
      : fail(
          p.issues.length > 0
            ? p.issues
            : [
                {
                  code: "invalid_value",
                  path: "specialty",
                  message: "the plan has no program list to read the season against",
                },
              ],
        );
  if (given?.list && given.specialty.id === specialty && given.matchYear.matchYear === matchYear)
    return withList(given);
  const made = planApplication(rb, data, {
    profile: { ...req.profile, targetMatchYear: matchYear },
    specialty,
    asOf: req.asOf,
    applied: true,
    parts: ["list"],
  });
  return made.ok ? withList(made.value) : made;
}

/**
 * The plan's P(match) for the programs applied to: the planner's odds and kernel (`evaluateList`)
 * with the signals as recorded, the plan's forecast spread and, when given, its PGY-1 year.
 */
export function planFigure(
  rb: Rulebook,
  data: ProgramData,
  plan: Plan,
  specialty: string,
  req: SeasonRequest,
  applied: ReadonlyArray<{ program: Program; signal: "gold" | "silver" | null }>,
  pgy1: ProgramPlan["pgy1"],
): MatchEstimate | null {
  const placed = new Map<string, "gold" | "silver">();
  for (const a of applied) if (a.signal) placed.set(a.program.id, a.signal);
  const tier = (t: "gold" | "silver") => [...placed.values()].filter((x) => x === t).length;
  return (
    evaluateList(
      rb,
      data,
      plan.inputs.profile,
      specialty,
      applied.map((a) => a.program),
      req.asOf,
      { placed, allowance: { gold: tier("gold"), silver: tier("silver") } },
      plan.forecast ? { sd: plan.forecast.forecast.sd } : null,
      pgy1,
    )?.pMatch ?? null
  );
}
