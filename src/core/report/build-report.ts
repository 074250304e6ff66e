import { provisionalWhy } from "../assess/provisional-why.ts";
import { ok, type Result } from "../issues.ts";
import { planApplication } from "../plan/plan-application.ts";
import { scoreComparison } from "../plan/plan-headline.ts";
import { type HeldChoice, type HeldListNote, planWithHeldList } from "../plan/plan-with-held-list.ts";
import { standingVsOdds } from "../plan/standing-vs-odds.ts";
import type { Plan, PlanRequest } from "../plan/types.ts";
import type { ProgramPlan } from "../programs/plan-program-list.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { StudyPlan } from "../study/index.ts";
import { type ProgramsSection, REPORT_VERSION, type Report, type StudySummary } from "./types.ts";

/**
 * The report: the whole plan (`planApplication`) as one document model for the renderers —
 * standing and why, the Step 2 CK target and study calendar, the practice-exam forecast, the
 * program list, the timeline, narrative and letters, backups, and every source the plan rests on.
 *
 * Nothing is decided here: `reportFromPlan` only reshapes the plan (summaries of the study plan
 * and the forecast, the applicant's profile in a line each), so the report and every other
 * surface show the same figures. Pure: no IO, no clock; the renderers take only the model.
 */
export type ReportRequest = Omit<PlanRequest, "parts"> & {
  /** The list the applicant holds instead of the planner's (the page's edits): see `planWithHeldList`. */
  held?: HeldChoice;
};

export function buildReport(rb: Rulebook, data: ProgramData, req: ReportRequest): Result<Report> {
  const { held: choice, ...planReq } = req;
  const plan = planApplication(rb, data, planReq);
  if (!plan.ok) return plan;
  const edited = choice ? planWithHeldList(rb, data, plan.value, choice) : null;
  if (!edited) return ok(reportFromPlan(plan.value, null, specialtyNames(rb, plan.value)));
  const report = reportFromPlan(edited.plan, edited.held, specialtyNames(rb, edited.plan));
  return ok({ ...report, issues: [...report.issues, ...edited.issues] });
}

/** The name of every specialty a plan mentions, from the rulebook. */
function specialtyNames(rb: Rulebook, plan: Plan): Record<string, string> {
  const l = plan.list;
  const ids = [
    plan.specialty.id,
    ...(l
      ? [
          l.specialty,
          ...(l.parallel ? [l.parallel.specialty] : []),
          ...l.fees.map((f) => f.specialty),
          ...l.supplementalPgy1.map((x) => x.specialty),
          ...(l.pgy1Signals?.tracks.flatMap((t) => [t.specialty, t.allowanceOf]) ?? []),
        ]
      : []),
  ];
  return Object.fromEntries(ids.map((id) => [id, rb.specialties.get(id)?.name ?? id]));
}

/**
 * The report of a whole plan (every part made), with the note of a held list when the list is
 * one; `names` names the specialties it mentions (buildReport passes the rulebook's).
 */
export function reportFromPlan(
  plan: Plan,
  held: HeldListNote | null = null,
  names: Record<string, string> = { [plan.specialty.id]: plan.specialty.name },
): Report {
  const a = plan.assessment;
  const p = plan.inputs.profile;
  const study = plan.step2ck.study;
  const f = plan.forecast;
  const timeline = plan.timeline;
  const narrative = plan.narrative;
  const backups = plan.backups;
  if (!timeline || !narrative || !backups)
    throw new Error("reportFromPlan needs a whole plan: planApplication without `parts`");
  const programs = plan.list ? programsSection(plan.list, held) : null;
  // The same sentence as the page's headline: the list here is the one held when it is.
  const vsOdds =
    plan.list && programs
      ? standingVsOdds(
          a,
          { ...plan.list, programs: programs.listed },
          backups.oddsLine,
          scoreComparison(a.step2ck.score, plan.step2ck.distribution),
        )
      : null;
  return {
    version: REPORT_VERSION,
    title: `Application strategy — ${plan.specialty.name}, ${plan.matchYear.matchYear} Match`,
    asOf: plan.asOf,
    matchYear: plan.matchYear.matchYear,
    specialty: plan.specialty,
    names,
    applicant: {
      applicantType: p.applicantType,
      graduationYear: p.graduationYear,
      visa: p.visa,
      step1: `${p.step1.outcome}${p.step1.score != null ? ` (${p.step1.score})` : ""}${(p.step1.attempts ?? 1) > 1 ? `, ${p.step1.attempts} attempts` : ""}`,
      step2ck: p.step2ck.score,
      usceMonths: {
        handsOn: p.usce?.handsOnMonths ?? 0,
        observership: p.usce?.observershipMonths ?? 0,
        specialty: p.usce?.specialtyMonths ?? 0,
      },
      research: {
        items: p.research?.items ?? 0,
        specialty: p.research?.specialtyItems ?? 0,
        presentations: p.research?.presentations ?? 0,
      },
      letters: { total: p.letters?.total ?? 0, specialty: p.letters?.specialty ?? 0, us: p.letters?.us ?? 0 },
    },
    standing: {
      standing: a.standing,
      provisional: a.provisional,
      provisionalWhy: provisionalWhy(a),
      vsOdds,
      band: a.step2ck.band,
      otherBands: a.step2ck.otherBands,
      target: a.step2ck.target,
      redFlags: a.redFlags,
      compensators: a.compensators,
      screening: a.screening,
      recommendations: a.recommendations,
      step3: a.step3,
      applicationCount: a.applicationCount,
      applicationCountNote: a.applicationCountNote,
      pathway: a.pathway,
      guidance: a.guidance,
      because: a.because,
    },
    step2ck: {
      score: a.step2ck.score,
      target: a.step2ck.target,
      status: plan.step2ck.status,
      plan: study ? summarisePlan(study) : null,
      notes: plan.step2ck.notes,
      distribution: plan.step2ck.distribution,
    },
    forecast: f
      ? {
          at: f.forecast.at,
          examDate: f.examDate,
          target: f.target,
          estimate: f.forecast.estimate,
          low: f.forecast.low,
          high: f.forecast.high,
          probability: f.forecast.probability,
          gap: f.gap,
          decision: f.decision,
          readings: f.readings.map((x) => ({
            date: x.date,
            kind: x.kind,
            form: x.form,
            score: x.score,
            corrected: x.corrected,
            sources: x.sources,
          })),
          timing: {
            matchYear: f.timing.matchYear,
            latestExamForReview: f.timing.latestExamForReview,
            roomToPostponeDays: f.timing.roomToPostponeDays,
          },
          tighten: f.tighten,
          because: f.because,
        }
      : null,
    practiceLog: plan.inputs.practiceLog,
    programs,
    cost: plan.cost,
    timeline,
    narrative,
    backups,
    sources: plan.sources,
    issues: plan.issues,
  };
}

