import {
  type ForecastResult,
  forecastTarget,
  type HeldList,
  holdList,
  type Issue,
  type Plan,
  type PracticeExam,
  type Profile,
  type ProgramData,
  parsePracticeLog,
  planApplication,
  type Result,
  type Rulebook,
  step2ckPassingScore,
  supplementalSpecialtiesOf,
} from "../../../src/core/index.ts";
import type { Engine } from "./load-engine.ts";

/**
 * What the page plans for: a validated profile, a specialty, the date it is planned as of and the
 * practice-exam log as typed. The log is an input of the plan, as it is of the report's
 * (`planApplication`'s `log`): an exam still to come widens P(match)'s range by the forecast's
 * spread, so a plan made without it would show another range than the report of the same inputs.
 */
export interface PlanInputs {
  profile: Profile;
  specialty: string;
  asOf: string;
  /** Practice-exam entries, not yet validated (the page's log table). */
  log?: readonly unknown[];
}

/**
 * Everything shown under "Your plan": the core's plan (`planApplication`, as the CLI, the API
 * and the report make it) and the list the applicant holds against it. The page decides nothing:
 * it renders the plan's parts, and re-scores an edited list with the core (`summariseList`).
 */
export interface PlanResult {
  inputs: PlanInputs;
  /** The program data the plan was made on (the catalog's parts loaded then). */
  data: ProgramData;
  /** The plan, or why none could be made (an unknown specialty, say). */
  plan: Result<Plan>;
  /** The plan's program list ready to edit; null when there is no list. */
  held: HeldList | null;
  /** The what-if slider's range: the Step 2 CK passing score in force to the top of the scale. */
  scoreRange: { min: number; max: number };
  /** The practice log checked against the plan's date; null when there is none. An invalid log plans as none. */
  log: Result<PracticeExam[]> | null;
  ms: number;
}

/** The parts the page shows (the Sources section lists every source the plan cites). */
const PAGE_PARTS = ["list", "timeline", "narrative", "backups", "sources"] as const;

/** The specialty the form starts with: the guides' own focus (`guideFocus`), else the first. */
export function defaultSpecialty(rb: Rulebook): string {
  const all = [...rb.specialties.values()];
  return (all.find((s) => s.guideFocus) ?? all[0])?.id ?? "";
}

/**
 * The catalog's parts a plan of `specialty` reads before any other: its own and, for an advanced
 * specialty, its PGY-1 tracks'. Others (a backup specialty) are fetched when a plan asks for them.
 */
export function firstParts(rb: Rulebook, specialty: string): string[] {
  const sp = rb.specialties.get(specialty);
  return sp ? [sp.id, ...supplementalSpecialtiesOf(rb, sp).map((s) => s.id)] : [];
}

/**
 * The plan, if the catalog's parts it reads are loaded; else the parts it needs, to give
 * `planLoading` (the plan is then not made twice in vain).
 */
export function planIfLoaded(
  engine: Engine,
  inputs: PlanInputs,
): { result: PlanResult; needs: null } | { needs: string[] | "all" } {
  const first = firstParts(engine.rb, inputs.specialty);
  if (!engine.catalog.has(first)) return { needs: first };
  const r = engine.catalog.tryNow((data) => computePlan({ rb: engine.rb, data }, inputs));
  return r.needs === null ? { result: r.value, needs: null } : r;
}

/** The plan, once the catalog's parts it reads (`needs` and any it asks for) are fetched. */
export function planLoading(
  engine: Engine,
  inputs: PlanInputs,
  needs: readonly string[] | "all" = firstParts(engine.rb, inputs.specialty),
): Promise<PlanResult> {
  return engine.catalog.when((data) => computePlan({ rb: engine.rb, data }, inputs), needs);
}

/** The plan of `inputs` on this rulebook and program data (the page's: the catalog's parts loaded). */
export function computePlan(
  { rb, data }: { rb: Rulebook; data: ProgramData },
  inputs: PlanInputs,
  now = () => performance.now(),
): PlanResult {
  const start = now();
  const { log: rawLog, ...request } = inputs;
  const log = rawLog && rawLog.length > 0 ? parsePracticeLog(rb, [...rawLog], inputs.asOf) : null;
  const plan = planApplication(rb, data, {
    ...request,
    ...(log?.ok ? { log: log.value } : {}),
    parts: PAGE_PARTS,
  });
  const scale = rb.exam.usmle.scale.value;
  return {
    inputs,
    data,
    plan,
    held: plan.ok ? holdList(rb, data, plan.value) : null,
    scoreRange: { min: step2ckPassingScore(rb, inputs.asOf), max: scale.max },
    log,
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

/**
 * The plan's own forecast of exam day from its practice log (`planApplication` made it with
 * `planForecast`), or why there is none: the log's problems, or the plan's forecast issues.
 */
export function runForecast(result: PlanResult): ForecastOutcome | null {
  const { log, plan } = result;
  if (!log || !plan.ok) return null;
  if (!log.ok) return { log, forecast: null };
  if (plan.value.forecast) return { log, forecast: { ok: true, value: plan.value.forecast } };
  const issues = plan.value.issues.filter((i) => i.path === "forecast" || i.path.startsWith("forecast."));
  return { log, forecast: issues.length > 0 ? { ok: false, issues } : noPracticeExams() };
}

function noPracticeExams(): Result<ForecastResult> {
  const issue: Issue = {
    code: "missing_field",
    path: "forecast",
    message: "no practice exams to forecast from",
  };
  return { ok: false, issues: [issue] };
}
