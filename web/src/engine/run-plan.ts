import { assessProfile } from "../../../src/core/assess/assess-profile.ts";
import { step2ckPassingScore } from "../../../src/core/assess/derive-facts.ts";
import type { Assessment } from "../../../src/core/assess/types.ts";
import { planBackups } from "../../../src/core/backup/plan-backups.ts";
import type { BackupPlan } from "../../../src/core/backup/types.ts";
import type { Issue, Result } from "../../../src/core/issues.ts";
import { buildNarrative } from "../../../src/core/narrative/build-narrative.ts";
import type { Narrative } from "../../../src/core/narrative/types.ts";
import type { Profile } from "../../../src/core/profile/profile-schema.ts";
import { type ProgramPlan, planProgramList } from "../../../src/core/programs/plan-program-list.ts";
import { forecastScore } from "../../../src/core/study/forecast-score.ts";
import { planStudy } from "../../../src/core/study/plan-study.ts";
import { parsePracticeLog } from "../../../src/core/study/practice-log.ts";
import type { ForecastResult, PracticeExam, StudyPlan } from "../../../src/core/study/types.ts";
import { planTimeline } from "../../../src/core/timeline/plan-timeline.ts";
import type { Timeline } from "../../../src/core/timeline/types.ts";
import { type ListContext, listContext } from "./edited-list.ts";
import type { Engine } from "./load-engine.ts";

/** What the page plans for: a validated profile, a specialty and the date it is planned as of. */
export interface PlanInputs {
  profile: Profile;
  specialty: string;
  asOf: string;
}

/** Everything shown under "Your plan"; each part carries its own `because[]`. */
export interface PlanResult {
  inputs: PlanInputs;
  assessment: Result<Assessment>;
  programs: Result<ProgramPlan>;
  study: Result<StudyPlan>;
  timeline: Timeline | null;
  narrative: Narrative | null;
  backups: BackupPlan | null;
  list: ListContext | null;
  /** The what-if slider's range: the Step 2 CK passing score in force to the top of the scale. */
  scoreRange: { min: number; max: number };
  ms: number;
}

export function computePlan(engine: Engine, inputs: PlanInputs, now = () => performance.now()): PlanResult {
  const start = now();
  const { rb, data } = engine;
  const { profile, specialty, asOf } = inputs;
  const assessment = assessProfile(rb, profile, specialty, asOf);
  const programs = planProgramList(rb, data, { profile, specialty, asOf });
  const study = planStudy(rb, { profile, specialtyId: specialty, asOf });
  const list = programs.ok ? listContext(engine, profile, specialty, asOf, programs.value) : null;
  const a = assessment.ok ? assessment.value : null;
  const planned = a
    ? planTimeline(rb, { profile, specialtyId: specialty, asOf, assessment: a, study })
    : null;
  const timeline = planned?.ok ? planned.value.timeline : null;
  const narrative = a ? buildNarrative(rb, profile, a) : null;
  const backups = a
    ? planBackups(rb, data, {
        profile,
        assessment: a,
        mainPlan: programs.ok ? programs.value : null,
        asOf,
        budgetUsd: profile.preferences?.budgetUsd ?? null,
      })
    : null;
  const scale = rb.exam.usmle.scale.value;
  return {
    inputs,
    assessment,
    programs,
    study,
    timeline,
    narrative,
    backups,
    list,
    scoreRange: { min: step2ckPassingScore(rb, asOf), max: scale.max },
    ms: Math.round(now() - start),
  };
}

/** The score the forecast is judged against: the study plan's target, else the guides' target. */
export function forecastTarget(plan: PlanResult): { score: number; label: string } | null {
  if (plan.study.ok) return { score: plan.study.value.target.score, label: plan.study.value.target.label };
  const t = plan.assessment.ok ? plan.assessment.value.step2ck.target : null;
  return t ? { score: t.min, label: t.label } : null;
}

export interface ForecastOutcome {
  log: Result<PracticeExam[]>;
  forecast: Result<ForecastResult> | null;
}

/** Validates the practice-exam log and, when there is a target, forecasts exam day. */
export function runForecast(engine: Engine, plan: PlanResult, rawLog: unknown[]): ForecastOutcome | null {
  if (rawLog.length === 0) return null;
  const log = parsePracticeLog(engine.rb, rawLog, plan.inputs.asOf);
  if (!log.ok) return { log, forecast: null };
  const target = forecastTarget(plan);
  if (!target) {
    const issue: Issue = {
      code: "missing_field",
      path: "target",
      message:
        "the guides set no Step 2 CK target for this profile and specialty, so there is nothing to forecast against",
    };
    return { log, forecast: { ok: false, issues: [issue] } };
  }
  const examDate = plan.study.ok
    ? plan.study.value.examDate
    : (plan.inputs.profile.step2ck.plannedDate ?? undefined);
  const forecast = forecastScore(engine.rb, {
    log: log.value,
    target: target.score,
    asOf: plan.inputs.asOf,
    ...(examDate && examDate >= plan.inputs.asOf ? { examDate } : {}),
    ...(plan.timeline ? { matchYear: plan.timeline.matchYear } : {}),
  });
  return { log, forecast };
}
