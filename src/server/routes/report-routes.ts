import { createRoute, z } from "@hono/zod-openapi";
import { assessProfile } from "../../core/assess/assess-profile.ts";
import { planStudy } from "../../core/study/index.ts";
import { buildTimeline, timelineIcs } from "../../core/timeline/index.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { computeBody } from "../compute/compute-body.ts";
import { HTTP } from "../http-status.ts";
import { DOCUMENT_CSP } from "../middleware/security.ts";
import { PROBLEM_CONTENT_TYPE, ProblemError, valueOrProblem } from "../problem.ts";
import { bodyProblems, jsonContent, problemSchema } from "../schemas/common.ts";
import { reportSchema, timelineSchema } from "../schemas/result-schemas.ts";

/** Prints an HTML document to PDF (headless Chromium in production). */
export type PdfPrinter = (html: string) => Promise<Buffer>;

const ICS_TYPE = "text/calendar";

/**
 * The application timeline (JSON or iCalendar) and the whole-strategy report (JSON, Markdown,
 * HTML or PDF), from the core's report module. PDFs are printed one at a time per instance: each
 * starts a browser, and a queue keeps a burst of requests from starting many at once.
 */
export function registerReportRoutes(app: ApiApp, ctx: ApiContext, print: PdfPrinter): void {
  const { rulebook: rb, schemas: s } = ctx;
  let printing: Promise<unknown> = Promise.resolve();
  const printOneAtATime = (html: string): Promise<Buffer> => {
    const next = printing.then(() => print(html));
    printing = next.catch(() => {});
    return next;
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/timeline",
      tags: ["report"],
      summary: "The application timeline: cycle dates, the guide's stage plan, milestones and Step 2 CK",
      request: { query: s.timelineQuery, body: { content: jsonContent(s.timelineBody), required: true } },
      responses: {
        [HTTP.ok]: {
          description: "The timeline, as JSON or (format=ics) as an iCalendar file",
          content: { ...jsonContent(timelineSchema), [ICS_TYPE]: { schema: z.string() } },
        },
        ...bodyProblems,
      },
    }),
    (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      const a = valueOrProblem(assessProfile(rb, b.profile, b.specialty, asOf));
      // As the CLI does: the study plan's exam date when the exam is still ahead.
      const plan =
        a.step2ck.score === null
          ? planStudy(rb, { profile: b.profile, specialtyId: b.specialty, asOf })
          : null;
      const timeline = buildTimeline(rb, { assessment: a, asOf, studyPlan: plan?.ok ? plan.value : null });
      if (c.req.valid("query").format === "ics")
        return c.body(timelineIcs(timeline), HTTP.ok, {
          "content-type": `${ICS_TYPE}; charset=utf-8`,
          "content-disposition": 'attachment; filename="matchplan-timeline.ics"',
        });
      return c.json(timeline, HTTP.ok);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/report",
      tags: ["report"],
      summary: "The whole strategy as one document: JSON, Markdown, a self-contained HTML page or PDF",
      request: { query: s.reportQuery, body: { content: jsonContent(s.reportBody), required: true } },
      responses: {
        [HTTP.ok]: {
          description: "The report in the format asked for",
          content: {
            ...jsonContent(reportSchema),
            "text/markdown": { schema: z.string() },
            "text/html": { schema: z.string() },
            "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        ...bodyProblems,
        [HTTP.serviceUnavailable]: {
          description: "PDF printing is not available on this server",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
        },
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const asOf = b.asOf ?? ctx.today();
      const format = c.req.valid("query").format ?? "json";
      const body = await computeBody(
        ctx.compute,
        "report",
        {
          body: { ...b, asOf },
          format: format === "pdf" ? "html" : format,
        },
        c.req.raw.signal,
      );
      if (format === "json") return c.body(body, HTTP.ok, { "content-type": "application/json" }) as never;
      if (format === "md")
        return c.body(body, HTTP.ok, {
          "content-type": "text/markdown; charset=utf-8",
        });
      if (format === "html")
        return c.body(body, HTTP.ok, {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": DOCUMENT_CSP,
        });
      let pdf: Buffer;
      try {
        pdf = await printOneAtATime(new TextDecoder().decode(body));
      } catch (e) {
        ctx.logError(e);
        throw new ProblemError(
          "service-unavailable",
          "PDF printing is not available on this server right now",
        );
      }
      return c.body(new Uint8Array(pdf), HTTP.ok, {
        "content-type": "application/pdf",
        "content-disposition": 'attachment; filename="matchplan-report.pdf"',
      });
    },
  );
}
