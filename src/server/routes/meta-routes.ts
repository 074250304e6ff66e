import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { HTTP } from "../http-status.ts";
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_KIND_NAMES,
  PROBLEM_KINDS,
  ProblemError,
  problemType,
} from "../problem.ts";
import { jsonContent, problemSchema } from "../schemas/common.ts";
import { healthSchema, problemKindSchema } from "../schemas/result-schemas.ts";

/** Health, the problem-type descriptions and the OpenAPI document. */
export function registerMetaRoutes(app: ApiApp, ctx: ApiContext, info: { version: string }): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      tags: ["operations"],
      summary: "Whether the store answers",
      responses: {
        [HTTP.ok]: { description: "Ready", content: jsonContent(healthSchema) },
        [HTTP.serviceUnavailable]: {
          description: "The store does not answer",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
        },
      },
    }),
    async (c) => {
      if (!(await ctx.store.ready()))
        throw new ProblemError("service-unavailable", `the ${ctx.store.kind} store does not answer`, {
          store: ctx.store.kind,
        });
      return c.json({ status: "ok" as const, store: ctx.store.kind }, HTTP.ok);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/problems/{kind}",
      tags: ["operations"],
      summary: "What a problem type means (problem `type` URIs point here)",
      request: {
        params: z.object({
          kind: z.string().openapi({ param: { name: "kind", in: "path" }, example: "invalid-input" }),
        }),
      },
      responses: {
        [HTTP.ok]: { description: "The problem type", content: jsonContent(problemKindSchema) },
        [HTTP.notFound]: {
          description: "No such problem type",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
        },
      },
    }),
    (c) => {
      const kind = PROBLEM_KIND_NAMES.find((k) => k === c.req.valid("param").kind);
      if (!kind) throw new ProblemError("not-found", "No problem type has this name.");
      const k = PROBLEM_KINDS[kind];
      return c.json(
        { type: problemType(kind), title: k.title, status: k.status, description: k.description },
        HTTP.ok,
      );
    },
  );

  let document: unknown;
  app.get("/api/v1/openapi.json", (c) => {
    document ??= app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "MatchPlan API",
        version: info.version,
        description:
          "Evidence-cited residency application strategy: assessment, program lists, P(match), study plans and saved plans. Errors are RFC 9457 problem details with an `issues[]` extension naming each field. See docs/api.md.",
      },
      servers: [{ url: "/" }],
    });
    return c.json(document);
  });
}
