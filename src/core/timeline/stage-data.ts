import { z } from "zod";
import { CYCLE_EVENTS } from "../assess/application-cycle.ts";
import { conditionSchema } from "../rulebook/condition.ts";

/**
 * The shapes of the timing rules' `values` the timeline reads: the stage plans (D7.dr, D7.ir)
 * and the dated milestones (D7.timeline), with which stage tasks follow the applicant's own Step 2
 * CK and what an overdue milestone the applicant still needs points to. The rulebook stores `values` untyped; these schemas
 * turn a malformed entry into an issue naming the rule instead of a crash.
 */
const months = z.strictObject({ min: z.number().nonnegative(), max: z.number().nonnegative() });
const monthOfYear = z.number().int().min(1).max(12);

export const stageSchema = z.union([
  z.strictObject({ monthsBeforeApplying: months, tasks: z.array(z.string()).optional() }),
  z.strictObject({ monthsBeforeMatch: months, tasks: z.array(z.string()).optional() }),
  z.strictObject({
    season: z.string(),
    months: z.array(monthOfYear).min(1).optional(),
    tasks: z.array(z.string()).optional(),
  }),
]);
export type Stage = z.infer<typeof stageSchema>;

export const stagePlanValuesSchema = z.looseObject({ stages: z.array(stageSchema).min(1) });

const eventAnchor = z.strictObject({ event: z.enum(CYCLE_EVENTS), monthsBefore: months.optional() });
const taskAnchor = z.strictObject({ task: z.string(), monthsBefore: months });
export const anchorSchema = z.union([eventAnchor, taskAnchor]);
export type Anchor = z.infer<typeof anchorSchema>;

export const milestoneSchema = z.strictObject({
  task: z.string(),
  from: eventAnchor.optional(),
  by: anchorSchema,
  sources: z.array(z.string()).min(1),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** A milestone past its window that the profile shows is still needed, and the rules that say what to do then. */
export const overdueSchema = z.strictObject({
  stillNeeded: conditionSchema,
  /** Why it is still needed, in words ("your profile shows no US clinical experience"). */
  because: z.string().min(1),
  now: z.array(z.string()).min(1),
});

export type Overdue = z.infer<typeof overdueSchema>;

export const milestoneValuesSchema = z.strictObject({
  milestones: z.array(milestoneSchema),
  seasons: z.record(z.string(), z.strictObject({ from: eventAnchor, by: eventAnchor })),
  stageTasks: z.record(z.string(), z.array(z.array(z.string()))),
  /** Stage tasks about the applicant's own Step 2 CK, shown from the applicant's exam state. */
  step2ckTasks: z.array(z.string()).default([]),
  overdue: z.record(z.string(), overdueSchema).default({}),
  taskLabels: z.record(z.string(), z.string()),
});
export type MilestoneValues = z.infer<typeof milestoneValuesSchema>;
