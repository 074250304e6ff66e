import { createRoute } from "@hono/zod-openapi";
import { assessApplication, omittedInputWarnings, searchPrograms } from "../../core/index.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { computeBody, isAbandoned, sendComputed } from "../compute/compute-body.ts";
import { canonicalJson } from "../compute/result-cache.ts";
import { HTTP } from "../http-status.ts";
import { valueOrProblem } from "../problem.ts";
import { bodyProblems, jsonContent, queryProblems } from "../schemas/common.ts";
import {
  assessmentSchema,
  listEvaluationSchema,
  programPlanSchema,
  programSearchSchema,
  specialtiesSchema,
  validationSchema,
  whatIfSchema,
} from "../schemas/result-schemas.ts";

const jsonBody = <T extends Parameters<typeof jsonContent>[0]>(schema: T) => ({
  body: { content: jsonContent(schema), required: true },
});

/** Profile validation, assessment, program lists, what-if, evaluation, search and specialties. */
export function registerComputeRoutes(app: ApiApp, ctx: ApiContext): void {
  const { rulebook: rb, programData: data, schemas: s } = ctx;

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/profile/validate",
      tags: ["profile"],
      summary: "Check a profile: every problem with its field, the rule broken and what is allowed",
      request: jsonBody(s.profileBody),
      responses: {
        [HTTP.ok]: {
          description: "The profile is valid; each odds input it leaves out is a warning, not an issue",
          content: jsonContent(validationSchema),
        },
        ...bodyProblems,
      },
    }),
    // Valid, but an odds input left out is counted as none: warned, as `matchplan validate` warns.
    (c) =>
      c.json(
        {
          ok: true as const,
          issues: [],
          warnings: omittedInputWarnings(data.model, c.req.valid("json").profile),
        },
        HTTP.ok,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/assess",
      tags: ["assessment"],
      summary: "Where a profile stands for a specialty, with the rules and sources behind it",
      request: jsonBody(s.assessBody),
      responses: {
        [HTTP.ok]: { description: "The assessment", content: jsonContent(assessmentSchema) },
        ...bodyProblems,
      },
    }),
    (c) => {
      const b = c.req.valid("json");
      // The plan's first stage: the assessment for the Match year the plan is for.
      const basis = valueOrProblem(
        assessApplication(rb, { profile: b.profile, specialty: b.specialty, asOf: b.asOf ?? ctx.today() }),
      );
      return c.json(basis.assessment, HTTP.ok);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/programs/plan",
      tags: ["programs"],
      summary: "Build a program list: interview odds, tiers, signals, cost and P(match) with its range",
      request: jsonBody(s.planBody),
      responses: {
        [HTTP.ok]: { description: "The program list", content: jsonContent(programPlanSchema) },
        ...bodyProblems,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      // A pure function of the request and the loaded data: identical requests share one computation.
      const body = await ctx.planCache.getOrComputeAsync(
        canonicalJson({ ...b, asOf }),
        () => computeBody(ctx.compute, "plan", { ...b, asOf }, c.req.raw.signal),
        isAbandoned,
      );
      return sendComputed(c, ctx.compute, body, ctx.planCache.wasKept(body)) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/programs/what-if",
      tags: ["programs"],
      summary: "P(match) of a fixed list at each Step 2 CK score",
      request: jsonBody(s.whatIfBody),
      responses: {
        [HTTP.ok]: { description: "P(match) per score", content: jsonContent(whatIfSchema) },
        ...bodyProblems,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const body = await computeBody(
        ctx.compute,
        "whatIf",
        { ...b, asOf: b.asOf ?? ctx.today() },
        c.req.raw.signal,
      );
      return sendComputed(c, ctx.compute, body, false) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/programs/evaluate",
      tags: ["programs"],
      summary: "P(match) and ERAS fees of a list chosen or edited by hand",
      request: jsonBody(s.evaluateBody),
      responses: {
        [HTTP.ok]: {
          description: "The list's P(match) and cost",
          content: jsonContent(listEvaluationSchema),
        },
        ...bodyProblems,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const body = await computeBody(
        ctx.compute,
        "evaluate",
        { ...b, asOf: b.asOf ?? ctx.today() },
        c.req.raw.signal,
      );
      return sendComputed(c, ctx.compute, body, false) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/programs/search",
      tags: ["programs"],
      summary: "Search the program catalog",
      request: { query: s.searchQuery },
      responses: {
        [HTTP.ok]: {
          description: "The matching programs, in catalog order",
          content: jsonContent(programSearchSchema),
        },
        ...queryProblems,
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      const programs = searchPrograms(data.catalog, {
        specialty: q.specialty,
        ...(q.state ? { state: q.state } : {}),
        ...(q.visa ? { visa: q.visa } : {}),
        ...(q.minImgRate !== undefined ? { minImgRate: q.minImgRate } : {}),
      });
      return c.json({ count: programs.length, programs }, HTTP.ok);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/specialties",
      tags: ["specialties"],
      summary: "The registered specialties with their tier, position level and signals",
      responses: { [HTTP.ok]: { description: "Every specialty", content: jsonContent(specialtiesSchema) } },
    }),
    (c) => c.json({ specialties: [...rb.specialties.values()] }, HTTP.ok),
  );
}
