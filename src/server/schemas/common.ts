import { z } from "@hono/zod-openapi";
import { HTTP } from "../http-status.ts";
import { PROBLEM_CONTENT_TYPE } from "../problem.ts";

/** Shapes shared by many routes: issues, problems, the `because` trace, estimates with ranges. */

export const issueSchema = z
  .object({
    code: z.string().openapi({ example: "out_of_range" }),
    path: z.string().openapi({
      description: "The field: dots between names, [n] for array positions",
      example: "profile.step2ck.score",
    }),
    message: z.string(),
    allowed: z.string().optional().openapi({ description: "What would have been accepted" }),
  })
  .openapi("Issue");

export const problemSchema = z
  .object({
    type: z.string().openapi({
      description: "URI reference of the problem kind; GET it for a description",
      example: "/api/v1/problems/invalid-input",
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    issues: z.array(issueSchema).optional(),
    currentVersion: z.number().int().optional().openapi({
      description: "On a version conflict: the version now stored",
    }),
  })
  .openapi("Problem", { description: "RFC 9457 problem details" });

export const becauseSchema = z
  .object({
    ruleId: z.string(),
    value: z.unknown(),
    sources: z.array(z.string()),
    note: z.string().optional(),
  })
  .openapi("Because", { description: "One step of the reasoning: the rule read, what it gave, its sources" });

export const estimateSchema = z
  .object({
    estimate: z.number().min(0).max(1),
    low: z.number().min(0).max(1),
    high: z.number().min(0).max(1),
  })
  .openapi("Estimate", { description: "A probability with its 10th–90th percentile range" });

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } };

/** Error responses every JSON-body route may give. */
export const bodyProblems = {
  [HTTP.badRequest]: { description: "The body is not valid JSON", content: problemContent },
  [HTTP.contentTooLarge]: { description: "The body is larger than the limit", content: problemContent },
  [HTTP.unsupportedMediaType]: { description: "The body is not sent as JSON", content: problemContent },
  [HTTP.unprocessableContent]: {
    description: "Some fields are invalid; `issues[]` names each",
    content: problemContent,
  },
  [HTTP.tooManyRequests]: {
    description: "Rate limit reached; see Retry-After",
    content: problemContent,
    headers: { "Retry-After": { schema: { type: "integer" as const }, description: "Seconds to wait" } },
  },
  [HTTP.internalServerError]: { description: "Internal error", content: problemContent },
} as const;

export const queryProblems = {
  [HTTP.unprocessableContent]: bodyProblems[HTTP.unprocessableContent],
  [HTTP.internalServerError]: bodyProblems[HTTP.internalServerError],
} as const;

export const notFoundProblem = {
  [HTTP.notFound]: { description: "No saved plan has this id", content: problemContent },
} as const;

export const conflictProblem = {
  [HTTP.conflict]: { description: "The plan changed since it was read", content: problemContent },
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
