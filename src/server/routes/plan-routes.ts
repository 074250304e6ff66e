import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Issue } from "../../core/issues.ts";
import type { Profile } from "../../core/profile/profile-schema.ts";
import { parsePracticeLog } from "../../core/study/index.ts";
import { isPlanId } from "../../store/plan-id.ts";
import type {
  ChosenProgram,
  JsonObject,
  JsonValue,
  PlanContent,
  PlanLimitKind,
  SavedPlan,
} from "../../store/store.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { computeBody, isAbandoned } from "../compute/compute-body.ts";
import { savedPlanBody } from "../compute/saved-plan-cache.ts";
import { HTTP } from "../http-status.ts";
import { issuesProblem, PROBLEM_CONTENT_TYPE, ProblemError } from "../problem.ts";
import { MAX_ISSUES } from "../request-issues.ts";
import {
  bodyProblems,
  conflictProblem,
  jsonContent,
  notFoundProblem,
  problemSchema,
} from "../schemas/common.ts";
import { savedPlanSchema } from "../schemas/result-schemas.ts";

/**
 * Saved plans. The id is the only key — there is no listing — so it is unguessable, and an id
 * that was deleted and one that never existed get the same 404. Only what the user entered is
 * stored; results are computed from it on read and kept in memory per plan version, data version
 * and date (`SavedPlanCache`), so reading the same plan again the same day is cheap. Updates
 * carry the version last read: a stale one is a 409 and changes nothing, so no save is lost
 * silently.
 */
const idParam = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The id returned on creation" }),
});

/**
 * A create turned away by a limit: 429 when this client holds its share (it can delete plans,
 * or wait for unopened ones to expire), 507 Insufficient Storage when the server holds all it
 * allows (nothing the client does helps). Both name the limit and its size.
 */
function quotaProblem(limit: PlanLimitKind, max: number): ProblemError {
  return limit === "total"
    ? new ProblemError(
        "plan-storage-full",
        `the server holds the most saved plans it allows (${max}); nothing was saved`,
        { limit, max },
      )
    : new ProblemError(
        "plan-quota-exceeded",
        `plans saved from this address are limited to ${max}; delete one you no longer need, then save again`,
        { limit, max },
      );
}

const problemContent = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

const NOT_FOUND_DETAIL = "No saved plan has this id.";
const notFound = () => new ProblemError("not-found", NOT_FOUND_DETAIL);

