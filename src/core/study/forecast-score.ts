import { addDays, cycleFor, nextOpenMatchYear } from "../assess/application-cycle.ts";
import { step2ckPassingScore } from "../assess/derive-facts.ts";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { normalQuantile } from "../math/normal.ts";
import { dateWindowIssue, yearWindowIssue } from "../profile/input-limits.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Predictor } from "../rulebook/schemas.ts";
import { daysBetween, isIsoDate } from "./dates.ts";
import { refNumber, refRange } from "./rule-ref.ts";
import type { Because, ForecastResult, PracticeExam, Reading, Tightener } from "./types.ts";
import type { Decision } from "./vocabulary.ts";

/**
 * Forecasts the exam-day Step 2 CK score from a practice-exam log, and makes the go / postpone
 * call (G1–G4).
 *
 * Problem: from a few noisy, differently biased practice scores, estimate the score on exam
 * day with a band that narrows as evidence grows and leans on recent results.
 * Steps: (1) each practice score less its resource's typical bias (the middle of the cited
 * range) is a reading of true readiness, with error sd·√(1 − r²) from the resource's cited
 * correlation r; (2) readiness is a local-level model — a random walk whose drift grows by
 * `processSdPerWeek` a week — filtered in date order (a one-dimensional Kalman filter): each
 * reading pulls the estimate by K = P / (P + error²), so later readings weigh more and every
 * reading narrows the band; (3) the estimate is carried to exam day, its variance growing with
 * the days left; the bias ranges' widths are added as a systematic error shared by readings of
 * the same resource; (4) the band is the central `bandProbability` interval of a normal;
 * (5) the gap to target decides: within G2's 5 points go; more than G1's 20 below postpone when
 * G3 allows it; otherwise consider postponing.
 * Complexity: O(n²) in the log (each reading re-weights the earlier ones; n is at most the input
 * limits' log length), O(n·c) for the c "what would tighten it" candidates.
 * Reference: local-level model — Durbin & Koopman, Time Series Analysis by State Space Methods
 * (2nd ed., 2012), ch. 2; coefficients in data/facts/study-forecast.yaml; digest G1–G4, D5.
 */
export interface ForecastRequest {
  log: PracticeExam[];
  target: number;
  asOf: string;
  examDate?: string;
  matchYear?: number;
  /**
   * The applicant's Step 2 CK score, when they have one. A forecast is for an exam still to
   * come: once a passing score is in there is nothing to forecast (a passed Step cannot be
   * retaken, G4), so the request is refused; after a failed attempt the retake is forecast.
   */
  step2ckScore?: number | null;
}

interface Coefficients {
  predictor: Predictor;
  id: string;
}

function coefficientsFor(rb: Rulebook, e: Pick<PracticeExam, "kind" | "form">): Coefficients {
  const k = rb.study.forecast.kinds;
  if (e.kind === "nbme") {
    const old = Number(e.form) < k.nbme.oldFormsBelow;
    return { predictor: old ? k.nbme.old : k.nbme.current, id: old ? "nbme.old" : "nbme.current" };
  }
  if (e.kind === "uwsa") {
    const p = k.uwsa.forms[String(e.form)];
    if (!p) throw new Error(`No coefficients for UWSA ${String(e.form)}`);
    return { predictor: p, id: `uwsa.${String(e.form)}` };
  }
  return { predictor: k[e.kind], id: e.kind };
}

const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;

/** A reading's pieces: the bias-corrected score, its random error variance, its systematic bias variance. */
function readingOf(rb: Rulebook, e: Pick<PracticeExam, "kind" | "form" | "score">) {
  const { predictor, id } = coefficientsFor(rb, e);
  const sd = rb.study.forecast.scoreSd.value;
  const r = mid(predictor.correlation);
  const errorVar = sd * sd * (1 - r * r);
  const width = predictor.bias.max - predictor.bias.min;
  return {
    corrected: e.score - mid(predictor.bias),
    errorVar,
    biasVar: (width * width) / 12,
    group: id,
    predictor,
  };
}

interface FilterState {
  m: number;
  P: number;
  weights: number[];
  last: string;
}

