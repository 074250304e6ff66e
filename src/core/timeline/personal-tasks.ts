import { addDays } from "../assess/application-cycle.ts";
import type { Assessment, Because } from "../assess/types.ts";
import { evaluate, type Facts } from "../rulebook/condition.ts";
import type { RuleOf } from "../rulebook/schemas.ts";
import type { StudyPlan } from "../study/index.ts";
import type { Overdue } from "./stage-data.ts";

/*
 * The timeline read against the applicant's own record (build-timeline.ts, steps 2 and 3): the
 * stage tasks about Step 2 CK follow the applicant's exam, and a milestone past its window that the
 * profile shows is still needed says what to do now. Only rules in data speak: nothing is advised
 * that no rule says.
 */

/**
 * The stage tasks as this applicant should read them: the tasks about Step 2 CK (`step2ckTasks`)
 * follow the applicant's own exam — one line saying it is done once the score is in hand, or one
 * line pointing to the study plan's own dates — and are worded as the guide words them only while
 * the exam is ahead with no plan.
 */
export function ownStep2ckTasks(
  a: Assessment,
  plan: StudyPlan | null,
  examAhead: boolean,
  step2ckTasks: ReadonlySet<string>,
  label: (task: string) => string,
): (tasks: readonly string[]) => string[] {
  const own = !examAhead
    ? `Step 2 CK: done — your score (${a.step2ck.score}) is in hand, so the guide's Step 2 CK steps here do not apply`
    : plan
      ? `Step 2 CK by your own plan: study ${plan.studyStart} – ${addDays(plan.examDate, -1)}, sit the exam on ${plan.examDate}, score reported ${plan.timing.scoreReported.earliest} – ${plan.timing.scoreReported.latest} (the Step 2 CK rows)`
      : null;
  return (tasks) => {
    if (!own) return tasks.map(label);
    const out: string[] = [];
    for (const t of tasks)
      if (!step2ckTasks.has(t)) out.push(label(t));
      else if (!out.includes(own)) out.push(own);
    return out;
  };
}

/**
 * What to do now about a milestone past its window that the profile shows is still needed: the
 * message of the first rule of `now` the assessment recommends, or that no rule gives a step.
 */
export function overdueStep(
  o: Overdue | undefined,
  a: Assessment,
  facts: Facts | undefined,
  rule: RuleOf<"guidance">,
): { text: string; because: Because } | null {
  if (!o || !facts || !evaluate(o.stillNeeded, facts)) return null;
  const rec = o.now.map((id) => a.recommendations.find((r) => r.ruleId === id)).find((r) => r !== undefined);
  const text = rec
    ? `Its window has passed and ${o.because}. What to do now: ${rec.message} (${rec.ruleId})`
    : `Its window has passed and ${o.because}; no rule in the guides gives a step for this now.`;
  return {
    text,
    because: {
      ruleId: rec?.ruleId ?? rule.id,
      value: { overdue: true, stillNeeded: o.stillNeeded },
      sources: rec?.sources ?? rule.sources,
      note: text,
    },
  };
}
