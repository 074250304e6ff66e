import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Hono's `bodyLimit`, with a request whose declared `Content-Length` is within the limit passed on
 * from the header alone. Hono's middleware first asks for `c.req.raw.body`, and on
 * @hono/node-server that one property turns the server's light request into a full web `Request`,
 * whose body the JSON validator then reads through a web stream instead of straight from the
 * socket: on the plan route that stream and the `Request` behind it measured about a tenth of the
 * server thread's time. Every other request (over the limit, chunked, no length) goes through
 * Hono's own middleware, which answers it as before.
 */
export function declaredBodyLimit(options: Parameters<typeof bodyLimit>[0]): MiddlewareHandler {
  const hono = bodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    // GET and HEAD carry no body: Hono's middleware passes them on too.
    if (method === "GET" || method === "HEAD") return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined)
      return Number.parseInt(declared || "0", 10) > options.maxSize ? hono(c, next) : next();
    return hono(c, next);
  };
}
