import type { MiddlewareHandler } from "hono";
import { ProblemError } from "../problem.ts";
import { clientIp } from "./client-ip.ts";
import { TokenBuckets } from "./token-buckets.ts";

/** Methods that write or compute on the client's behalf; reads (GET, HEAD) are not limited. */
const LIMITED_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MINUTE_MS = 60_000;

/** Refuses a client's POST, PUT and DELETE requests beyond `perMinute` (burst and refill per minute). */
export function rateLimit(opts: {
  perMinute: number;
  trustProxy: readonly string[];
  now?: () => number;
}): MiddlewareHandler {
  if (opts.perMinute <= 0) return (_c, next) => next();
  const buckets = new TokenBuckets(opts.perMinute, MINUTE_MS, opts.now);
  return async (c, next) => {
    if (!LIMITED_METHODS.has(c.req.method)) return next();
    const r = buckets.take(clientIp(c, opts.trustProxy));
    if (!r.allowed)
      throw new ProblemError(
        "rate-limited",
        `at most ${opts.perMinute} write requests a minute per client; retry in ${r.retryAfterSeconds} s`,
        {},
        { "retry-after": String(r.retryAfterSeconds) },
      );
    return next();
  };
}
