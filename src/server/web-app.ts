import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./api-context.ts";
import { labelRoute } from "./middleware/request-log.ts";
import { CACHE_CONTROL } from "./middleware/security.ts";

/**
 * The web app's built files (web/dist) at `/`, and the page itself for every other path without
 * a dot in its last segment (`/foo`, `/assets/`, `/a/b/c`), so the single-page app can route on
 * the client; a path with a dot names a file, and a missing file is a 404 problem. Paths under
 * `/api` are never the page. While the web app is not built, the page is a short one saying so
 * and pointing at the API description. The folder is looked at per request, so a build made
 * while the server runs is picked up. The build writes Brotli and gzip copies of its text files;
 * a browser that accepts one gets it (`Content-Encoding`, `Vary: Accept-Encoding`).
 *
 * Caching: Vite names what it writes under `assets/` by a hash of the content, so those files
 * never change under their name and are cached for a year as immutable. The page itself
 * (index.html, for every page path) is `no-store`: a saved plan's link opens it, and a new build
 * must be seen at once. Everything else (sw.js, the data files) keeps its name across builds and
 * is `no-cache`: the browser may keep a copy but asks each time whether it is still current, and
 * an unchanged file is answered `304 Not Modified` with no body (ETag / If-None-Match, else
 * Last-Modified / If-Modified-Since; RFC 9110 §13). That is what lets the service worker's
 * install, which asks again for every file the page has just loaded, cost a few hundred bytes
 * instead of downloading the 3 MB catalog a second time.
 */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MatchPlan</title>
</head>
<body>
<main>
<h1>MatchPlan</h1>
<p>The web app is not built: there are no built files in <code>web/dist/</code>. Build it, then reload this page.</p>
<p>The API is running. Its description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>,
and <a href="/healthz">/healthz</a> reports whether it is ready.</p>
</main>
</body>
</html>
`;

/** Vite's output folder for content-hashed files (its `build.assetsDir`, left at the default). */
const HASHED_ASSETS_PREFIX = "/assets/";

const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");
/** A path whose last segment has no dot is a page of the app, not a file. */
const isPagePath = (path: string) => !(path.split("/").at(-1) ?? "").includes(".");

export function webApp(webDir: string): MiddlewareHandler<AppEnv> {
  // Made on first use: serveStatic complains at creation when the folder is not there yet.
  let files: MiddlewareHandler | undefined;
  let page: MiddlewareHandler | undefined;
  const nothingMore = async () => {};
  return async (c, next) => {
    const path = c.req.path;
    if (isApiPath(path)) return next();
    if (!existsSync(join(webDir, "index.html"))) {
      if (!isPagePath(path)) return next();
      labelRoute(c, "/* (web app not built)");
      c.header("cache-control", CACHE_CONTROL.noStore);
      return c.html(NOT_BUILT_PAGE);
    }
    labelRoute(c, "/* (web app)");
    files ??= serveStatic({ root: webDir, precompressed: true });
    page ??= serveStatic({ root: webDir, path: "index.html", precompressed: true });
    // The handlers answer with a response when they found a file and with nothing otherwise;
    // the header goes on that response, so a miss carries no file's caching into the 404.
    const file = await files(c, nothingMore);
    if (file instanceof Response) {
      if (!file.ok) return file;
      if (path.startsWith(HASHED_ASSETS_PREFIX)) {
        file.headers.set("cache-control", CACHE_CONTROL.immutable);
        return file;
      }
      const isPage = (file.headers.get("content-type") ?? "").startsWith("text/html");
      if (isPage) {
        file.headers.set("cache-control", CACHE_CONTROL.noStore);
        return file;
      }
      file.headers.set("cache-control", CACHE_CONTROL.revalidate);
      return conditional(c.req.raw, file);
    }
    if (isPagePath(path)) {
      const index = await page(c, nothingMore);
      if (index instanceof Response) {
        index.headers.set("cache-control", CACHE_CONTROL.noStore);
        return index;
      }
    }
    return next();
  };
}

/**
 * A validator for a file as served: its encoding, length and modification time (serveStatic's
 * Last-Modified). Weak, as it is not a hash of the bytes; a file rewritten with the same length
 * within the same second would keep it, which a build does not do to the files that use it.
 */
function etagOf(res: Response): string | null {
  const modified = res.headers.get("last-modified");
  const length = res.headers.get("content-length");
  if (!modified || !length) return null;
  const encoding = res.headers.get("content-encoding") ?? "identity";
  return `W/"${encoding}-${length}-${Date.parse(modified).toString(36)}"`;
}

/** `304 Not Modified` when the browser's copy is current (If-None-Match first, as RFC 9110 §13.2.2 orders them). */
function conditional(req: Request, res: Response): Response {
  const etag = etagOf(res);
  if (etag) res.headers.set("etag", etag);
  if (req.method !== "GET" && req.method !== "HEAD") return res;
  const ifNoneMatch = req.headers.get("if-none-match");
  const ifModifiedSince = req.headers.get("if-modified-since");
  const modified = Date.parse(res.headers.get("last-modified") ?? "");
  const current = ifNoneMatch
    ? etag !== null && ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === "*")
    : ifModifiedSince !== null && !Number.isNaN(modified) && modified <= Date.parse(ifModifiedSince);
  if (!current) return res;
  void res.body?.cancel();
  const headers = new Headers();
  for (const name of ["cache-control", "etag", "last-modified", "vary"]) {
    const v = res.headers.get(name);
    if (v) headers.set(name, v);
  }
  return new Response(null, { status: 304, headers });
}
