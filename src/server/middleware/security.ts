import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers on every response. The Content-Security-Policy suits a same-origin
 * single-page app with no inline scripts or styles: everything from this origin, nothing
 * framed, no plugins, no base-URI tricks. Pages may not be framed (frame-ancestors 'none' and
 * X-Frame-Options DENY), nothing leaks in Referer, and the window gets its own browsing context
 * group (Cross-Origin-Opener-Policy). Scripts come only from this origin; `'wasm-unsafe-eval'`
 * lets them compile WebAssembly (the core's P(match) kernel, carried in the page's own script),
 * and nothing else: it does not allow `eval` or code from anywhere but this origin.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    xContentTypeOptions: "nosniff",
    // A handler that serves a self-contained document (the HTML report) sets its own, stricter CSP.
    overwrite: false,
  });
}

/**
 * Cache-Control values. `noStore` is the default for every response that does not choose:
 * API answers carry a profile, a plan or results computed from them, and no browser, proxy or
 * CDN may keep a copy. The web app's files choose `immutable` (content-hashed names, a year:
 * RFC 8246's and the usual maximum) or `revalidate` (a stable name whose content changes).
 */
export const CACHE_CONTROL = {
  noStore: "no-store",
  revalidate: "no-cache",
  immutable: "public, max-age=31536000, immutable",
} as const;

/**
 * `Cache-Control: no-store` on every response whose handler did not set its own. Set on the
 * response's headers, as `secureHeaders` does, not with `c.header`: after the handler has
 * answered, `c.header` rebuilds the response as a full web `Response` whose body the server
 * then reads back through a web stream (on the plan route, about a tenth of the server
 * thread's time per request in a profile); the headers object is the same response's own.
 */
export function noStoreByDefault(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (!headers.has("cache-control")) headers.set("cache-control", CACHE_CONTROL.noStore);
  };
}

/**
 * For a self-contained document with inline CSS and SVG and no scripts (the HTML report):
 * nothing may run or load, only its own inline styles and data: images apply.
 */
export const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** CORS for the API, only when origins are configured (CORS_ORIGINS); otherwise no CORS headers at all. */
export function apiCors(origins: readonly string[]): MiddlewareHandler {
  if (origins.length === 0) return (_c, next) => next();
  return cors({
    origin: [...origins],
    allowMethods: ["GET", "POST", "PUT", "DELETE"],
    allowHeaders: ["Content-Type"],
    exposeHeaders: ["Retry-After", "Location"],
    maxAge: 600,
  });
}
