import type { Issue, Result } from "../core/issues.ts";
import { HTTP, type HttpStatus } from "./http-status.ts";

/**
 * Errors as RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`,
 * `detail`, and an `issues[]` extension whose paths name the offending fields
 * (`profile.step2ck.score`). Each kind of problem has one status, here; `app.ts`'s `onError` is
 * the one place that turns failures into responses.
 */
export const PROBLEM_KINDS = {
  "invalid-input": {
    status: HTTP.unprocessableContent,
    title: "The request is not valid",
    description:
      "The body or query was well-formed but some fields are wrong. `issues[]` lists each with its path, what is wrong and what is allowed.",
  },
  "malformed-request": {
    status: HTTP.badRequest,
    title: "The request body is not valid JSON",
    description: "The body could not be parsed as JSON.",
  },
  "not-found": {
    status: HTTP.notFound,
    title: "Not found",
    description:
      "Nothing is here: no route matches, or no saved plan has this id (an id that was deleted and one that never existed get the same answer).",
  },
  "method-not-allowed": {
    status: HTTP.methodNotAllowed,
    title: "Method not allowed",
    description:
      "The path exists but does not answer to this method; the `Allow` header lists the methods it does.",
  },
  "version-conflict": {
    status: HTTP.conflict,
    title: "The saved plan has changed since it was read",
    description:
      "The update named a version that is no longer current, so nothing was changed. Read the plan again (GET), reapply the change and send it with the new version.",
  },
  "content-too-large": {
    status: HTTP.contentTooLarge,
    title: "The request body is too large",
    description: "Request bodies are limited in size; see `detail` for the limit.",
  },
  "unsupported-media-type": {
    status: HTTP.unsupportedMediaType,
    title: "The request body must be JSON",
    description: "Send the body with `Content-Type: application/json`.",
  },
  "rate-limited": {
    status: HTTP.tooManyRequests,
    title: "Too many requests",
    description:
      "This client spent its request allowance (a costly request, such as a computation or a PDF, takes more of it than a simple read); wait the seconds given in `Retry-After`.",
  },
  "plan-quota-exceeded": {
    status: HTTP.tooManyRequests,
    title: "This client holds the most saved plans allowed",
    description:
      "Nothing was saved: the plans saved from this client's address (an IPv6 address counts by its /64) reached the per-client limit given in `max`. Delete plans that are no longer needed, or wait until plans nobody opens expire.",
  },
  "plan-storage-full": {
    status: HTTP.insufficientStorage,
    title: "The server holds the most saved plans it is set up for",
    description:
      "Nothing was saved: the server's limit on saved plans in all (`max`) is reached. Try again later; the plan is still on the page and can be downloaded.",
  },
  "service-unavailable": {
    status: HTTP.serviceUnavailable,
    title: "The service is not ready",
    description:
      "The database does not answer, the computation workers are all busy (their queue is full) or cannot run, or PDF printing is unavailable or busy; try again shortly (after the seconds in `Retry-After` when given).",
  },
  "internal-error": {
    status: HTTP.internalServerError,
    title: "Internal error",
    description: "Something went wrong on the server. Nothing about the request is reported back or logged.",
  },
} as const satisfies Record<string, { status: HttpStatus; title: string; description: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;
export const PROBLEM_KIND_NAMES = Object.keys(PROBLEM_KINDS) as ProblemKind[];

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Problem type URIs resolve to a description of the kind (`GET /api/v1/problems/{kind}`). */
export const problemType = (kind: ProblemKind) => `/api/v1/problems/${kind}`;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  issues?: Issue[];
  [extension: string]: unknown;
}

/** An expected failure on its way to `onError`: a kind, a human sentence and optional extensions. */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extensions: { issues?: Issue[]; [key: string]: unknown } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ProblemError";
  }

  toProblem(): Problem {
    const k = PROBLEM_KINDS[this.kind];
    return {
      type: problemType(this.kind),
      title: k.title,
      status: k.status,
      detail: this.detail,
      ...this.extensions,
    };
  }
}

/**
 * Issues from the core or from request validation as a problem: the one table from issue codes
 * to problem kinds. A body that is not JSON is malformed; every other issue is invalid input.
 */
export function issuesProblem(found: Issue[]): ProblemError {
  const issues = found.map((i) => ({ ...i, path: bracketed(i.path) }));
  const kind: ProblemKind = issues.some((i) => i.code === "invalid_json")
    ? "malformed-request"
    : "invalid-input";
  const first = issues[0];
  const where = first ? `${first.path || "(body)"}: ${first.message}` : "invalid input";
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? "s" : ""})` : "";
  return new ProblemError(kind, `${where}${more}`, { issues });
}

/**
 * Paths as the API writes them: dots between names, brackets for array positions
 * (`profile.preferences.states[0]`), whichever style the issue came in (zod joins with dots).
 */
export function bracketed(path: string): string {
  return path.replace(/\.(\d+)(?=\.|\[|$)/g, "[$1]");
}

/** A core result's value, or its issues on their way to `onError` as a problem. */
export function valueOrProblem<T>(r: Result<T>): T {
  if (!r.ok) throw issuesProblem(r.issues);
  return r.value;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}
