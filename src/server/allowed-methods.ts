/**
 * Which methods a path answers to, from the app's own route table, so a request with the wrong
 * method gets 405 and an `Allow` header (RFC 9110 §15.5.6) instead of a 404 that hides the route.
 * Only routes with a concrete path count: middleware (`ALL`) and the page's catch-all are left
 * out, so a path no route names is still 404. A GET route answers HEAD too.
 */
export function allowedMethodsFor(
  routes: ReadonlyArray<{ method: string; path: string }>,
): (path: string) => string[] {
  const table: Array<{ pattern: RegExp; method: string }> = [];
  for (const r of routes) {
    if (r.method === "ALL" || r.path.includes("*")) continue;
    table.push({ pattern: patternOf(r.path), method: r.method.toUpperCase() });
  }
  return (path) => {
    const methods = new Set(table.filter((t) => t.pattern.test(path)).map((t) => t.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}

/** `/api/v1/plans/:id` → a pattern matching one non-empty segment for each parameter. */
function patternOf(path: string): RegExp {
  const parts = path.split("/").map((seg) => (seg.startsWith(":") ? "[^/]+" : escapeRegExp(seg)));
  return new RegExp(`^${parts.join("/")}/?$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
