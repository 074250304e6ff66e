import type { MatchYearChoice } from "../assess/application-cycle.ts";
import type { Assessment } from "../assess/types.ts";
import type { BackupPlan } from "../backup/types.ts";
import type { SeasonCost } from "../cycle/season-cost.ts";
import type { Issue } from "../issues.ts";
import type { Narrative } from "../narrative/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { PlanRequest as ListRequest, ProgramPlan } from "../programs/plan-program-list.ts";
import type { SourceListing } from "../sources/types.ts";
import type { ForecastResult, PracticeExam, StudyPlan } from "../study/index.ts";
import type { StudyOptions } from "../timeline/plan-timeline.ts";
import type { Timeline } from "../timeline/types.ts";

/** Bumped when a field of the Plan is renamed or removed (fields are only ever added otherwise). */
export const PLAN_VERSION = 1;

/**
 * The parts a caller may leave out when it shows only some of the plan (the program-list route
 * needs no timeline). The assessment, the Match year and the Step 2 CK plan are always made: the
 * year rests on the exam date, and every part rests on the year. A part left out is null.
 * Backups size their parallel list from the main list, so asking for backups makes the list too.
 */
export const PLAN_PARTS = ["list", "timeline", "narrative", "backups", "sources"] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

/** What the program planner may be asked beyond the profile, specialty, date and budget. */
export type ListOptions = Pick<ListRequest, "signals" | "anywhere" | "parallelSpecialty">;

export interface PlanRequest {
  profile: Profile;
  specialty: string;
  asOf: string;
  /** The applicant has applied for the asked-for Match year (see `chooseMatchYear`). */
  applied?: boolean;
  /** USD; undefined = the profile's `preferences.budgetUsd`; null = no limit. */
  budgetUsd?: number | null;
  /** The program planner's options. */
  list?: ListOptions;
  /** The study planner's options (exam date, baseline, target, availability…). */
  study?: StudyOptions;
  /** A validated practice-exam log (`parsePracticeLog`), for the forecast. */
  log?: PracticeExam[] | null;
  /** The optional parts to make (default: all of them). */
  parts?: readonly PlanPart[];
}

/** The specialty's Charting Outcomes Step 2 CK distributions (what "typical" means for it). */
export interface Quartiles {
  /** Applicants counted; null where the publication withheld it. */
  n: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  mean: number | null;
  sd: number | null;
}

export interface Step2ckDistribution {
  specialtyName: string;
  applicantType: string;
  matchYear: number;
  /** The specialty's match rate for this kind of applicant; null where the record carries none. */
  matchRate: number | null;
  matched: Quartiles;
  notMatched: Quartiles;
  sources: string[];
}

/** Whether a study plan feeds the plan: the score is in hand, a plan was made, or the planner refused (see `issues`). */
export const STEP2CK_STATUSES = ["in-hand", "planned", "no-plan"] as const;
export type Step2ckStatus = (typeof STEP2CK_STATUSES)[number];

/**
 * One applicant's whole plan for one specialty, as of a date: the document every surface renders.
 * Each part was computed once, from one assessment and one Match year; a part that could not be
 * computed is null with its reason in `issues` (never half-made), and a part not asked for is null
 * and absent from `parts`.
 */
export interface Plan {
  version: typeof PLAN_VERSION;
  asOf: string;
  specialty: { id: string; name: string };
  /** What the plan was made from. */
  inputs: {
    profile: Profile;
    budgetUsd: number | null;
    applied: boolean;
    practiceLog: PracticeExam[] | null;
  };
  /** The Match year the plan is for (`chooseMatchYear`), and why when it is not the one asked for. */
  matchYear: MatchYearChoice;
  /** The assessment every part rests on, for `matchYear`. */
  assessment: Assessment;
  step2ck: {
    status: Step2ckStatus;
    /** Still to be sat: not taken, or failed (`step2ckAhead`). */
    ahead: boolean;
    study: StudyPlan | null;
    /** Why the planner made no plan (status `no-plan`). */
    issues: Issue[];
    notes: string[];
    distribution: Step2ckDistribution | null;
  };
  forecast: ForecastResult | null;
  list: ProgramPlan | null;
  /** The season's all-in cost: the list's application fees, the parallel list's, and the rest of the season (`seasonCost`). Null without a list. */
  cost: SeasonCost | null;
  timeline: Timeline | null;
  narrative: Narrative | null;
  backups: BackupPlan | null;
  /** Plan-wide notes: a Match year moved past the one asked for, and why. */
  notes: string[];
  /** Every source the plan cites, from the bibliography (empty when `sources` was not asked for). */
  sources: SourceListing[];
  /** What could not be computed, and why; paths start with the part (`list.`, `forecast`, `timeline.`). */
  issues: Issue[];
  parts: PlanPart[];
}
