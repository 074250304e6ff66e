import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ProgramData, Rulebook } from "../core/index.ts";
import { repositorySeasonData, type SeasonData } from "../io/load-season-model.ts";
import { PrintQueue, printPdf } from "../io/report/index.ts";
import { type Store, StoreUnavailableError } from "../store/store.ts";
import { allowedMethodsFor } from "./allowed-methods.ts";
import type { ApiApp, ApiContext, AppEnv } from "./api-context.ts";
import {
  type Compute,
  ComputeBusyError,
  ComputeFailedError,
  InProcessCompute,
} from "./compute/compute-pool.ts";
import { computeDataOf } from "./compute/compute-tasks.ts";
import { dataVersion } from "./compute/data-version.ts";
import { ResultCache } from "./compute/result-cache.ts";
import { SavedPlanCache } from "./compute/saved-plan-cache.ts";
import { DEFAULT_PDF_QUEUE, type ServerConfig } from "./config.ts";
import { HTTP } from "./http-status.ts";
import { declaredBodyLimit } from "./middleware/body-limit.ts";
import { clientIp } from "./middleware/client-ip.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { type LogLine, labelRoute, requestLog } from "./middleware/request-log.ts";
import { apiCors, noStoreByDefault, securityHeaders } from "./middleware/security.ts";
import { issuesProblem, ProblemError, problemResponse } from "./problem.ts";
import { requestIssues } from "./request-issues.ts";
import { registerComputeRoutes } from "./routes/compute-routes.ts";
import { registerMetaRoutes } from "./routes/meta-routes.ts";
import { registerPlanRoutes } from "./routes/plan-routes.ts";
import { type PdfPrinter, registerReportRoutes } from "./routes/report-routes.ts";
import { registerSeasonRoutes } from "./routes/season-routes.ts";
import { registerStudyRoutes } from "./routes/study-routes.ts";
import { requestSchemas } from "./schemas/request-schemas.ts";
import { webApp } from "./web-app.ts";

/**
 * The HTTP application: thin adapters from JSON to the pure core and the store. It holds no
 * state of its own beyond per-instance rate-limit counters, so any number of instances can run
 * over one PostgreSQL. Every failure becomes a problem response in `onError`, the one place
 * that maps them to HTTP statuses.
 */
export interface AppDeps {
  rulebook: Rulebook;
  programData: ProgramData;
  /** The season model and the unfilled-positions record; the repository's by default. */
  season?: SeasonData;
  store: Store;
  config: Pick<ServerConfig, "corsOrigins" | "rateLimitPerMinute" | "trustProxy" | "webDir"> &
    Partial<Pick<ServerConfig, "pdfQueue">>;
  /** The clock for default `asOf` dates and the rate limiter; the real one in production. */
  clock?: () => Date;
  /** Where request lines and internal-error lines go; standard output by default. */
  log?: LogLine;
  version?: string;
  /** Prints the HTML report to PDF; headless Chromium by default. */
  printPdf?: PdfPrinter;
  /** Where the compute routes' heavy part runs: the worker pool `main.ts` starts; this thread by default. */
  compute?: Compute;
}

/**
 * Computed program lists kept in memory per instance: at most 500 entries and 8 MiB of UTF-8 JSON
 * in all. A list is 40–80 KB, so the byte bound is the one met: about 100–200 lists, enough for a
 * page that asks again or a client that retries. Without it the entries alone held 25–40 MB under a
 * load of distinct requests, where the cache never answers anything. A list is kept only for a
 * request seen before (among the last 2,000, about 2 MB of keys) or asked for twice at once: a
 * first request's answer is then free to be reused once sent (compute-body.ts, `sendComputed`).
 */
export const PLAN_CACHE = { entries: 500, bytes: 8 * 2 ** 20 } as const;

/**
 * Saved plans' results kept in memory per instance: at most 2,000 entries and 32 MiB of UTF-8
 * JSON in all. A typical plan's results are a few KB, so the entry bound is the one usually met;
 * a plan of 1,337 programs measured 12 KB of results, and the byte bound keeps a flood of larger
 * ones within the same budget.
 */
export const SAVED_PLAN_CACHE = { entries: 2_000, bytes: 32 * 2 ** 20 } as const;
/**
 * Seconds a client is asked to wait when the database does not answer: a restarting PostgreSQL
 * or a fail-over is usually back within seconds, and clients that retry at once only add load.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Request bodies above 256 KiB are refused with 413; the largest real request is a few KiB. */
export const BODY_LIMIT_BYTES = 2 ** 18;

