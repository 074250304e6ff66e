import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES } from "../../src/server/app.ts";
import { REQUEST_COST } from "../../src/server/middleware/rate-limit.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { memoryStore, STORE_START_MS, send, type TestApp, testApp, unusedStore } from "./support/test-app.ts";

/**
 * What every response carries and how the server behaves at its edges: security headers, CORS
 * only when configured, the body-size limit, the rate limit, unknown routes, internal
 * errors that reveal nothing, health, and a request log without ids or values.
 */
const profile = JSON.parse(
  readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
);
const SPECIALTY = "diagnostic-radiology";
const assess = { profile, specialty: SPECIALTY };

let store: Store;
beforeAll(async () => {
  store = await memoryStore();
}, STORE_START_MS);
afterAll(() => store.close());

function expectSecurityHeaders(h: Headers): void {
  const csp = h.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(h.get("x-content-type-options")).toBe("nosniff");
  expect(h.get("referrer-policy")).toBe("no-referrer");
  expect(h.get("x-frame-options")).toBe("DENY");
  expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
}

describe("every response", () => {
  const { app } = testApp();

  it("carries the security headers: results, problems, unknown routes and the page at /", async () => {
    const answers = await Promise.all([
      send(app, "POST", "/api/v1/assess", assess),
      send(app, "POST", "/api/v1/assess", "{"),
      send(app, "GET", "/api/v1/nothing-here"),
      send(app, "GET", "/"),
      send(app, "GET", "/healthz"),
    ]);
    for (const a of answers) expectSecurityHeaders(a.headers);
  });
});

