import { createRoute, z } from "@hono/zod-openapi";
import { timelineCalendarIcs } from "../../core/calendars.ts";
import { planApplication, planPart } from "../../core/index.ts";
import type { Printer, PrintQueue } from "../../io/report/index.ts";
import type { ApiApp, ApiContext } from "../api-context.ts";
import { computeBody } from "../compute/compute-body.ts";
import { HTTP } from "../http-status.ts";
import { DOCUMENT_CSP } from "../middleware/security.ts";
import { PROBLEM_CONTENT_TYPE, ProblemError, valueOrProblem } from "../problem.ts";
import { bodyProblems, jsonContent, problemSchema } from "../schemas/common.ts";
import { reportSchema, timelineSchema } from "../schemas/result-schemas.ts";

/** Prints an HTML document to PDF (headless Chromium in production). */
export type PdfPrinter = Printer;

const ICS_TYPE = "text/calendar";

/**
 * The application timeline (JSON or iCalendar) and the whole-strategy report (JSON, Markdown,
 * HTML or PDF), from the core's report module. PDFs go through a bounded queue per instance
 * (`PDF_CONCURRENCY` at once, `PDF_QUEUE_LENGTH` waiting): each starts a browser, so a burst of
 * requests neither starts many at once nor waits without end — past the bound the answer is a
 * 503 with `Retry-After`. The report itself is computed by the compute pool (its HTML for a PDF);
 * printing stays in this thread, where the queue's one count of browsers is kept.
 */
export function registerReportRoutes(app: ApiApp, ctx: ApiContext, printing: PrintQueue): void {
  const { rulebook: rb, schemas: s } = ctx;

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
      const plan = planApplication(rb, null, {
        profile: b.profile,
        specialty: b.specialty,
        asOf,
        parts: ["timeline"],
      });
      const timeline = valueOrProblem(plan.ok ? planPart(plan.value, "timeline") : plan);
      if (c.req.valid("query").format === "ics")
        // The page's calendar of the same timeline: what lies ahead, one-day entries, reminders.
        return c.body(timelineCalendarIcs(timeline), HTTP.ok, {
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
          description:
            "PDF printing is not available on this server, or its queue is full (`Retry-After` says when to try again)",
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
      const admitted = printing.submit(new TextDecoder().decode(body));
      if (!admitted.accepted)
        throw new ProblemError(
          "service-unavailable",
          `every PDF printer is busy and the queue is full; retry in ${admitted.retryAfterSeconds} s`,
          {},
          { "retry-after": String(admitted.retryAfterSeconds) },
        );
      let pdf: Buffer;
      try {
        pdf = await admitted.pdf;
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
