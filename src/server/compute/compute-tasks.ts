import type { z } from "@hono/zod-openapi";
import { studyCalendarIcs } from "../../core/calendars.ts";
import {
  buildReport,
  type Issue,
  type Program,
  type ProgramData,
  parsePracticeLog,
  planApplication,
  planPart,
  pMatchAtScores,
  type Result,
  type Rulebook,
  renderReportMarkdown,
} from "../../core/index.ts";
import type { SeasonData } from "../../io/load-season-model.ts";
import type { SavedPlan } from "../../store/store.ts";
import { capIssues } from "../request-issues.ts";
import type { RequestSchemas } from "../schemas/request-schemas.ts";
import { evaluateChosen } from "./evaluate-chosen.ts";
import { heldChoice } from "./held-choice.ts";
import { resolvePrograms } from "./resolve-programs.ts";
import { savedPlanResults } from "./saved-plan-results.ts";

/**
 * The CPU-heavy part of each compute route, from the validated request to the response text:
 * run on a worker thread by the compute pool, or in the server's own thread when it has no
 * workers. Each task is a pure function of its input and the loaded data and returns text, so
 * only a string crosses between threads; an expected failure is its issues, which the route
 * turns into a problem response. A task is synchronous unless it must load a module on first use.
 */
export interface ComputeData {
  rulebook: Rulebook;
  programData: ProgramData;
  /** The season model and the unfilled-positions record (the season routes and saved plans' trackers). */
  season: SeasonData;
  programsById: ReadonlyMap<string, Program>;
}

/** The data every compute task reads, with the catalog indexed by program id once. */
export function computeDataOf(rulebook: Rulebook, programData: ProgramData, season: SeasonData): ComputeData {
  return {
    rulebook,
    programData,
    season,
    programsById: new Map(programData.catalog.programs.map((p) => [p.id, p])),
  };
}

/**
 * A task's answer: a value to send as JSON (written by `jsonBytes`, the same bytes as
 * `JSON.stringify`), text in another format, or the issues of an expected failure.
 */
export type TaskOutcome =
  | { ok: true; json: unknown }
  | { ok: true; text: string }
  | { ok: false; issues: Issue[] };

type Body<K extends keyof RequestSchemas> = z.output<RequestSchemas[K]>;

const json = <T>(r: Result<T>): TaskOutcome => (r.ok ? { ok: true, json: r.value } : r);
const text = <T>(r: Result<T>, render: (value: T) => string): TaskOutcome =>
  r.ok ? { ok: true, text: render(r.value) } : r;

/** The core's study request names the specialty `specialtyId`; the API calls it `specialty` everywhere. */
const apiPath = (issue: Issue): Issue =>
  issue.path.startsWith("specialtyId")
    ? { ...issue, path: issue.path.replace(/^specialtyId/, "specialty") }
    : issue;

function expandRange(r: { from: number; to: number; step?: number | undefined }): number[] {
  const out: number[] = [];
  for (let score = r.from; score <= r.to; score += r.step ?? 1) out.push(score);
  return out;
}

export type PlanRequest = Body<"planBody"> & { asOf: string };

/**
 * The program list route's whole call into the core, from the validated body to the list:
 * `npm run bench:load` times this same function for its target, so the target is the core's
 * cost of exactly what the route computes.
 */
export function programList(rb: Rulebook, data: ProgramData, b: PlanRequest) {
  const plan = planApplication(rb, data, { ...applicationRequest(b), parts: ["list"] });
  return plan.ok ? planPart(plan.value, "list") : plan;
}

/** The core's whole-plan request for a plan route body: the API's defaults for the list's options. */
export function applicationRequest(b: PlanRequest) {
  return {
    profile: b.profile,
    specialty: b.specialty,
    asOf: b.asOf,
    ...(b.budgetUsd !== undefined ? { budgetUsd: b.budgetUsd } : {}),
    list: {
      signals: b.signals ?? "auto",
      anywhere: b.anywhere ?? false,
      parallelSpecialty: b.parallelSpecialty ?? null,
    },
  };
}

