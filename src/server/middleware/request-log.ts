import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";

/**
 * One line per request: method, the route pattern (`/api/v1/plans/:id`, never the raw URL, so
 * ids do not reach the log), status and duration. Bodies, query values, headers and client
 * addresses are never logged.
 */
export type LogLine = (line: string) => void;

export interface RouteLabelEnv {
  Variables: { routeLabel?: string };
}

/** Handlers that answer without a route of their own (not found, static files) label the line. */
export function labelRoute(c: Context<RouteLabelEnv>, label: string): void {
  c.set("routeLabel", label);
}

export function requestLog(
  log: LogLine,
  now: () => number = () => performance.now(),
): MiddlewareHandler<RouteLabelEnv> {
  return async (c, next) => {
    const start = now();
    try {
      await next();
    } finally {
      const ms = Math.round((now() - start) * 10) / 10;
      // After the chain, routeIndex is the handler that answered.
      const route = c.get("routeLabel") ?? routePath(c);
      log(
        JSON.stringify({
          time: new Date().toISOString(),
          method: c.req.method,
          route,
          status: c.res.status,
          ms,
        }),
      );
    }
  };
}
