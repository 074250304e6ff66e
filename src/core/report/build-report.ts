import { assessProfile } from "../assess/assess-profile.ts";
import type { Assessment } from "../assess/types.ts";
import { planBackups } from "../backup/plan-backups.ts";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { buildNarrative } from "../narrative/build-narrative.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { type ProgramPlan, planProgramList } from "../programs/plan-program-list.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { forecastScore, type PracticeExam, type StudyPlan } from "../study/index.ts";
import { planTimeline } from "../timeline/plan-timeline.ts";
import { type CatalogInput, listSources, sourceRefs } from "./collect-sources.ts";
import {
  type ForecastSummary,
  type ProgramsSection,
  REPORT_VERSION,
  type Report,
  type StudySummary,
} from "./types.ts";

/**
 * The whole strategy for one applicant and specialty as one document model: standing and why,
 * the Step 2 CK target and study calendar, the practice-exam forecast, the program list, the
 * timeline, narrative and letters, backups, and every source the document rests on.
 *
 * Each part comes from its own engine (assessment, study planner, forecast, program planner,
 * timeline, narrative, backups); this function only calls them in order and keeps what they
 * return. A part that cannot be computed is null, with its reason in `issues` — never half-made.
 * The sources section is built last by walking the finished model for every `sources` entry, so
 * whatever carries a source is listed. Pure: no IO, no clock; the renderers take only the model.
 */
export interface ReportRequest {
  profile: Profile;
  specialty: string;
  asOf: string;
  /** USD; undefined = the profile's `preferences.budgetUsd`; null = no limit. */
  budgetUsd?: number | null;
  /** A validated practice-exam log (`parsePracticeLog`), for the forecast. */
  log?: PracticeExam[] | null;
}

