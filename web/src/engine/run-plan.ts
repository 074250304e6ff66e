import {
  type ForecastResult,
  forecastTarget,
  type HeldList,
  holdList,
  type Issue,
  type Plan,
  type PracticeExam,
  type Profile,
  parsePracticeLog,
  planApplication,
  planForecast,
  type Result,
  step2ckPassingScore,
} from "../../../src/core/index.ts";
import type { Engine } from "./load-engine.ts";

/** What the page plans for: a validated profile, a specialty and the date it is planned as of. */
export interface PlanInputs {
  profile: Profile;
  specialty: string;
  asOf: string;
}

/**
 * Everything shown under "Your plan": the core's plan (`planApplication`, as the CLI, the API
 * and the report make it) and the list the applicant holds against it. The page decides nothing:
 * it renders the plan's parts, and re-scores an edited list with the core (`summariseList`).
 */
export interface PlanResult {
  inputs: PlanInputs;
  /** The plan, or why none could be made (an unknown specialty, say). */
  plan: Result<Plan>;
  /** The plan's program list ready to edit; null when there is no list. */
  held: HeldList | null;
  /** The what-if slider's range: the Step 2 CK passing score in force to the top of the scale. */
  scoreRange: { min: number; max: number };
  ms: number;
}

/** The parts the page shows (the Sources section lists every source the plan cites). */
const PAGE_PARTS = ["list", "timeline", "narrative", "backups", "sources"] as const;

export function computePlan(engine: Engine, inputs: PlanInputs, now = () => performance.now()): PlanResult {
  const start = now();
  const { rb, data } = engine;
  const plan = planApplication(rb, data, { ...inputs, parts: PAGE_PARTS });
  const scale = rb.exam.usmle.scale.value;
  return {
    inputs,
    plan,
    held: plan.ok ? holdList(rb, data, plan.value) : null,
    scoreRange: { min: step2ckPassingScore(rb, inputs.asOf), max: scale.max },
    ms: Math.round(now() - start),
  };
}

/** The score the forecast is judged against (the core's `forecastTarget`). */
export function pageForecastTarget(result: PlanResult): { score: number; label: string } | null {
  return result.plan.ok ? forecastTarget(result.plan.value) : null;
}

export interface ForecastOutcome {
  log: Result<PracticeExam[]>;
  forecast: Result<ForecastResult> | null;
}

/** Validates the practice-exam log and forecasts exam day as the plan does (`planForecast`). */
export function runForecast(engine: Engine, result: PlanResult, rawLog: unknown[]): ForecastOutcome | null {
  if (rawLog.length === 0 || !result.plan.ok) return null;
  const log = parsePracticeLog(engine.rb, rawLog, result.inputs.asOf);
  if (!log.ok) return { log, forecast: null };
  return { log, forecast: planForecast(engine.rb, result.plan.value, log.value) ?? noPracticeExams() };
}

function noPracticeExams(): Result<ForecastResult> {
  const issue: Issue = {
    code: "missing_field",
    path: "forecast",
    message: "no practice exams to forecast from",
  };
  return { ok: false, issues: [issue] };
}