export const computeTasks = {
  /** `POST /api/v1/programs/plan`: the program list. */
  plan(d: ComputeData, b: PlanRequest): TaskOutcome {
    return json(programList(d.rulebook, d.programData, b));
  },

  /** `POST /api/v1/programs/what-if`: P(match) of a fixed list at each Step 2 CK score. */
  whatIf(d: ComputeData, b: Body<"whatIfBody"> & { asOf: string }): TaskOutcome {
    const programs = capIssues(
      resolvePrograms(d.programsById, b.programIds, b.specialty, (i) => `programIds[${i}]`),
    );
    if (!programs.ok) return programs;
    // Scored against the profile's plan, with its signals (see `pMatchAtScores`).
    const plan = planApplication(d.rulebook, d.programData, {
      profile: b.profile,
      specialty: b.specialty,
      asOf: b.asOf,
      parts: ["list"],
    });
    if (!plan.ok) return plan;
    const scores = b.scores ? [...new Set(b.scores)] : expandRange(b.range ?? { from: 0, to: -1 });
    const points = pMatchAtScores(d.rulebook, d.programData, plan.value, programs.value, scores);
    return {
      ok: true,
      json: {
        specialty: b.specialty,
        asOf: b.asOf,
        programs: programs.value.length,
        reference: b.profile.step2ck.score,
        points,
        notes:
          points.length === 0
            ? ["P(match) is not estimated for this specialty: Charting Outcomes has no data for it"]
            : [],
      },
    };
  },

  /** `POST /api/v1/programs/evaluate`: P(match) and fees of a list chosen by hand. */
  evaluate(d: ComputeData, b: Body<"evaluateBody"> & { asOf: string }): TaskOutcome {
    const programs = capIssues(
      resolvePrograms(d.programsById, b.programIds, b.specialty, (i) => `programIds[${i}]`),
    );
    if (!programs.ok) return programs;
    return json(
      evaluateChosen(d.rulebook, d.programData, b.profile, b.specialty, programs.value, b.asOf, b.signals),
    );
  },

  /** `POST /api/v1/study/plan`: the day-by-day plan as JSON or iCalendar. */
  studyPlan(
    d: ComputeData,
    { body, format }: { body: Body<"studyPlanBody"> & { asOf: string }; format: "json" | "ics" },
  ): TaskOutcome {
    const { profile, specialty, asOf, ...study } = body;
    // The plan's Step 2 CK plan: the same exam date and Match year as its timeline and report.
    const planned = planApplication(d.rulebook, null, { profile, specialty, asOf, study, parts: [] });
    const r = planned.ok ? planPart(planned.value, "study") : planned;
    if (!r.ok) return { ok: false, issues: r.issues.map(apiPath) };
    // As .ics, the page's calendar of the same plan: what lies ahead, one-day entries, reminders.
    if (format === "ics") return { ok: true, text: studyCalendarIcs(r.value) };
    return { ok: true, json: r.value };
  },

  /** `POST /api/v1/report`: the whole strategy as JSON, Markdown or HTML (HTML is what a PDF prints). */
  async report(
    d: ComputeData,
    { body: b, format }: { body: Body<"reportBody"> & { asOf: string }; format: "json" | "md" | "html" },
  ): Promise<TaskOutcome> {
    let log = null;
    if (b.log && b.log.length > 0) {
      const parsed = parsePracticeLog(d.rulebook, b.log, b.asOf, "log");
      if (!parsed.ok) return parsed;
      log = parsed.value;
    }
    const report = buildReport(d.rulebook, d.programData, {
      profile: b.profile,
      specialty: b.specialty,
      asOf: b.asOf,
      log,
      ...(b.budgetUsd !== undefined ? { budgetUsd: b.budgetUsd } : {}),
      ...(b.programs ? { held: heldChoice(b.programs) } : {}),
    });
    if (format === "json") return json(report);
    if (format === "md") return text(report, renderReportMarkdown);
    // The HTML renderer brings ECharts (~80 MB of memory and seconds to load per thread): loaded on first use.
    const { renderReportHtml } = await import("../../core/report-render.ts");
    return text(report, (r) => renderReportHtml(r));
  },

  /** A saved plan's results at a date, recomputed from what it holds (the route adds the plan itself). */
  savedPlanResults(d: ComputeData, { plan, asOf }: { plan: SavedPlan; asOf: string }): TaskOutcome {
    return {
      ok: true,
      json: savedPlanResults(d, plan, asOf),
    };
  },

  /** `POST /api/v1/season`: the season update for a posted tracker (the season's engine loads on first use). */
  async season(d: ComputeData, b: Body<"seasonBody"> & { asOf: string }): Promise<TaskOutcome> {
    const { trackSeason } = await import("../../core/season.ts");
    const r = trackSeason(d.rulebook, d.programData, d.season.model, {
      profile: b.profile,
      tracker: b.tracker,
      asOf: b.asOf,
      unfilled: d.season.unfilled,
    });
    return json(r.ok ? r : { ok: false, issues: r.issues.map((i) => ({ ...i, path: `tracker.${i.path}` })) });
  },
} as const;

export type TaskName = keyof typeof computeTasks;
export type TaskInput<N extends TaskName> = Parameters<(typeof computeTasks)[N]>[1];

/** Runs one task in this thread. */
export async function runTask<N extends TaskName>(
  d: ComputeData,
  name: N,
  input: TaskInput<N>,
): Promise<TaskOutcome> {
  const task = computeTasks[name] as (
    d: ComputeData,
    input: TaskInput<N>,
  ) => TaskOutcome | Promise<TaskOutcome>;
  return task(d, input);
}
