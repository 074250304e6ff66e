import { createRoute, z } from "@hono/zod-openapi";
import { validateTrackerEntries } from "../../core/season.ts";
import type { JsonObject } from "../../store/store.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { computeBody } from "../compute/compute-body.ts";
import { HTTP } from "../http-status.ts";
import { issuesProblem } from "../problem.ts";
import { MAX_ISSUES } from "../request-issues.ts";
import { bodyProblems, conflictProblem, jsonContent, notFoundProblem } from "../schemas/common.ts";
import { savedTrackerSchema, seasonReportSchema } from "../schemas/result-schemas.ts";
import { notFound, planIdOf, versionConflict } from "./plan-routes.ts";

/**
 * Through the season (docs/season.md): the season update for a posted tracker, and the tracker
 * kept with a saved plan. The tracker's types and sizes are checked by the request schema (input
 * limits); what only the data can check — programs of the plan's specialty, one entry per
 * program, one program per rank, no date after today, a rank only after an interview — by the
 * core's `validateTrackerEntries`, whose issues name each field. A saved plan's tracker is part
 * of the plan: writing it takes the version last read and bumps it, as every plan update does.
 */
const idParam = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, description: "The saved plan's id" }),
});

export function registerSeasonRoutes(app: ApiApp, ctx: ApiContext): void {
  const { rulebook: rb, schemas: s, store } = ctx;

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/season",
      tags: ["season"],
      summary:
        "The season update for a tracker: P(match) now with its range, expected interviews, P(at least k), the change since the plan and why, applying to more, the rank list and SOAP",
      request: { body: { content: jsonContent(s.seasonBody), required: true } },
      responses: {
        [HTTP.ok]: { description: "The season as of `asOf`", content: jsonContent(seasonReportSchema) },
        ...bodyProblems,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      const body = await computeBody(ctx.compute, "season", { ...b, asOf }, c.req.raw.signal);
      return c.body(body, HTTP.ok, { "content-type": "application/json" }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/tracker",
      tags: ["saved plans", "season"],
      summary: "Read a saved plan's tracker (empty for a plan saved before trackers existed)",
      request: { params: idParam },
      responses: {
        [HTTP.ok]: { description: "The tracker", content: jsonContent(savedTrackerSchema) },
        ...notFoundProblem,
      },
    }),
    async (c) => {
      const plan = await store.get(planIdOf(c));
      if (!plan) throw notFound();
      return c.json(
        { id: plan.id, version: plan.version, specialty: plan.specialty, entries: plan.tracker },
        HTTP.ok,
      ) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/plans/{id}/tracker",
      tags: ["saved plans", "season"],
      summary: "Replace a saved plan's tracker, if `version` is still the stored one",
      request: { params: idParam, body: { content: jsonContent(s.trackerBody), required: true } },
      responses: {
        [HTTP.ok]: {
          description: "Saved; the plan's `version` went up by one",
          content: jsonContent(savedTrackerSchema),
        },
        ...notFoundProblem,
        ...conflictProblem,
        ...bodyProblems,
      },
    }),
    async (c) => {
      const planId = planIdOf(c);
      const { version, entries } = c.req.valid("json");
      const plan = await store.get(planId);
      if (!plan) throw notFound();
      // Every NRMP code of the plan's specialty, as the search lists them.
      const known = new Set(
        ctx.programData.catalog.programs.filter((p) => p.specialty === plan.specialty).map((p) => p.id),
      );
      const checked = validateTrackerEntries(entries, {
        asOf: ctx.today(),
        knownPrograms: known,
        maxNotesLength: rb.limits.tracker.notes.value.maxLength,
      });
      if (!checked.ok) throw issuesProblem(checked.issues.slice(0, MAX_ISSUES));
      const r = await store.updateTracker(planId, version, checked.value as unknown as JsonObject[]);
      if (!r.ok && r.reason === "not-found") throw notFound();
      if (!r.ok) throw versionConflict(r.currentVersion, version);
      ctx.savedPlanCache.forget(planId); // the earlier versions' results will not be read again
      return c.json(
        { id: r.plan.id, version: r.plan.version, specialty: r.plan.specialty, entries: r.plan.tracker },
        HTTP.ok,
      ) as never;
    },
  );
}
