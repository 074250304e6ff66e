import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./api-context.ts";
import { labelRoute } from "./middleware/request-log.ts";

/**
 * The web app's built files (web/dist) at `/`, with index.html for any other page path so the
 * single-page app can route on the client. While the web app is not built, `/` is a short page
 * saying so and pointing at the API description. The folder is looked at per request, so a
 * build made while the server runs is picked up. The build writes Brotli and gzip copies of its
 * text files; a browser that accepts one gets it (`Content-Encoding`, `Vary: Accept-Encoding`).
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

export function webApp(webDir: string): MiddlewareHandler<AppEnv> {
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;
  return async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    if (!existsSync(join(webDir, "index.html"))) {
      if (c.req.path !== "/") return next();
      labelRoute(c, "/ (web app not built)");
      return c.html(NOT_BUILT_PAGE);
    }
    files ??= serveStatic({ root: webDir, precompressed: true });
    index ??= serveStatic({ root: webDir, path: "index.html", precompressed: true });
    labelRoute(c, "/* (web app)");
    const lastSegment = c.req.path.split("/").at(-1) ?? "";
    return files(c, async () => {
      // Not a file. A page path (no extension) gets the app; a missing asset stays a 404.
      if (!lastSegment.includes(".") && index) await index(c, next);
      else await next();
    });
  };
}
