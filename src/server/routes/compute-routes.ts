import { createRoute } from "@hono/zod-openapi";
import { assessProfile } from "../../core/assess/assess-profile.ts";
import { searchPrograms } from "../../core/catalog/search-programs.ts";
import { sweepStep2ck } from "../../core/programs/evaluate-list.ts";
import { planProgramList } from "../../core/programs/plan-program-list.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { evaluateChosen } from "../compute/evaluate-chosen.ts";
import { resolvePrograms } from "../compute/resolve-programs.ts";
import { canonicalJson } from "../compute/result-cache.ts";
import { HTTP } from "../http-status.ts";
import { valueOrProblem } from "../problem.ts";
import { capIssues } from "../request-issues.ts";
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
        [HTTP.ok]: { description: "The profile is valid", content: jsonContent(validationSchema) },
        ...bodyProblems,
      },
    }),
    (c) => c.json({ ok: true as const, issues: [] }, HTTP.ok),
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
      return c.json(
        valueOrProblem(assessProfile(rb, b.profile, b.specialty, b.asOf ?? ctx.today())),
        HTTP.ok,
      );
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
    (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      // A pure function of the request and the loaded data: identical requests share one computation.
      const text = ctx.planCache.getOrCompute(canonicalJson({ ...b, asOf }), () => {
        const plan = planProgramList(rb, data, {
          profile: b.profile,
          specialty: b.specialty,
          asOf,
          ...(b.budgetUsd !== undefined ? { budgetUsd: b.budgetUsd } : {}),
          signals: b.signals ?? "auto",
          anywhere: b.anywhere ?? false,
          parallelSpecialty: b.parallelSpecialty ?? null,
        });
        return JSON.stringify(valueOrProblem(plan));
      });
      return c.body(text, HTTP.ok, { "content-type": "application/json" }) as never;
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
    (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      const programs = valueOrProblem(
        capIssues(resolvePrograms(ctx.programsById, b.programIds, b.specialty, (i) => `programIds[${i}]`)),
      );
      valueOrProblem(assessProfile(rb, b.profile, b.specialty, asOf));
      const scores = b.scores ? [...new Set(b.scores)] : expandRange(b.range ?? { from: 0, to: -1 });
      const points = sweepStep2ck(rb, data, b.profile, b.specialty, programs, asOf, scores);
      return c.json(
        {
          specialty: b.specialty,
          asOf,
          programs: programs.length,
          reference: b.profile.step2ck.score,
          points,
          notes:
            points.length === 0
              ? ["P(match) is not estimated for this specialty: Charting Outcomes has no data for it"]
              : [],
        },
        HTTP.ok,
      );
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
    (c) => {
      const b = c.req.valid("json");
      const programs = valueOrProblem(
        capIssues(resolvePrograms(ctx.programsById, b.programIds, b.specialty, (i) => `programIds[${i}]`)),
      );
      const r = evaluateChosen(rb, data, b.profile, b.specialty, programs, b.asOf ?? ctx.today(), b.signals);
      return c.json(valueOrProblem(r), HTTP.ok);
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

function expandRange(r: { from: number; to: number; step?: number }): number[] {
  const out: number[] = [];
  for (let score = r.from; score <= r.to; score += r.step ?? 1) out.push(score);
  return out;
}
