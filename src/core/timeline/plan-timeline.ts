import type { MatchYearChoice } from "../assess/application-cycle.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import type { Assessment } from "../assess/types.ts";
import { ok, type Result } from "../issues.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { planStudy, type StudyPlan, type StudyRequest, step2ckAhead } from "../study/index.ts";
import { buildTimeline, timelineYear } from "./build-timeline.ts";
import type { Timeline } from "./types.ts";

/**
 * The timeline for one profile, specialty and date, with the Step 2 CK plan that feeds it.
 *
 * This is the one place that decides whether a study plan feeds the timeline: when Step 2 CK is
 * still to be sat (`step2ckAhead`: not taken, or failed) the planner's plan does — its exam date
 * and Match year are the timeline's —, and when the score is in hand nothing does. The CLI, the
 * API, the report and the page call `planTimeline`; the batch, which prints no timeline rows, calls
 * its first half `planStep2ck` (plan and Match year); so none of them can disagree.
 *
 * Callers that already hold the assessment or the planner's result pass them in, so nothing is
 * computed twice; a given study result is used only while the exam is still ahead.
 */
export interface TimelinePlanRequest {
  profile: Profile;
  specialtyId: string;
  asOf: string;
  /** The applicant has applied for the assessment's Match year (see `chooseMatchYear`). */
  applied?: boolean;
  assessment?: Assessment;
  study?: Result<StudyPlan>;
  /** The study planner's options (exam date, baseline, target, availability…) when it plans here. */
  studyOptions?: StudyOptions;
}

/** What a caller may ask of the study planner beyond the profile, specialty and date. */
export type StudyOptions = Omit<StudyRequest, "profile" | "specialtyId" | "asOf" | "applied" | "assessment">;

export interface PlannedTimeline {
  assessment: Assessment;
  /** The planner's result while Step 2 CK is still ahead (a refusal carries its issues); null once the score is in hand. */
  study: Result<StudyPlan> | null;
  timeline: Timeline;
}

/** The Step 2 CK plan and Match year without the timeline's rows: what the batch needs. */
export interface PlannedStep2ck {
  assessment: Assessment;
  study: Result<StudyPlan> | null;
  examAhead: boolean;
  year: MatchYearChoice;
}

export function planStep2ck(rb: Rulebook, req: TimelinePlanRequest): Result<PlannedStep2ck> {
  let assessment = req.assessment;
  if (!assessment) {
    const a = assessProfile(rb, req.profile, req.specialtyId, req.asOf);
    if (!a.ok) return a;
    assessment = a.value;
  }
  const examAhead = step2ckAhead(rb, req.profile);
  const study = examAhead
    ? (req.study ??
      planStudy(rb, {
        ...req.studyOptions,
        profile: req.profile,
        specialtyId: req.specialtyId,
        asOf: req.asOf,
        assessment,
        ...(req.applied ? { applied: true } : {}),
      }))
    : null;
  const year = timelineYear(rb, {
    assessment,
    asOf: req.asOf,
    studyPlan: study?.ok ? study.value : null,
    examAhead,
    ...(req.applied ? { applied: true } : {}),
  });
  return ok({ assessment, study, examAhead, year });
}

export function planTimeline(rb: Rulebook, req: TimelinePlanRequest): Result<PlannedTimeline> {
  const planned = planStep2ck(rb, req);
  if (!planned.ok) return planned;
  const { assessment, study, examAhead, year } = planned.value;
  const timeline = buildTimeline(rb, {
    assessment,
    asOf: req.asOf,
    profile: req.profile,
    studyPlan: study?.ok ? study.value : null,
    examAhead,
    year,
    ...(req.applied ? { applied: true } : {}),
  });
  return ok({ assessment, study, timeline });
}