export function registerPlanRoutes(app: ApiApp, ctx: ApiContext): void {
  const { rulebook: rb, schemas: s, store } = ctx;

  /** Checks what only the data can check (practice-log rules, program ids) and shapes the stored content. */
  const content = (
    b: { profile: Profile; specialty: string; practiceLog?: unknown[]; programs?: ChosenProgram[] },
    asOf: string,
  ): PlanContent => {
    const issues: Issue[] = [];
    const log = b.practiceLog ?? [];
    if (log.length > 0) {
      const parsed = parsePracticeLog(rb, log, asOf, "practiceLog");
      if (!parsed.ok) issues.push(...parsed.issues);
    }
    const programs = b.programs ?? [];
    const seen = new Map<string, number>();
    programs.forEach((p, i) => {
      const first = seen.get(p.programId);
      if (first !== undefined)
        issues.push({
          code: "duplicate_id",
          path: `programs[${i}].programId`,
          message: `"${p.programId}" is listed twice (first at programs[${first}])`,
          allowed: "each program once",
        });
      else if (!ctx.programsById.has(p.programId))
        issues.push({
          code: "unknown_reference",
          path: `programs[${i}].programId`,
          message: `no program has the id "${p.programId}"`,
          allowed: "a program id from GET /api/v1/programs/search",
        });
      seen.set(p.programId, first ?? i);
    });
    if (issues.length > 0) throw issuesProblem(issues.slice(0, MAX_ISSUES));
    return {
      profile: b.profile as unknown as JsonObject,
      specialty: b.specialty,
      practiceLog: log as JsonValue[],
      programs: programs.map((p) => ({ programId: p.programId, status: p.status })),
    };
  };

  /** The plan's results at `asOf`, computed by the compute pool (UTF-8 JSON). */
  const results = (plan: SavedPlan, asOf: string, signal: AbortSignal) =>
    computeBody(ctx.compute, "savedPlanResults", { plan, asOf }, signal);
  const json = { "content-type": "application/json" };

  const id = (c: Context) => {
    const value = c.req.param("id") ?? "";
    if (!isPlanId(value)) throw notFound();
    return value;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans",
      tags: ["saved plans"],
      summary: "Save a plan; returns its unguessable id",
      request: { body: { content: jsonContent(s.createPlanBody), required: true } },
      responses: {
        [HTTP.created]: {
          description: "Saved; `Location` is the plan's URL",
          content: jsonContent(savedPlanSchema),
          headers: { Location: { schema: { type: "string" as const } } },
        },
        ...bodyProblems,
        [HTTP.tooManyRequests]: {
          ...bodyProblems[HTTP.tooManyRequests],
          description:
            "`rate-limited` (see Retry-After), or `plan-quota-exceeded`: this client holds the most saved plans allowed",
        },
        [HTTP.insufficientStorage]: problemContent(
          "`plan-storage-full`: the server holds the most saved plans it allows",
        ),
      },
    }),
    async (c) => {
      const asOf = ctx.today();
      const created = await store.create(content(c.req.valid("json"), asOf), ctx.client(c));
      if (!created.ok) throw quotaProblem(created.limit, created.max);
      c.header("location", `/api/v1/plans/${created.plan.id}`);
      const computed = await results(created.plan, asOf, c.req.raw.signal);
      return c.body(savedPlanBody(created.plan, computed), HTTP.created, json) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}",
      tags: ["saved plans"],
      summary: "Read a saved plan with its results recomputed",
      request: { params: idParam, query: s.asOfQuery },
      responses: {
        [HTTP.ok]: { description: "The plan", content: jsonContent(savedPlanSchema) },
        ...notFoundProblem,
      },
    }),
    async (c) => {
      const plan = await store.get(id(c));
      if (!plan) throw notFound();
      const asOf = c.req.valid("query").asOf ?? ctx.today();
      // In front of the compute pool: a repeated read is answered without reaching a worker.
      const cached = await ctx.savedPlanCache.results(
        plan,
        asOf,
        () => results(plan, asOf, c.req.raw.signal),
        isAbandoned,
      );
      return c.body(savedPlanBody(plan, cached), HTTP.ok, json) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/plans/{id}",
      tags: ["saved plans"],
      summary: "Replace what a saved plan holds, if `version` is still the stored one",
      request: { params: idParam, body: { content: jsonContent(s.updatePlanBody), required: true } },
      responses: {
        [HTTP.ok]: { description: "Saved; `version` went up by one", content: jsonContent(savedPlanSchema) },
        ...notFoundProblem,
        ...conflictProblem,
        ...bodyProblems,
      },
    }),
    async (c) => {
      const planId = id(c);
      const { version, ...b } = c.req.valid("json");
      const asOf = ctx.today();
      const r = await store.update(planId, version, content(b, asOf));
      if (!r.ok && r.reason === "not-found") throw notFound();
      if (!r.ok)
        throw new ProblemError(
          "version-conflict",
          `the plan is at version ${r.currentVersion}, not ${version}: read it again and reapply the change`,
          { currentVersion: r.currentVersion },
        );
      ctx.savedPlanCache.forget(planId); // the earlier versions' results will not be read again
      const computed = await results(r.plan, asOf, c.req.raw.signal);
      return c.body(savedPlanBody(r.plan, computed), HTTP.ok, json) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/plans/{id}",
      tags: ["saved plans"],
      summary: "Delete a saved plan for good",
      request: { params: idParam },
      responses: { [HTTP.noContent]: { description: "Deleted" }, ...notFoundProblem },
    }),
    async (c) => {
      const planId = id(c);
      if (!(await store.delete(planId))) throw notFound();
      ctx.savedPlanCache.forget(planId); // deleted for good, results included
      return c.body(null, HTTP.noContent);
    },
  );
}