export function buildReport(rb: Rulebook, data: ProgramData, req: ReportRequest): Result<Report> {
  const assessed = assessProfile(rb, req.profile, req.specialty, req.asOf);
  if (!assessed.ok) return assessed;
  const a = assessed.value;
  const issues: Issue[] = [];
  const budget = req.budgetUsd === undefined ? (req.profile.preferences?.budgetUsd ?? null) : req.budgetUsd;

  // ── Step 2 CK and the timeline: the plan when the exam is still to come, and the Match year ──
  const stepNotes: string[] = [];
  const planned = planTimeline(rb, {
    profile: req.profile,
    specialtyId: a.specialty,
    asOf: req.asOf,
    assessment: a,
  });
  if (!planned.ok) return planned;
  const { study, timeline } = planned.value;
  const plan: StudyPlan | null = study?.ok ? study.value : null;
  if (study && !study.ok) stepNotes.push(...study.issues.map((i) => i.message));
  if (study === null)
    stepNotes.unshift(
      `Step 2 CK is in: ${a.step2ck.score}${a.step2ck.target ? ` against a target of ${targetText(a)} (${a.step2ck.target.ruleId})` : ""}.`,
    );

  // ── forecast ──
  let forecast: ForecastSummary | null = null;
  const target = plan?.target.score ?? a.step2ck.target?.min ?? null;
  if (req.log && req.log.length > 0) {
    if (study === null)
      issues.push({
        code: "inconsistent",
        path: "forecast",
        message: `Step 2 CK is already in (${a.step2ck.score}); a practice-exam forecast is for an exam still to come`,
      });
    else if (target === null)
      issues.push({
        code: "missing_field",
        path: "forecast",
        message:
          "no Step 2 CK target for this profile and specialty, so the practice exams cannot be judged against one",
      });
    else {
      const f = forecastScore(rb, {
        log: req.log,
        target,
        asOf: req.asOf,
        matchYear: timeline.matchYear,
        step2ckScore: a.step2ck.score,
        ...(plan ? { examDate: plan.examDate } : {}),
      });
      if (f.ok)
        forecast = {
          at: f.value.forecast.at,
          examDate: f.value.examDate,
          target: f.value.target,
          estimate: f.value.forecast.estimate,
          low: f.value.forecast.low,
          high: f.value.forecast.high,
          probability: f.value.forecast.probability,
          gap: f.value.gap,
          decision: f.value.decision,
          readings: f.value.readings.map((x) => ({
            date: x.date,
            kind: x.kind,
            form: x.form,
            score: x.score,
            corrected: x.corrected,
            sources: x.sources,
          })),
          timing: {
            matchYear: f.value.timing.matchYear,
            latestExamForReview: f.value.timing.latestExamForReview,
            roomToPostponeDays: f.value.timing.roomToPostponeDays,
          },
          tighten: f.value.tighten,
          because: f.value.because,
        };
      else issues.push(...f.issues.map((i) => ({ ...i, path: `forecast.${i.path}` })));
    }
  }

  // ── programs ──
  let programPlan: ProgramPlan | null = null;
  const pr = planProgramList(rb, data, {
    profile: req.profile,
    specialty: a.specialty,
    asOf: req.asOf,
    budgetUsd: budget,
  });
  if (pr.ok) programPlan = pr.value;
  else issues.push(...pr.issues.map((i) => ({ ...i, path: `programs.${i.path}` })));

  issues.push(...timeline.issues);
  const narrative = buildNarrative(rb, req.profile, a);
  const backups = planBackups(rb, data, {
    profile: req.profile,
    assessment: a,
    mainPlan: programPlan,
    asOf: req.asOf,
    budgetUsd: budget,
  });

  const co = rb.chartingOutcomes;
  const charted = co.specialties[a.specialty];
  const specialtyName = rb.specialties.get(a.specialty)?.name ?? a.specialty;
  const p = req.profile;
  const report: Report = {
    version: REPORT_VERSION,
    title: `Application strategy — ${specialtyName}, ${timeline.matchYear} Match`,
    asOf: req.asOf,
    matchYear: timeline.matchYear,
    specialty: { id: a.specialty, name: specialtyName },
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
      band: a.step2ck.band,
      otherBands: a.step2ck.otherBands,
      target: a.step2ck.target,
      redFlags: a.redFlags,
      compensators: a.compensators,
      screening: a.screening,
      recommendations: a.recommendations,
      step3: a.step3,
      applicationCount: a.applicationCount,
      pathway: a.pathway,
      guidance: a.guidance,
      because: a.because,
    },
    step2ck: {
      score: a.step2ck.score,
      target: a.step2ck.target,
      status: plan ? "planned" : study === null ? "in-hand" : "no-plan",
      plan: plan ? summarisePlan(plan) : null,
      notes: stepNotes,
      distribution: charted
        ? {
            specialtyName: charted.name,
            applicantType: co.applicantType,
            matchYear: co.matchYear,
            matchRate: charted.matchRate,
            matched: charted.step2ck.matched,
            notMatched: charted.step2ck.notMatched,
            sources: [co.source],
          }
        : null,
    },
    forecast,
    practiceLog: req.log && req.log.length > 0 ? req.log : null,
    programs: programPlan ? programsSection(programPlan) : null,
    timeline,
    narrative,
    backups,
    sources: [],
    issues,
  };
  const { listings, unknown } = listSources(rb, sourceRefs(report), catalogInputs(data));
  if (unknown.length > 0)
    return fail([
      {
        code: "unknown_source",
        path: "sources",
        message: `the report cites sources missing from data/sources.yaml: ${unknown.join(", ")}`,
      },
    ]);
  report.sources = listings;
  return ok(report);
}

function targetText(a: Assessment): string {
  const t = a.step2ck.target;
  if (!t) return "";
  return t.max === null ? `${t.min}+` : `${t.min}–${t.max}`;
}

function catalogInputs(data: ProgramData): CatalogInput[] {
  return data.catalog.metadata.inputs.map((i) => ({
    source: i.source,
    title: i.title,
    publisher: i.publisher,
    vintage: i.vintage,
    terms: i.terms,
    ...(i.url ? { url: i.url } : {}),
  }));
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

function programsSection(p: ProgramPlan): ProgramsSection {
  return {
    specialty: p.specialty,
    season: p.season,
    budgetUsd: p.budgetUsd,
    programs: p.programs,
    costUsd: p.costUsd,
    fees: p.fees,
    pMatch: p.pMatch,
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
    because: p.because,
  };
}
