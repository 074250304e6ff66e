import type { ProgramData } from "../../core/programs/program-data.ts";
import type { Rulebook } from "../../core/rulebook/rulebook.ts";

/**
 * What one valid request to each route may cost: the most units of work (counted in the
 * route's own unit, from the request and its answer, never from a clock) and the most bytes in
 * the answer. The input limits (data/facts/input-limits.yaml) and the catalog are what keep each
 * route inside its budget; the cost fuzz (test/robustness/fuzz-cost.test.ts) sends generated
 * valid requests and checks every answer against it. docs/api.md lists the budgets.
 *
 * Work units come from the data: a route's work grows with the programs it weighs, the calendar
 * days it lays out or the practice exams it reads, and each of those is bounded. The byte
 * budgets are engineering limits: the largest answer measured for the largest valid input
 * (a 78-week study plan with every list full, the biggest specialty's catalog), with room to
 * spare for data that grows.
 */
export interface RouteBudget {
  /** What one unit of work is on this route. */
  unit: string;
  /** The most units one valid request costs. */
  maxWorkUnits: number;
  /** The most bytes one answer to a valid request has. */
  maxResponseBytes: number;
}

export const ROUTES = [
  "POST /api/v1/profile/validate",
  "POST /api/v1/assess",
  "POST /api/v1/programs/plan",
  "POST /api/v1/programs/what-if",
  "POST /api/v1/programs/evaluate",
  "GET /api/v1/programs/search",
  "GET /api/v1/specialties",
  "POST /api/v1/study/plan",
  "POST /api/v1/study/forecast",
  "POST /api/v1/timeline",
  "POST /api/v1/report",
  "POST /api/v1/plans",
  "GET /api/v1/plans/{id}",
  "PUT /api/v1/plans/{id}",
] as const;
export type Route = (typeof ROUTES)[number];

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Answers of a few KiB (an assessment, a forecast, a what-if curve) get 64 KiB; answers that
 * list programs or days get 1 MiB (largest measured: a program list with a parallel specialty,
 * 0.26 MB; a 78-week study plan, 0.25 MB; the report, 0.2 MB; a saved plan holding as many
 * programs as a request body can carry, 0.3 MB); the catalog search 2 MiB (the largest
 * specialty's programs with all their fields: 1.2 MB).
 */
const SMALL_ANSWER = 64 * KiB;
const LIST_ANSWER = MiB;
const CATALOG_ANSWER = 2 * MiB;

/**
 * The most catalog entries one specialty has (every NRMP code, as the search lists them and as
 * a list of program ids may name them): no list of one specialty's programs is longer.
 */
export function largestSpecialtyCatalog(data: Pick<ProgramData, "catalog">): number {
  const counts = new Map<string, number>();
  for (const p of data.catalog.programs) counts.set(p.specialty, (counts.get(p.specialty) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

export function routeBudgets(rb: Rulebook, data: ProgramData): Record<Route, RouteBudget> {
  const L = rb.limits;
  const largestSpecialty = largestSpecialtyCatalog(data);
  const catalog = data.catalog.programs.length;
  // Study days up to the exam, and the exam day.
  const calendarDays = L.study.weeks.value.max * 7 + 1;
  const practiceExams = L.practiceLog.entries.value.max;
  const one = (unit: string, maxResponseBytes: number): RouteBudget => ({
    unit,
    maxWorkUnits: 1,
    maxResponseBytes,
  });
  const savedPlan: RouteBudget = {
    unit: "chosen programs and practice exams",
    maxWorkUnits: catalog + practiceExams,
    maxResponseBytes: LIST_ANSWER,
  };
  return {
    "POST /api/v1/profile/validate": one("profile", SMALL_ANSWER),
    "POST /api/v1/assess": one("profile", SMALL_ANSWER),
    "POST /api/v1/programs/plan": {
      unit: "programs weighed (the specialty's and a parallel one's)",
      maxWorkUnits: 2 * largestSpecialty,
      maxResponseBytes: LIST_ANSWER,
    },
    "POST /api/v1/programs/what-if": {
      unit: "program × score evaluations",
      maxWorkUnits: L.whatIf.evaluations.value.max,
      maxResponseBytes: SMALL_ANSWER,
    },
    "POST /api/v1/programs/evaluate": {
      unit: "programs evaluated",
      maxWorkUnits: largestSpecialty,
      maxResponseBytes: SMALL_ANSWER,
    },
    "GET /api/v1/programs/search": {
      unit: "programs returned",
      maxWorkUnits: largestSpecialty,
      maxResponseBytes: CATALOG_ANSWER,
    },
    "GET /api/v1/specialties": {
      unit: "specialties",
      maxWorkUnits: rb.specialties.size,
      maxResponseBytes: SMALL_ANSWER,
    },
    "POST /api/v1/study/plan": {
      unit: "calendar days",
      maxWorkUnits: calendarDays,
      maxResponseBytes: LIST_ANSWER,
    },
    "POST /api/v1/study/forecast": {
      unit: "practice exams",
      maxWorkUnits: practiceExams,
      maxResponseBytes: SMALL_ANSWER,
    },
    "POST /api/v1/timeline": {
      unit: "calendar days of the study plan behind it",
      maxWorkUnits: calendarDays,
      maxResponseBytes: SMALL_ANSWER,
    },
    "POST /api/v1/report": {
      unit: "programs weighed and practice exams",
      maxWorkUnits: largestSpecialty + practiceExams,
      maxResponseBytes: LIST_ANSWER,
    },
    "POST /api/v1/plans": savedPlan,
    "GET /api/v1/plans/{id}": savedPlan,
    "PUT /api/v1/plans/{id}": savedPlan,
  };
}
