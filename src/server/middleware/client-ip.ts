import type { Context } from "hono";

/**
 * The client's IP: the socket's remote address, or — behind one trusted proxy (TRUST_PROXY) —
 * the last X-Forwarded-For entry, the one that proxy appended (earlier entries can be forged by
 * the client). Requests made in-process (tests) have no socket and read as "local".
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    const last = forwarded?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}