export function createApp(deps: AppDeps): ApiApp {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const season = deps.season ?? repositorySeasonData();
  const computeData = computeDataOf(deps.rulebook, deps.programData, season);
  const ctx: ApiContext = {
    rulebook: deps.rulebook,
    programData: deps.programData,
    programsById: computeData.programsById,
    schemas: requestSchemas(deps.rulebook, deps.programData),
    store: deps.store,
    today: () => clock().toISOString().slice(0, 10),
    logError: (err) => logError(log, err),
    client: (c) => clientIp(c, deps.config.trustProxy),
    planCache: new ResultCache<Uint8Array<ArrayBuffer>>(PLAN_CACHE.entries, PLAN_CACHE.bytes, {
      admit: "on-repeat",
    }),
    savedPlanCache: new SavedPlanCache(dataVersion(deps.rulebook, deps.programData), SAVED_PLAN_CACHE),
    season,
    compute: deps.compute ?? new InProcessCompute(computeData),
  };

  const specialtyIds = [...deps.rulebook.specialties.keys()];
  const app: ApiApp = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const input = (result as { data?: unknown }).data;
        throw issuesProblem(requestIssues(result.error.issues, input, specialtyIds));
      }
    },
  });

  app.use("*", requestLog(log));
  app.use("*", securityHeaders());
  app.use("*", noStoreByDefault());
  app.use("/api/*", apiCors(deps.config.corsOrigins));
  app.use(
    "/api/*",
    rateLimit({
      perMinute: deps.config.rateLimitPerMinute,
      trustProxy: deps.config.trustProxy,
      now: () => clock().getTime(),
    }),
  );
  app.use(
    "/api/*",
    declaredBodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: () => {
        throw new ProblemError(
          "content-too-large",
          `request bodies are limited to ${BODY_LIMIT_BYTES / 1024} KiB`,
        );
      },
    }),
  );

  registerComputeRoutes(app, ctx);
  registerStudyRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerSeasonRoutes(app, ctx);
  registerReportRoutes(
    app,
    ctx,
    new PrintQueue(deps.printPdf ?? printPdf, deps.config.pdfQueue ?? DEFAULT_PDF_QUEUE),
  );
  registerMetaRoutes(app, ctx, { version: deps.version ?? "1" });
  app.get("*", webApp(deps.config.webDir));

  const allowed = allowedMethodsFor(app.routes);
  app.notFound((c) => {
    labelRoute(c, "(no route)");
    const methods = allowed(c.req.path);
    if (methods.length > 0)
      return render(
        new ProblemError(
          "method-not-allowed",
          `${c.req.method} is not allowed here; this path answers to ${methods.join(", ")}.`,
          {},
          { allow: methods.join(", ") },
        ),
      );
    return render(new ProblemError("not-found", "No route matches this method and path."));
  });
  app.onError((err, c) => render(toProblemError(err, c, log)));
  return app;
}

/** The message may quote input, so only the error's name and where it was thrown are logged. */
function logError(log: LogLine, err: unknown): void {
  const e = err instanceof Error ? err : new Error("non-error thrown");
  const at =
    e.stack
      ?.split("\n")
      .find((l) => l.trim().startsWith("at "))
      ?.trim() ?? "";
  log(JSON.stringify({ time: new Date().toISOString(), level: "error", error: e.name, at }));
}

function render(e: ProblemError): Response {
  return problemResponse(e.toProblem(), e.headers);
}

/** Every failure as a problem: expected ones carry their kind; anything else is an internal error, logged without input. */
function toProblemError(err: Error, c: Context, log: LogLine): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof StoreUnavailableError) {
    // Logged so an operator sees the outage; the message names the database host, not the request.
    logError(log, err);
    return new ProblemError(
      "service-unavailable",
      `the database does not answer; try again in ${DATABASE_RETRY_AFTER_SECONDS} s`,
      {},
      { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
  if (err instanceof ComputeBusyError)
    return new ProblemError(
      "service-unavailable",
      `every compute worker is busy and the queue is full; try again in ${err.retryAfterSeconds} s`,
      {},
      { "retry-after": String(err.retryAfterSeconds) },
    );
  // A closed pool, workers that cannot start, or a task whose client went away (its answer is
  // never read): the service is unavailable, and there is no bug to log.
  if (err instanceof ComputeFailedError && err.reason !== "crashed" && err.reason !== "timed-out")
    return new ProblemError("service-unavailable", "the server cannot compute right now; try again shortly");
  if (err instanceof HTTPException) {
    switch (err.status) {
      case HTTP.badRequest:
        return issuesProblem([
          { code: "invalid_json", path: "", message: "the body is not valid JSON", allowed: "a JSON object" },
        ]);
      case HTTP.contentTooLarge:
        return new ProblemError(
          "content-too-large",
          `request bodies are limited to ${BODY_LIMIT_BYTES / 1024} KiB`,
        );
      case HTTP.unsupportedMediaType:
        return new ProblemError(
          "unsupported-media-type",
          c.req.header("content-type")
            ? "the body's Content-Type is not JSON: send it as application/json"
            : "the body has no Content-Type: send it as application/json",
        );
      case HTTP.notFound:
        return new ProblemError("not-found", "No route matches this method and path.");
    }
  }
  logError(log, err);
  return new ProblemError(
    "internal-error",
    "The request could not be completed because of an error on the server.",
  );
}