describe("CORS", () => {
  const origin = "https://planner.example.org";

  it("is off by default: no CORS headers, even for a cross-origin request", async () => {
    const { app } = testApp();
    const a = await send(app, "POST", "/api/v1/assess", assess, { origin });
    expect(a.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await app.request("/api/v1/assess", {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST" },
    });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows exactly the configured origins when CORS_ORIGINS is set", async () => {
    const { app } = testApp({ config: { corsOrigins: [origin] } });
    const pre = await app.request("/api/v1/assess", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(origin);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    const a = await send(app, "POST", "/api/v1/assess", assess, { origin });
    expect(a.status).toBe(200);
    expect(a.headers.get("access-control-allow-origin")).toBe(origin);
    const other = await send(app, "POST", "/api/v1/assess", assess, {
      origin: "https://elsewhere.example.org",
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the body-size limit", () => {
  const { app } = testApp();

  it("refuses a body over the limit with 413, before reading it as JSON", async () => {
    const big = JSON.stringify({ ...assess, padding: "x".repeat(BODY_LIMIT_BYTES) });
    const a = await send(app, "POST", "/api/v1/assess", big);
    expect(a.status).toBe(413);
    expect(a.headers.get("content-type")).toBe("application/problem+json");
    expect(a.body).toMatchObject({ type: "/api/v1/problems/content-too-large", status: 413 });
  });

  it("also when the size is not announced (a streamed body)", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > BODY_LIMIT_BYTES) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await app.request("/api/v1/assess", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("accepts a body under the limit", async () => {
    expect((await send(app, "POST", "/api/v1/assess", assess)).status).toBe(200);
  });
});

describe("the rate limit", () => {
  it("answers a client's requests beyond its allowance with 429 and Retry-After, reads included", async () => {
    let now = Date.parse("2026-06-01T12:00:00Z");
    const { app } = testApp({
      config: { rateLimitPerMinute: 3 * REQUEST_COST.compute },
      clock: () => new Date(now),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(app, "POST", "/api/v1/assess", assess)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send(app, "POST", "/api/v1/assess", assess);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(limited.body).toMatchObject({ type: "/api/v1/problems/rate-limited", status: 429 });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The allowance is spent, so a read is refused too (before this change reads were never limited).
    const read = await send(app, "GET", "/api/v1/specialties");
    expect(read.status).toBe(429);
    expect(Number(read.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // After Retry-After seconds the request's cost is back.
    now += Number(limited.headers.get("retry-after")) * 1000;
    expect((await send(app, "POST", "/api/v1/assess", assess)).status).toBe(200);
  });

  it("limits GET requests on their own", async () => {
    const { app } = testApp({ config: { rateLimitPerMinute: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(app, "GET", "/api/v1/specialties")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await send(app, "GET", "/api/v1/openapi.json");
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe("/api/v1/problems/rate-limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  /** How many times `request` is answered before the first 429, from a full allowance of `perMinute`. */
  const answeredBeforeLimit = async (
    perMinute: number,
    request: (app: ReturnType<typeof testApp>["app"]) => Promise<{ status: number }>,
  ) => {
    const { app } = testApp({ config: { rateLimitPerMinute: perMinute } });
    for (let n = 0; n <= perMinute; n++) if ((await request(app)).status === 429) return n;
    return Number.POSITIVE_INFINITY;
  };

  it("drains the allowance faster with a costly route than with a trivial one", async () => {
    const perMinute = 12;
    const trivial = await answeredBeforeLimit(perMinute, (app) => send(app, "GET", "/api/v1/specialties"));
    const computing = await answeredBeforeLimit(perMinute, (app) =>
      send(app, "POST", "/api/v1/assess", assess),
    );
    expect(trivial).toBe(perMinute);
    expect(computing).toBe(Math.floor(perMinute / REQUEST_COST.compute));
    expect(computing).toBeLessThan(trivial);
  });

  it("prices reading a saved plan and printing a PDF above a trivial read", async () => {
    // A saved-plan read (a malformed id: 404 before the store is asked) spends what a trivial read would need next.
    const plan = testApp({ config: { rateLimitPerMinute: REQUEST_COST.savedPlanRead } });
    expect((await send(plan.app, "GET", "/api/v1/plans/not-an-id")).status).toBe(404);
    expect((await send(plan.app, "GET", "/api/v1/specialties")).status).toBe(429);
    expect(REQUEST_COST.savedPlanRead).toBeGreaterThan(REQUEST_COST.light);

    const pdf = testApp({
      config: { rateLimitPerMinute: REQUEST_COST.pdf },
      printPdf: async () => Buffer.from("%PDF-fake"),
    });
    expect((await send(pdf.app, "POST", "/api/v1/report?format=pdf", assess)).status).toBe(200);
    expect((await send(pdf.app, "GET", "/api/v1/specialties")).status).toBe(429);
    // The same report as JSON leaves room for more.
    const json = testApp({ config: { rateLimitPerMinute: REQUEST_COST.pdf } });
    expect((await send(json.app, "POST", "/api/v1/report", assess)).status).toBe(200);
    expect((await send(json.app, "GET", "/api/v1/specialties")).status).toBe(200);
  });

  /** A request as the Node server hands it to the app: from a socket whose peer is `peer`. */
  const fromPeer = (app: TestApp["app"], peer: string, headers: Record<string, string> = {}) =>
    app.request(
      "/api/v1/assess",
      {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(assess),
      },
      { incoming: { socket: { remoteAddress: peer } } },
    );

  it("counts clients apart by the right-most X-Forwarded-For entry that is not a trusted proxy", async () => {
    const { app } = testApp({ config: { rateLimitPerMinute: 1, trustProxy: ["10.0.0.0/8"] } });
    const via = (chain: string) => fromPeer(app, "10.0.0.7", { "x-forwarded-for": chain });
    expect((await via("203.0.113.9, 198.51.100.1")).status).toBe(200);
    expect((await via("203.0.113.9, 198.51.100.1")).status).toBe(429);
    // The client forged an entry to its left: still the same client.
    expect((await via("192.0.2.77, 198.51.100.1")).status).toBe(429);
    // Through a second trusted proxy (10.0.0.3) the client is still the first untrusted address.
    expect((await via("198.51.100.1, 10.0.0.3")).status).toBe(429);
    expect((await via("203.0.113.9, 198.51.100.2")).status).toBe(200);
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy, and when TRUST_PROXY is empty", async () => {
    for (const trustProxy of [["10.0.0.0/8"], []]) {
      const { app } = testApp({ config: { rateLimitPerMinute: 1, trustProxy } });
      const sent = [];
      // The probe's attack: a new forged address on every request from one peer.
      for (let i = 1; i <= 3; i++)
        sent.push((await fromPeer(app, "198.51.100.50", { "x-forwarded-for": `203.0.113.${i}` })).status);
      expect(sent, JSON.stringify(trustProxy)).toEqual([200, 429, 429]);
    }
  });

  it("gives one allowance to a client over IPv4 and IPv6-mapped IPv4, to all of loopback, and to each IPv6 /64", async () => {
    const { app } = testApp({ config: { rateLimitPerMinute: 1 } });
    const statuses = async (...peers: string[]) => {
      const out: number[] = [];
      for (const p of peers) out.push((await fromPeer(app, p)).status);
      return out;
    };
    expect(await statuses("198.51.100.1", "::ffff:198.51.100.1", "::ffff:c633:6401")).toEqual([
      200, 429, 429,
    ]);
    expect(await statuses("127.0.0.1", "::1", "127.0.0.2", "::ffff:127.0.0.1")).toEqual([200, 429, 429, 429]);
    expect(await statuses("2001:db8:1:2::1", "2001:db8:1:2:ffff:1:2:3", "2001:db8:1:3::1")).toEqual([
      200, 429, 200,
    ]);
  });
});

describe("unknown routes and internal errors", () => {
  it("answer an unknown route with a 404 problem", async () => {
    const { app } = testApp();
    for (const [method, path] of [
      ["GET", "/api/v1/nothing-here"],
      ["POST", "/api/v1/plans/abc/extra"],
      ["GET", "/no/such/file.js"],
    ] as const) {
      const a = await send(app, method, path);
      expect(a.status).toBe(404);
      expect(a.headers.get("content-type")).toBe("application/problem+json");
      expect(a.body.type).toBe("/api/v1/problems/not-found");
    }
  });

  it("answer a known route with the wrong method with a 405 problem and an Allow header naming the right ones", async () => {
    const { app } = testApp();
    for (const [method, path, allow] of [
      ["GET", "/api/v1/assess", "POST"],
      ["DELETE", "/api/v1/specialties", "GET, HEAD"],
      ["POST", "/api/v1/plans/0123456789abcdef0123456789abcdef", "DELETE, GET, HEAD, PUT"],
      ["PATCH", "/api/v1/plans", "POST"],
    ] as const) {
      const a = await send(app, method, path);
      expect(a.status, `${method} ${path}`).toBe(405);
      expect(a.headers.get("allow")).toBe(allow);
      expect(a.headers.get("content-type")).toBe("application/problem+json");
      expect(a.body.type).toBe("/api/v1/problems/method-not-allowed");
      expect(a.body.detail).toContain(allow);
    }
  });

  it("answer an internal failure with a 500 problem that shows no stack, message or input — and log neither", async () => {
    const secret = "Dr-Secret-Applicant";
    const failing: Store = {
      ...unusedStore,
      create: () => Promise.reject(new Error(`database exploded while saving ${secret}`)),
    };
    const { app, lines } = testApp({ store: failing });
    const a = await send(app, "POST", "/api/v1/plans", {
      profile: { ...profile, ties: { states: ["MI"] } },
      specialty: SPECIALTY,
      programs: [],
    });
    expect(a.status).toBe(500);
    expect(a.headers.get("content-type")).toBe("application/problem+json");
    expect(a.body).toMatchObject({ type: "/api/v1/problems/internal-error", status: 500 });
    expect(a.text).not.toMatch(/exploded|Secret|at \w+ \(|\.ts:/);
    expect(lines.join("\n")).not.toMatch(/exploded|Secret/);
    expect(lines.some((l) => JSON.parse(l).level === "error")).toBe(true);
  });
});

describe("GET /healthz", () => {
  it("reports the store kind when the store answers", async () => {
    const { app } = testApp({ store });
    const a = await send(app, "GET", "/healthz");
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ status: "ok", store: "pglite" });
  });

  it("answers 503 when the store does not", async () => {
    const { app } = testApp({ store: { ...unusedStore, kind: "postgres", ready: async () => false } });
    const a = await send(app, "GET", "/healthz");
    expect(a.status).toBe(503);
    expect(a.body).toMatchObject({ type: "/api/v1/problems/service-unavailable", store: "postgres" });
  });
});

describe("the request log", () => {
  it("has one line per request with method, route pattern, status and duration — no ids, bodies or values", async () => {
    const { app, lines } = testApp({ store });
    const created = await send(app, "POST", "/api/v1/plans", assess);
    const id: string = created.body.id;
    await send(app, "GET", `/api/v1/plans/${id}?asOf=2026-07-01`);
    await send(app, "DELETE", `/api/v1/plans/${id}`);
    await send(app, "GET", `/api/v1/programs/search?specialty=${SPECIALTY}&state=MI`);
    await send(app, "GET", "/api/v1/nothing-here");
    expect(lines).toHaveLength(5);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => [p.method, p.route, p.status])).toEqual([
      ["POST", "/api/v1/plans", 201],
      ["GET", "/api/v1/plans/:id", 200],
      ["DELETE", "/api/v1/plans/:id", 204],
      ["GET", "/api/v1/programs/search", 200],
      ["GET", "(no route)", 404],
    ]);
    for (const p of parsed) {
      expect(typeof p.ms).toBe("number");
      expect(p.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Object.keys(p).sort()).toEqual(["method", "ms", "route", "status", "time"]);
    }
    // The clock time and the duration are checked by their form above: their digits are whatever
    // the clock says (a score of 236 once matched "…:39.236Z"). Every other field must hold none
    // of the request's values.
    const rest = parsed.map(({ time: _time, ms: _ms, ...other }) => JSON.stringify(other)).join("\n");
    for (const leak of [id, "2026-07-01", "MI", String(profile.step2ck.score), "nothing-here", SPECIALTY])
      expect(rest).not.toContain(leak);
  });
});

describe("the page at /", () => {
  it("says the web app is not built and links to the API description when web/dist is missing", async () => {
    const { app } = testApp();
    const a = await send(app, "GET", "/");
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toMatch(/^text\/html/);
    expect(a.text).toContain("not built");
    expect(a.text).toContain('href="/api/v1/openapi.json"');
    expect(a.text).not.toMatch(/<script|style=/);
  });

  it("sends a file's Brotli or gzip copy to a client that accepts it, and the file itself otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "matchplan-web-"));
    try {
      mkdirSync(join(dir, "data"));
      writeFileSync(join(dir, "index.html"), "<!doctype html><title>MatchPlan</title>");
      const catalog = Buffer.from(
        JSON.stringify({ programs: Array.from({ length: 500 }, (_, i) => ({ i })) }),
      );
      writeFileSync(join(dir, "data/catalog.json"), catalog);
      writeFileSync(join(dir, "data/catalog.json.br"), brotliCompressSync(catalog));
      writeFileSync(join(dir, "data/catalog.json.gz"), gzipSync(catalog));
      const { app } = testApp({ config: { webDir: dir } });
      const get = (encoding?: string) =>
        app.request("/data/catalog.json", encoding ? { headers: { "accept-encoding": encoding } } : {});

      const br = await get("gzip, deflate, br");
      expect(br.headers.get("content-encoding")).toBe("br");
      expect(br.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(br.headers.get("content-type")).toMatch(/^application\/json/);
      expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer()))).toEqual(catalog);

      const gz = await get("gzip");
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer()))).toEqual(catalog);

      const plain = await get();
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(Buffer.from(await plain.arrayBuffer())).toEqual(catalog);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("paths outside the API", () => {
  const built = mkdtempSync(join(tmpdir(), "matchplan-web-"));
  const PAGE = "<!doctype html><title>MatchPlan page</title>";
  mkdirSync(join(built, "assets"));
  writeFileSync(join(built, "index.html"), PAGE);
  writeFileSync(join(built, "sw.js"), "self.addEventListener('fetch', () => {});");
  writeFileSync(join(built, "assets/index-B2x9kQ1a.js"), "console.log('app');");
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  const page = ["/foo", "/assets/", "/a/b/c", "/plans/AAAAAAAAAAAAAAAAAAAAAA"];
  const file = ["/x.js", "/assets/missing-0000.js", "/a/b/c.png", "/favicon.ico"];

  it.each([
    ["built", built, PAGE],
    ["not built", "/nonexistent/web/dist", "not built"],
  ])(
    "serve the page for a path without a dot and a 404 problem for a missing file (web app %s)",
    async (_, webDir, marker) => {
      const { app, lines } = testApp({ config: { webDir } });
      for (const path of page) {
        const a = await send(app, "GET", path);
        expect(a.status, path).toBe(200);
        expect(a.headers.get("content-type"), path).toMatch(/^text\/html/);
        expect(a.text, path).toContain(marker);
        expect(a.headers.get("cache-control"), path).toBe("no-store");
        expectSecurityHeaders(a.headers);
      }
      for (const path of file) {
        const a = await send(app, "GET", path);
        expect(a.status, path).toBe(404);
        expect(a.headers.get("content-type"), path).toBe("application/problem+json");
        expect(a.body.type, path).toBe("/api/v1/problems/not-found");
        expectSecurityHeaders(a.headers);
      }
      for (const path of ["/api", "/api/", "/api/v1/foo"]) {
        const a = await send(app, "GET", path);
        expect(a.status, path).toBe(404);
        expect(a.headers.get("content-type"), path).toBe("application/problem+json");
      }
      expect(lines.join("\n")).not.toMatch(/"level":"error"/);
    },
  );

  it("cache hashed assets for a year as immutable, never store the page, and make the browser revalidate everything else", async () => {
    const { app } = testApp({ config: { webDir: built } });
    const asset = await app.request("/assets/index-B2x9kQ1a.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    for (const path of ["/", "/index.html", "/plans/AAAAAAAAAAAAAAAAAAAAAA"]) {
      const r = await app.request(path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get("cache-control"), path).toBe("no-store");
    }
    const sw = await app.request("/sw.js");
    expect(sw.status).toBe(200);
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    const missing = await app.request("/assets/index-00000000.js");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
  });

  it("answer a revalidation of an unchanged file with 304 and no body, and a changed one with the file", async () => {
    const { app } = testApp({ config: { webDir: built } });
    const first = await app.request("/sw.js");
    const etag = first.headers.get("etag");
    const modified = first.headers.get("last-modified");
    expect(etag).toMatch(/^W\/"/);
    expect(modified).toBeTruthy();
    await first.arrayBuffer();
    const validators: Array<Record<string, string>> = [
      { "if-none-match": etag as string },
      { "if-modified-since": modified as string },
    ];
    for (const headers of validators) {
      const again = await app.request("/sw.js", { headers });
      expect(again.status, JSON.stringify(headers)).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("cache-control")).toBe("no-cache");
      expect(again.headers.get("etag")).toBe(etag);
    }
    const stale = await app.request("/sw.js", { headers: { "if-none-match": 'W/"identity-1-0"' } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain("addEventListener");
    const older = await app.request("/sw.js", {
      headers: { "if-modified-since": new Date(Date.parse(modified as string) - 60_000).toUTCString() },
    });
    expect(older.status).toBe(200);
    await older.arrayBuffer();
  });
});

describe("Cache-Control on API answers", () => {
  it("is no-store on every answer that carries a plan, a result or a problem", async () => {
    const { app } = testApp({ store });
    const created = await send(app, "POST", "/api/v1/plans", assess);
    expect(created.status).toBe(201);
    const answers = [
      created,
      await send(app, "GET", `/api/v1/plans/${created.body.id}`),
      await send(app, "PUT", `/api/v1/plans/${created.body.id}`, { ...assess, version: 1 }),
      await send(app, "POST", "/api/v1/assess", assess),
      await send(app, "POST", "/api/v1/assess", "{"),
      await send(app, "GET", "/api/v1/plans/AAAAAAAAAAAAAAAAAAAAAA"),
      await send(app, "GET", "/api/v1/specialties"),
      await send(app, "GET", "/api/v1/openapi.json"),
      await send(app, "GET", "/healthz"),
      await send(app, "DELETE", `/api/v1/plans/${created.body.id}`),
    ];
    for (const a of answers) expect(a.headers.get("cache-control"), String(a.status)).toBe("no-store");
  });
});

describe("the saved-plan quota", () => {
  const save = (app: TestApp["app"], peer: string) =>
    app.request(
      "/api/v1/plans",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(assess) },
      { incoming: { socket: { remoteAddress: peer } } },
    );

  let limited: Store;
  beforeAll(async () => {
    limited = await openStore({ kind: "pglite", dataDir: null }, { limits: { perClient: 2, total: 0 } });
  }, STORE_START_MS);
  afterAll(() => limited.close());

  it("turns a client's save beyond its quota away with a 429 problem naming the limit, and counts an IPv6 /64 as one client", async () => {
    const { app } = testApp({ store: limited });
    const statuses = async (...peers: string[]) => {
      const out: number[] = [];
      for (const p of peers) out.push((await save(app, p)).status);
      return out;
    };
    expect(await statuses("198.51.100.1", "::ffff:198.51.100.1", "198.51.100.1")).toEqual([201, 201, 429]);
    const refused = await save(app, "198.51.100.1");
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const body = await refused.json();
    expect(body).toMatchObject({
      type: "/api/v1/problems/plan-quota-exceeded",
      status: 429,
      limit: "per-client",
      max: 2,
    });
    expect(body.detail).toContain("2");
    expect(await statuses("198.51.100.2")).toEqual([201]);
    expect(await statuses("2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:ffff::9")).toEqual([
      201, 201, 429,
    ]);
  });

  it("answers 507 Insufficient Storage, naming the limit, when the store holds all the plans it allows", async () => {
    const full: Store = {
      ...unusedStore,
      create: async () => ({ ok: false, reason: "quota", limit: "total", max: 50_000 }),
    };
    const { app } = testApp({ store: full });
    const a = await send(app, "POST", "/api/v1/plans", assess);
    expect(a.status).toBe(507);
    expect(a.headers.get("content-type")).toBe("application/problem+json");
    expect(a.body).toMatchObject({ type: "/api/v1/problems/plan-storage-full", limit: "total", max: 50_000 });
  });
});
