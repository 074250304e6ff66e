import type { Issue, Result } from "../issues.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { type ForecastResult, forecastScore, type PracticeExam } from "../study/index.ts";
import type { ApplicationBasis } from "./assess-application.ts";

/**
 * The practice-exam forecast of a plan: exam-day score against the plan's target, for the plan's
 * exam date and Match year. One function decides what the forecast is judged against, so the
 * report, the page (which re-forecasts as the applicant logs exams) and a saved plan agree:
 * the target is the study plan's, else the guides' lower bound (T1–T6); the exam date is the
 * study plan's, else the profile's planned date when it is still ahead; the Match year is the
 * plan's. A score already in hand is not forecast — the forecast is for an exam still to come.
 * Null for an empty log.
 */
export function planForecast(
  rb: Rulebook,
  basis: Pick<ApplicationBasis, "assessment" | "matchYear" | "examAhead" | "study"> & {
    profile: { step2ck: { plannedDate?: string | null | undefined } };
    asOf: string;
  },
  log: readonly PracticeExam[] | null | undefined,
): Result<ForecastResult> | null {
  if (!log || log.length === 0) return null;
  const a = basis.assessment;
  if (!basis.examAhead)
    return refuse({
      code: "inconsistent",
      path: "forecast",
      message: `Step 2 CK is already in (${a.step2ck.score}); a practice-exam forecast is for an exam still to come`,
    });
  const study = basis.study?.ok ? basis.study.value : null;
  const target = study?.target.score ?? a.step2ck.target?.min ?? null;
  if (target === null)
    return refuse({
      code: "missing_field",
      path: "forecast",
      message:
        "no Step 2 CK target for this profile and specialty, so the practice exams cannot be judged against one",
    });
  const planned = basis.profile.step2ck.plannedDate;
  const examDate = study?.examDate ?? (planned && planned >= basis.asOf ? planned : undefined);
  const f = forecastScore(rb, {
    log: [...log],
    target,
    asOf: basis.asOf,
    matchYear: basis.matchYear.matchYear,
    ...(examDate ? { examDate } : {}),
  });
  return f.ok ? f : { ok: false, issues: f.issues.map((i) => ({ ...i, path: `forecast.${i.path}` })) };
}

const refuse = (issue: Issue): Result<ForecastResult> => ({ ok: false, issues: [issue] });