function runFilter(
  rb: Rulebook,
  items: Array<{ date: string; corrected: number; errorVar: number }>,
): FilterState {
  const q = rb.study.forecast.processSdPerWeek.value ** 2 / 7;
  const first = items[0] as (typeof items)[number];
  let state: FilterState = { m: first.corrected, P: first.errorVar, weights: [1], last: first.date };
  for (const item of items.slice(1)) {
    const P = state.P + q * Math.max(0, daysBetween(state.last, item.date));
    const K = P / (P + item.errorVar);
    state = {
      m: state.m + K * (item.corrected - state.m),
      P: (1 - K) * P,
      weights: [...state.weights.map((w) => w * (1 - K)), K],
      last: item.date,
    };
  }
  return state;
}

/** Variance of the estimate at `at`: the filter's, the drift to that date, and the shared bias terms. */
function varianceAt(
  rb: Rulebook,
  state: FilterState,
  groups: string[],
  biasVars: number[],
  at: string,
): number {
  const q = rb.study.forecast.processSdPerWeek.value ** 2 / 7;
  const byGroup = new Map<string, { w: number; v: number }>();
  state.weights.forEach((w, i) => {
    const g = groups[i] as string;
    const prior = byGroup.get(g) ?? { w: 0, v: biasVars[i] as number };
    byGroup.set(g, { w: prior.w + w, v: prior.v });
  });
  let bias = 0;
  for (const { w, v } of byGroup.values()) bias += w * w * v;
  return state.P + q * Math.max(0, daysBetween(state.last, at)) + bias;
}

