import type { Context, MiddlewareHandler } from "hono";
import { ProblemError } from "../problem.ts";
import { clientIp } from "./client-ip.ts";
import { TokenBuckets } from "./token-buckets.ts";

const MINUTE_MS = 60_000;

/**
 * Tokens a request takes from its client's bucket, by what it costs the server. These are
 * engineering weights in orders of magnitude of server time, measured in-process on the
 * 2-core reference machine (issue 11), not exact prices: a client may spend its allowance
 * on many cheap requests or a few costly ones, and no class can starve the others for long.
 */
export const REQUEST_COST = {
  /** Answered from memory in about a millisecond or less: the specialties, the problem pages, the OpenAPI document, profile validation, program search (~5 ms), deleting a plan. */
  light: 1,
  /** Runs the engine: an assessment or timeline takes ~1 ms, a program list or a JSON report ~7 ms, an HTML report ~40 ms, and the largest what-if (239 programs × 300 scores) 0.7 s. Saving a plan computes its results too. */
  compute: 4,
  /** Reading a saved plan recomputes its results unless that version was read at that date recently (0.45 s for a 187 KB plan), and a client chooses the date, so it is priced as a computation. */
  savedPlanRead: 4,
  /** A PDF starts a headless browser: about a second of a core and a few hundred MB while it prints. */
  pdf: 20,
} as const;

/** Methods that only read. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const SAVED_PLAN = /^\/api\/v1\/plans\/[^/]+$/;
const LIGHT_WRITES = new Set(["POST /api/v1/profile/validate"]);

/**
 * What a request costs: reads are light except a saved plan's; writes compute (every POST and
 * PUT runs the engine or saves results it computed) except validation and deletion; the report
 * as a PDF costs most. Decided from the method and URL alone, before the route runs, so a
 * refused request costs the server nothing more.
 */
export function requestCost(method: string, path: string, format: string | undefined): number {
  if (READS.has(method)) return SAVED_PLAN.test(path) ? REQUEST_COST.savedPlanRead : REQUEST_COST.light;
  if (method === "DELETE" || LIGHT_WRITES.has(`${method} ${path}`)) return REQUEST_COST.light;
  if (path === "/api/v1/report" && format === "pdf") return REQUEST_COST.pdf;
  return REQUEST_COST.compute;
}

const costOf = (c: Context) => requestCost(c.req.method, c.req.path, c.req.query("format"));

/**
 * Refuses a client's requests beyond `perMinute` tokens (the burst, refilled evenly over a
 * minute), each request taking tokens by its cost (`REQUEST_COST`). Every request it is mounted
 * on counts, reads included.
 */
export function rateLimit(opts: {
  perMinute: number;
  trustProxy: readonly string[];
  now?: () => number;
}): MiddlewareHandler {
  if (opts.perMinute <= 0) return (_c, next) => next();
  const buckets = new TokenBuckets(opts.perMinute, MINUTE_MS, opts.now);
  return async (c, next) => {
    const cost = costOf(c);
    const r = buckets.take(clientIp(c, opts.trustProxy), cost);
    if (!r.allowed)
      throw new ProblemError(
        "rate-limited",
        `each client may spend ${opts.perMinute} request tokens a minute and this request costs ${Math.min(cost, opts.perMinute)}; retry in ${r.retryAfterSeconds} s`,
        {},
        { "retry-after": String(r.retryAfterSeconds) },
      );
    return next();
  };
}
