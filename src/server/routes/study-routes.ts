import { createRoute, z } from "@hono/zod-openapi";
import { forecastScore, parsePracticeLog } from "../../core/study/index.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { computeBody } from "../compute/compute-body.ts";
import { HTTP } from "../http-status.ts";
import { valueOrProblem } from "../problem.ts";
import { bodyProblems, jsonContent } from "../schemas/common.ts";
import { forecastSchema, studyPlanSchema } from "../schemas/result-schemas.ts";

const ICS_TYPE = "text/calendar";

/** The Step 2 CK study planner (JSON or iCalendar) and the practice-exam forecast. */
export function registerStudyRoutes(app: ApiApp, ctx: ApiContext): void {
  const { rulebook: rb, schemas: s } = ctx;

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/study/plan",
      tags: ["study"],
      summary: "A day-by-day Step 2 CK plan: exam date, phases, daily questions, self-assessments",
      request: { query: s.studyPlanQuery, body: { content: jsonContent(s.studyPlanBody), required: true } },
      responses: {
        [HTTP.ok]: {
          description: "The plan, as JSON or (format=ics) as an iCalendar file",
          content: { ...jsonContent(studyPlanSchema), [ICS_TYPE]: { schema: z.string() } },
        },
        ...bodyProblems,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const format = c.req.valid("query").format === "ics" ? "ics" : "json";
      const body = await computeBody(
        ctx.compute,
        "studyPlan",
        {
          body: { ...b, asOf: b.asOf ?? ctx.today() },
          format,
        },
        c.req.raw.signal,
      );
      if (format === "ics")
        return c.body(body, HTTP.ok, {
          "content-type": `${ICS_TYPE}; charset=utf-8`,
          "content-disposition": 'attachment; filename="step2ck-plan.ics"',
        });
      return c.body(body, HTTP.ok, { "content-type": "application/json" }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/study/forecast",
      tags: ["study"],
      summary: "Forecast the exam-day score from practice exams, with a band and a go / postpone call",
      request: { body: { content: jsonContent(s.forecastBody), required: true } },
      responses: {
        [HTTP.ok]: { description: "The forecast", content: jsonContent(forecastSchema) },
        ...bodyProblems,
      },
    }),
    (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      const log = valueOrProblem(parsePracticeLog(rb, b.log, asOf, "log"));
      const r = forecastScore(rb, {
        log,
        target: b.target,
        asOf,
        ...(b.examDate ? { examDate: b.examDate } : {}),
        ...(b.matchYear !== undefined ? { matchYear: b.matchYear } : {}),
      });
      return c.json(valueOrProblem(r), HTTP.ok);
    },
  );
}
