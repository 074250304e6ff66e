import { fail, type Issue, ok, type Result } from "../issues.ts";
import type { ProgramPlan } from "../programs/plan-program-list.ts";
import { type ForecastResult, passedStep2ckIssue, type StudyPlan } from "../study/index.ts";
import type { Timeline } from "../timeline/types.ts";
import type { Plan } from "./types.ts";

interface Parts {
  list: ProgramPlan;
  study: StudyPlan;
  forecast: ForecastResult;
  timeline: Timeline;
}

/**
 * One part of a plan, for a surface that answers with that part alone (`matchplan programs`, the
 * study-plan route): the part, or the issues that kept it from being made, with their paths as the
 * part's own engine names them. A passed Step 2 CK has no study plan (G4).
 */
export function planPart<K extends keyof Parts>(plan: Plan, part: K): Result<Parts[K]> {
  const value: Parts[keyof Parts] | null =
    part === "study" ? plan.step2ck.study : plan[part as Exclude<keyof Parts, "study">];
  if (value) return ok(value as Parts[K]);
  if (part === "study")
    return fail(
      plan.step2ck.status === "in-hand" ? [passedStep2ckIssue(plan.inputs.profile)] : plan.step2ck.issues,
    );
  const own = ownIssues(plan.issues, part);
  return fail(
    own.length > 0
      ? own
      : [{ code: "missing_field", path: part, message: `the plan was made without its ${part}` }],
  );
}

/** The issues of one part, with the part's prefix taken off their paths. */
function ownIssues(issues: readonly Issue[], part: string): Issue[] {
  return issues
    .filter((i) => i.path === part || i.path.startsWith(`${part}.`))
    .map((i) => ({ ...i, path: i.path === part ? part : i.path.slice(part.length + 1) }));
}
