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
 * never change under their name and are cached for a year as immutable. Everything else
 * (index.html, sw.js, the catalog) keeps its name across builds and is `no-cache`: the browser
 * may keep a copy but asks each time whether it is still current (Last-Modified).
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
      c.header("cache-control", CACHE_CONTROL.revalidate);
      return c.html(NOT_BUILT_PAGE);
    }
    labelRoute(c, "/* (web app)");
    files ??= serveStatic({ root: webDir, precompressed: true });
    page ??= serveStatic({ root: webDir, path: "index.html", precompressed: true });
    // The handlers answer with a response when they found a file and with nothing otherwise;
    // the header goes on that response, so a miss carries no file's caching into the 404.
    const file = await files(c, nothingMore);
    if (file instanceof Response) {
      const hashed = path.startsWith(HASHED_ASSETS_PREFIX) && file.ok;
      file.headers.set("cache-control", hashed ? CACHE_CONTROL.immutable : CACHE_CONTROL.revalidate);
      return file;
    }
    if (isPagePath(path)) {
      const index = await page(c, nothingMore);
      if (index instanceof Response) {
        index.headers.set("cache-control", CACHE_CONTROL.revalidate);
        return index;
      }
    }
    return next();
  };
}
