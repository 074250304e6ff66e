import type { Issue, Result } from "../issues.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { type ForecastResult, forecastScore, type PracticeExam } from "../study/index.ts";
import type { Plan } from "./types.ts";

/** What the forecast needs of a plan (planApplication forecasts before the rest of the plan is made). */
export type ForecastBasis = Pick<Plan, "asOf" | "assessment" | "matchYear"> & {
  step2ck: Pick<Plan["step2ck"], "ahead" | "study">;
  inputs: Pick<Plan["inputs"], "profile">;
};

/**
 * The score a plan's practice exams are judged against: the study plan's target, else the
 * guides' lower bound (T1–T6); null when neither exists.
 */
export function forecastTarget(plan: ForecastBasis): { score: number; label: string } | null {
  const study = plan.step2ck.study;
  if (study) return { score: study.target.score, label: study.target.label };
  const t = plan.assessment.step2ck.target;
  return t ? { score: t.min, label: t.label } : null;
}

/**
 * The practice-exam forecast of a plan: exam-day score against the plan's target
 * (`forecastTarget`), for the plan's exam date and Match year. One function decides what the
 * forecast is judged against, so the report, the page (which re-forecasts as the applicant logs
 * exams) and a saved plan agree. The exam date is the study plan's, else the profile's planned
 * date while it is still ahead. A score already in hand is not forecast: the forecast is for an
 * exam still to come. Null for an empty log.
 */
export function planForecast(
  rb: Rulebook,
  plan: ForecastBasis,
  log: readonly PracticeExam[] | null | undefined,
): Result<ForecastResult> | null {
  if (!log || log.length === 0) return null;
  const a = plan.assessment;
  if (!plan.step2ck.ahead)
    return refuse({
      code: "inconsistent",
      path: "forecast",
      message: `Step 2 CK is already in (${a.step2ck.score}); a practice-exam forecast is for an exam still to come`,
    });
  const target = forecastTarget(plan);
  if (target === null)
    return refuse({
      code: "missing_field",
      path: "forecast",
      message:
        "no Step 2 CK target for this profile and specialty, so the practice exams cannot be judged against one",
    });
  const planned = plan.inputs.profile.step2ck.plannedDate;
  const examDate = plan.step2ck.study?.examDate ?? (planned && planned >= plan.asOf ? planned : undefined);
  const f = forecastScore(rb, {
    log: [...log],
    target: target.score,
    asOf: plan.asOf,
    matchYear: plan.matchYear.matchYear,
    step2ckScore: a.step2ck.score,
    ...(examDate ? { examDate } : {}),
  });
  return f.ok ? f : { ok: false, issues: f.issues.map((i) => ({ ...i, path: `forecast.${i.path}` })) };
}

const refuse = (issue: Issue): Result<ForecastResult> => ({ ok: false, issues: [issue] });