function summarisePlan(plan: StudyPlan): StudySummary {
  const review = plan.timing.cycle.programsReview;
  return {
    examDate: plan.examDate,
    studyStart: plan.studyStart,
    weeks: {
      planned: plan.weeks.planned,
      neededMin: plan.weeks.needed.min,
      neededMax: plan.weeks.needed.max,
      ruleId: plan.weeks.ruleId,
    },
    mode: plan.mode,
    hoursPerDay: plan.availability.hoursPerDay,
    target: plan.target,
    timing: {
      status: plan.timing.status,
      scoreReported: plan.timing.scoreReported,
      latestExamForReview: plan.timing.latestExamForReview,
      pendingAtReview: plan.timing.pendingAtReview,
      programsReview: review ? { date: review.date, estimated: review.estimated } : null,
      messages: plan.timing.messages,
    },
    phases: plan.phases.map((ph) => ({
      name: ph.name,
      start: ph.start,
      end: ph.end,
      days: ph.days,
      ruleId: ph.ruleId,
      sources: ph.sources,
    })),
    selfAssessments: plan.selfAssessments.map((s) => ({
      date: s.date,
      label: s.label,
      purpose: s.purpose,
      fullLength: s.fullLength,
    })),
    questions: {
      total: plan.questionBank.total,
      primary: plan.questionBank.primary.name,
      secondary: plan.questionBank.secondary?.names ?? null,
      sources: [...plan.questionBank.primary.sources, ...(plan.questionBank.secondary?.sources ?? [])],
    },
    reminders: plan.reminders.map((r) => ({
      date: r.date,
      text: r.text,
      ruleId: r.ruleId,
      sources: r.sources,
    })),
    notes: plan.notes,
    because: plan.because,
  };
}

function programsSection(p: ProgramPlan, held: HeldListNote | null): ProgramsSection {
  return {
    listed: held ? held.listed : p.programs.length,
    held,
    specialty: p.specialty,
    season: p.season,
    budgetUsd: p.budgetUsd,
    programs: p.programs,
    costUsd: p.costUsd,
    fees: p.fees,
    pMatch: p.pMatch,
    pMatchRange: p.pMatchRange,
    thinData: p.thinData,
    whatMoves: p.whatMoves,
    pAtLeastOneInterview: p.pAtLeastOneInterview,
    marginal: p.marginal,
    diminishingReturnsAt: p.diminishingReturnsAt,
    recommendedCount: p.recommendedCount,
    guideAdvice: p.guideAdvice,
    comparison: p.comparison,
    signals: p.signals,
    supplementalPgy1: p.supplementalPgy1,
    pgy1: p.pgy1,
    visaSponsorship: p.visaSponsorship,
    pathwayList: p.parallel,
    pMatchAny: p.pMatchAny,
    calibration: p.calibration,
    excludedCount: p.excluded.length,
    geography: p.geography,
    service: p.service,
    signalAllowance: p.signalAllowance,
    pgy1Signals: p.pgy1Signals,
    visaNotes: p.visaNotes,
    freshness: p.freshness,
    because: p.because,
  };
}