export function forecastScore(rb: Rulebook, req: ForecastRequest): Result<ForecastResult> {
  const issues: Issue[] = [];
  const scale = rb.exam.usmle.scale.value;
  if (!Number.isInteger(req.target) || req.target < scale.min || req.target > scale.max)
    issues.push({
      code: "out_of_range",
      path: "target",
      message: `${req.target} is not a score on the USMLE scale`,
      allowed: `a whole number ${scale.min}–${scale.max}`,
    });
  const inWindow = (path: string, date: string) => {
    const outside = dateWindowIssue(rb.limits, path, date);
    if (outside) issues.push(outside);
  };
  if (!isIsoDate(req.asOf))
    issues.push({ code: "invalid_value", path: "asOf", message: "not a date", allowed: "YYYY-MM-DD" });
  else inWindow("asOf", req.asOf);
  if (req.examDate !== undefined && (!isIsoDate(req.examDate) || req.examDate < req.asOf))
    issues.push({
      code: "out_of_range",
      path: "examDate",
      message: `the exam date must be a date on or after ${req.asOf}`,
      allowed: `YYYY-MM-DD, on or after ${req.asOf}`,
    });
  else if (req.examDate !== undefined) inWindow("examDate", req.examDate);
  if (req.matchYear !== undefined) {
    const outside = yearWindowIssue(rb.limits, "matchYear", req.matchYear);
    if (outside) issues.push(outside);
  }
  const taken = req.step2ckScore ?? null;
  if (taken !== null && taken >= step2ckPassingScore(rb, null))
    return fail([
      {
        code: "inconsistent",
        path: "step2ckScore",
        message: `Step 2 CK is already in (${taken}); a practice-exam forecast is for an exam still to come, and a passed Step cannot be retaken (G4)`,
        allowed: "no Step 2 CK score, or a failed one",
      },
    ]);
  const maxEntries = rb.limits.practiceLog.entries.value.max;
  if (req.log.length === 0)
    issues.push({ code: "out_of_range", path: "log", message: "needs at least one practice exam" });
  else if (req.log.length > maxEntries)
    return fail([
      {
        code: "out_of_range",
        path: "log",
        message: `lists ${req.log.length} practice exams; at most ${maxEntries}`,
        allowed: `1–${maxEntries} entries`,
      },
    ]);
  req.log.forEach((e, i) => {
    if (e.date > req.asOf)
      issues.push({
        code: "out_of_range",
        path: `log[${i}].date`,
        message: `${e.date} is after the as-of date ${req.asOf}`,
      });
  });
  if (issues.length > 0) return fail(issues);

  const F = rb.study.forecast;
  const log = [...req.log].sort((a, b) => a.date.localeCompare(b.date));
  const parts = log.map((e) => ({ e, ...readingOf(rb, e) }));
  const state = runFilter(
    rb,
    parts.map((p) => ({ date: p.e.date, corrected: p.corrected, errorVar: p.errorVar })),
  );
  const at = req.examDate ?? req.asOf;
  const groups = parts.map((p) => p.group);
  const biasVars = parts.map((p) => p.biasVar);
  const sd = Math.sqrt(varianceAt(rb, state, groups, biasVars, at));
  const z = normalQuantile(0.5 + F.bandProbability.value / 2);
  const clamp = (x: number) => Math.min(scale.max, Math.max(scale.min, x));
  const estimate = Math.round(clamp(state.m));
  const forecast = {
    at,
    estimate,
    low: Math.round(clamp(state.m - z * sd)),
    high: Math.round(clamp(state.m + z * sd)),
    sd: Math.round(sd * 10) / 10,
    probability: F.bandProbability.value,
  };
  const readings: Reading[] = parts.map((p, i) => ({
    date: p.e.date,
    kind: p.e.kind,
    form: p.e.form,
    score: p.e.score,
    corrected: Math.round(p.corrected * 10) / 10,
    errorSd: Math.round(Math.sqrt(p.errorVar) * 10) / 10,
    weight: Math.round((state.weights[i] as number) * 1000) / 1000,
    coefficients: p.group,
    sources: p.predictor.sources,
  }));

  // ── the call ──
  const R = rb.rules;
  const goWithin = refNumber(R, F.decision.goWithin);
  const stayOnCourse = refRange(R, F.decision.stayOnCourseWithin);
  const postponeBeyond = refNumber(R, F.decision.postponeBeyond);
  const gap = req.target - estimate;
  const matchYear = req.matchYear ?? nextOpenMatchYear(rb, req.asOf);
  const review = cycleFor(rb, matchYear).programsReview;
  const report = rb.exam.usmle.scoreReportWeeks;
  const latestExamForReview = review ? addDays(review.date, -report.value.max * 7) : null;
  const from = req.examDate ?? req.asOf;
  const room = latestExamForReview ? daysBetween(from, latestExamForReview) : null;
  const scoreReportedBy = req.examDate ? addDays(req.examDate, report.value.max * 7) : null;
  const cited = (id: string) => R.find((r) => r.id === id)?.sources ?? [];
  const because: Because[] = [
    {
      ruleId: "study-forecast",
      value: forecast,
      sources: [
        ...new Set([
          ...F.scoreSd.sources,
          ...F.processSdPerWeek.sources,
          ...readings.flatMap((r) => r.sources),
        ]),
      ],
      note: `${log.length} practice exam(s); the latest weighs ${Math.round((state.weights.at(-1) ?? 1) * 100)}% of the estimate; ${F.bandProbability.value * 100}% band ${forecast.low}–${forecast.high} on ${at}${log.length === 1 ? " — one exam is thin evidence" : ""} (coefficients and their assumptions: data/facts/study-forecast.yaml)`,
    },
  ];
  let decision: Decision;
  const review$ = review ? `${review.date}${review.estimated ? " (estimated)" : ""}` : "an unknown date";
  if (gap <= goWithin) {
    decision = "go";
    because.push({
      ruleId: F.decision.goWithin.rule,
      value: { estimate, target: req.target, gap, proceedWithin: goWithin },
      sources: [...cited(F.decision.goWithin.rule), ...F.decision.sources],
      note:
        gap <= 0
          ? `the forecast ${estimate} meets the target ${req.target}: go`
          : `the forecast ${estimate} is ${gap} below the target ${req.target}, within ${goWithin}: proceed`,
    });
  } else {
    const far = gap > postponeBeyond;
    const canPostpone = room !== null && room > 0;
    decision = far && canPostpone ? "postpone" : "consider-postponing";
    because.push({
      ruleId: far ? F.decision.postponeBeyond.rule : F.decision.goWithin.rule,
      value: {
        estimate,
        target: req.target,
        gap,
        proceedWithin: goWithin,
        stayOnCourseWithin: stayOnCourse,
        postponeBeyond,
      },
      sources: [
        ...cited(F.decision.goWithin.rule),
        ...cited(F.decision.postponeBeyond.rule),
        ...F.decision.sources,
      ],
      note: far
        ? `the forecast ${estimate} is ${gap} points below the target ${req.target} — more than ${postponeBeyond}: far below the range (G1, G2)`
        : `the forecast ${estimate} is ${gap} points below the target ${req.target} — more than G2's ${goWithin} (G1 would stay on course within ${stayOnCourse.min}–${stayOnCourse.max}; the more cautious reading is used)`,
    });
    because.push({
      ruleId: "G3",
      value: { latestExamForReview, roomToPostponeDays: room, matchYear },
      sources: [...cited("G3"), ...(review?.sources ?? []), ...report.sources],
      note:
        room === null
          ? "the date programs start reviewing is unknown; weigh postponing with a mentor"
          : canPostpone
            ? `postponing up to ${latestExamForReview} still has the score reported before programs review on ${review$}`
            : `no room this cycle: a later date's score would be pending when programs review on ${review$}; weigh applying in the ${matchYear + 1} Match with a mentor (ERAS deadline, year of graduation, time available)`,
    });
    because.push({
      ruleId: "D5",
      value: refRange(R, rb.study.plan.timing.worthwhileGain),
      sources: cited("D5"),
      note: "a 10–15 point gain is worth more than applying a few weeks earlier",
    });
  }
  if (scoreReportedBy && review && scoreReportedBy > review.date)
    because.push({
      ruleId: "D2",
      value: { scoreReportedBy, programsReview: review.date },
      sources: [...cited("D2"), ...report.sources, ...review.sources],
      note: `the score from ${req.examDate} may come as late as ${scoreReportedBy}, after programs start reviewing on ${review$}`,
    });
  because.push({
    ruleId: "G4",
    value: null,
    sources: cited("G4"),
    note: "a passed Step cannot be retaken for a higher score: sit when the forecast is where you need it",
  });

  const tighten = tighteners(rb, log, parts, state, at, req, z);
  return ok({
    asOf: req.asOf,
    examDate: req.examDate ?? null,
    target: req.target,
    forecast,
    gap,
    decision,
    readings,
    timing: {
      matchYear,
      programsReview: review ? { date: review.date, estimated: review.estimated } : null,
      latestExamForReview,
      roomToPostponeDays: room,
      scoreReportedBy,
    },
    tighten,
    because,
  });
}

/** How much one more practice exam of each useful kind would narrow the band on exam day. */
function tighteners(
  rb: Rulebook,
  log: PracticeExam[],
  parts: Array<{ e: PracticeExam; corrected: number; errorVar: number; biasVar: number; group: string }>,
  state: FilterState,
  at: string,
  req: ForecastRequest,
  z: number,
): Tightener[] {
  const res = rb.study.resources.selfAssessments;
  const spacing = Math.round(refRange(rb.rules, rb.study.plan.selfAssessments.spacingWeeks).min * 7);
  const by = req.examDate
    ? daysBetween(req.asOf, req.examDate) > spacing
      ? addDays(req.examDate, -spacing)
      : addDays(req.asOf, Math.min(1, daysBetween(req.asOf, req.examDate)))
    : addDays(req.asOf, spacing);
  const taken = (kind: string, form: number | null) =>
    log.some((e) => e.kind === kind && (form === null || Number(e.form) === form));
  const candidates: Array<{ action: string; kind: PracticeExam["kind"]; form: number | null }> = [];
  const nbme = [...res.nbme.forms].sort((a, b) => b - a).find((f) => !taken("nbme", f));
  if (nbme !== undefined) candidates.push({ action: `Take NBME form ${nbme}`, kind: "nbme", form: nbme });
  for (const f of [...res.uwsa.forms].sort((a, b) => b - a))
    if (!taken("uwsa", f)) {
      candidates.push({ action: `Take UWSA ${f}`, kind: "uwsa", form: f });
      break;
    }
  if (!taken("free120", null)) candidates.push({ action: "Take the Free 120", kind: "free120", form: null });
  const groups = parts.map((p) => p.group);
  const biasVars = parts.map((p) => p.biasVar);
  const now = z * Math.sqrt(varianceAt(rb, state, groups, biasVars, at));
  return candidates
    .map((c) => {
      const extra = readingOf(rb, { kind: c.kind, form: c.form, score: 0 });
      const items = [
        ...parts.map((p) => ({ date: p.e.date, corrected: p.corrected, errorVar: p.errorVar })),
        { date: by, corrected: 0, errorVar: extra.errorVar },
      ];
      const after = runFilter(rb, items);
      const w =
        z * Math.sqrt(varianceAt(rb, after, [...groups, extra.group], [...biasVars, extra.biasVar], at));
      return {
        action: c.action,
        by,
        halfWidthNow: Math.round(now * 10) / 10,
        halfWidthAfter: Math.round(w * 10) / 10,
      };
    })
    .sort((a, b) => a.halfWidthAfter - b.halfWidthAfter);
}
