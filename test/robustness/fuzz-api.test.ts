import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { createApp } from "../../src/server/app.ts";
import { routeBudgets } from "../../src/server/schemas/route-budgets.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import {
  extremeDate,
  HUGE_RAW,
  hostileProfileFrom,
  hostileValue,
  hugeNumber,
  notText,
  traversalStep,
  VALID_PROFILE,
  VALID_PROFILE_BEFORE_STEP2,
} from "./hostile-input.ts";

/**
 * Generated malformed and hostile requests through every API route, in process: no request may
 * crash the app or get a 5xx, every rejection of a corrupted field names the field, no answer
 * is larger than the largest route budget, and no request takes more than a few seconds. Besides
 * corrupted profiles and bodies, the classes an attacker probed with (issue 11): extreme dates,
 * NUL and unpaired surrogates wherever text enters, huge numbers (and numbers no double holds,
 * as raw JSON), and path-traversal spellings against the API and the web app's files.
 *
 * 20,000 requests by default (a couple of minutes); FUZZ_API_RUNS=100000 for the full run.
 */
const RUNS = Number(process.env.FUZZ_API_RUNS ?? 20_000);
/** A very loose safety net, not a performance figure: the slowest valid request takes well under a second. */
const SLOWEST_ALLOWED_MS = 5_000;
const dir = mkdtempSync(join(tmpdir(), "matchplan-fuzz-api-"));
/** A built web app's files, with a file beside them that no path may reach. */
const webDir = join(dir, "web");
const SECRET = "secret-beside-the-web-files";
let store: Store;

beforeAll(async () => {
  mkdirSync(join(webDir, "assets"), { recursive: true });
  writeFileSync(join(webDir, "index.html"), "<!doctype html><title>MatchPlan</title>");
  writeFileSync(join(webDir, "assets", "app.js"), "export {};");
  writeFileSync(join(dir, "secret.txt"), SECRET);
  store = await openStore({ kind: "pglite", dataDir: join(dir, "store") });
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const POST_ROUTES = [
  "/api/v1/profile/validate",
  "/api/v1/assess",
  "/api/v1/programs/plan",
  "/api/v1/programs/evaluate",
  "/api/v1/programs/what-if",
  "/api/v1/study/plan",
  "/api/v1/plans",
] as const;

type Req = {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  corrupted: string | null;
  /** A path-traversal attempt: it must never reach a file outside the web app's folder. */
  traversal?: boolean;
};

/** The rest of each route's body, valid, so the corrupted profile is the only thing wrong with it. */
const idsOf = (specialty: string) =>
  repositoryProgramData()
    .bySpecialty.get(specialty)
    ?.slice(0, 5)
    .map((p) => p.id) ?? [];
const BODY_REST: Record<(typeof POST_ROUTES)[number], (specialty: string) => Record<string, unknown>> = {
  "/api/v1/profile/validate": () => ({}),
  "/api/v1/assess": (specialty) => ({ specialty }),
  "/api/v1/programs/plan": (specialty) => ({ specialty }),
  "/api/v1/programs/evaluate": (specialty) => ({ specialty, programIds: idsOf(specialty) }),
  "/api/v1/programs/what-if": (specialty) => ({
    specialty,
    programIds: idsOf(specialty),
    scores: [220, 240],
  }),
  "/api/v1/study/plan": (specialty) => ({ specialty }),
  "/api/v1/plans": (specialty) => ({ specialty, practiceLog: [], programs: [] }),
};

const specialty = fc.oneof(
  fc.constantFrom("diagnostic-radiology", "internal-medicine", "interventional-radiology"),
  fc.string({ maxLength: 30 }),
);
const requestArb: fc.Arbitrary<Req> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...POST_ROUTES)
      .chain((route) =>
        fc.record({
          route: fc.constant(route),
          p: hostileProfileFrom(route === "/api/v1/study/plan" ? VALID_PROFILE_BEFORE_STEP2 : VALID_PROFILE),
          specialty,
        }),
      )
      .map(({ route, p, specialty }) => ({
        method: "POST",
        path: route,
        body: JSON.stringify({ profile: p.input, ...BODY_REST[route](specialty) }) ?? "null",
        corrupted: p.corrupted === null ? null : `profile.${p.corrupted}`,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        route: fc.constantFrom(...POST_ROUTES),
        extra: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 }),
      })
      .map(({ route, extra }) => ({
        method: "POST",
        path: route,
        body:
          JSON.stringify({ profile: VALID_PROFILE, ...BODY_REST[route]("diagnostic-radiology"), ...extra }) ??
          "{}",
        corrupted: null,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        route: fc.constantFrom(...POST_ROUTES),
        raw: fc.oneof(
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.constantFrom("{", "[1,", '{"profile":', "null", "\u0000", "{}".repeat(5000)),
        ),
        ct: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""),
      })
      .map(({ route, raw, ct }) => ({
        method: "POST",
        path: route,
        body: raw,
        contentType: ct,
        corrupted: null,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        id: fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom("../../etc/passwd", "%00", "' or 1=1 --", "A".repeat(5000)),
        ),
        method: fc.constantFrom("GET", "PUT", "DELETE"),
        body: hostileValue,
      })
      .map(({ id, method, body }) => ({
        method,
        path: `/api/v1/plans/${encodeURIComponent(id)}`,
        ...(method === "PUT" ? { body: JSON.stringify(body) ?? "null" } : {}),
        corrupted: null,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        q: fc.dictionary(
          fc.constantFrom("specialty", "state", "visa", "minImgRate", "x"),
          fc.string({ maxLength: 20 }),
          { maxKeys: 4 },
        ),
      })
      .map(({ q }) => ({
        method: "GET",
        path: `/api/v1/programs/search?${new URLSearchParams(q).toString()}`,
        corrupted: null,
      })),
  },
);

// ── issue 11's classes: a valid body with one field set to a hostile value ──
const rb = repositoryRulebook();
const WINDOW = rb.limits.dates.value;
const DR = "diagnostic-radiology";
const drIds = idsOf(DR);
const LOG_ENTRY = { date: WINDOW.from, kind: "nbme", form: 12, score: 230 };
const OTHER_ENTRY = { date: "2026-01-10", kind: "other", form: "AMBOSS", score: 230 };
/** Set at run time: a saved plan for the GET and PUT cases. */
let savedPlanId = "AAAAAAAAAAAAAAAAAAAAAA";

interface FieldCase {
  method: "POST" | "PUT" | "GET";
  path: () => string;
  body: () => Record<string, unknown>;
  fields: ReadonlyArray<readonly string[]>;
}

const bodies = {
  assess: () => ({ profile: VALID_PROFILE, specialty: DR }),
  plan: () => ({ profile: VALID_PROFILE, specialty: DR }),
  whatIf: () => ({ profile: VALID_PROFILE, specialty: DR, programIds: drIds, range: { from: 220, to: 240 } }),
  evaluate: () => ({ profile: VALID_PROFILE, specialty: DR, programIds: drIds }),
  study: () => ({
    profile: VALID_PROFILE_BEFORE_STEP2,
    specialty: DR,
    mode: "part-time",
    baseline: 215,
    hoursPerDay: 4,
    weakSystems: ["renal"],
    diagnoses: ["content-gaps"],
    busy: [{ start: "2026-08-01", end: "2026-08-10", label: "surgery clerkship" }],
  }),
  // Practice exams dated at the window's start (here and in the report), so any as-of date in
  // the window follows them.
  forecast: () => ({ log: [LOG_ENTRY, { ...OTHER_ENTRY, date: WINDOW.from }], target: 250 }),
  timeline: () => ({ profile: VALID_PROFILE, specialty: DR }),
  report: () => ({ profile: VALID_PROFILE, specialty: DR, log: [{ ...OTHER_ENTRY, date: WINDOW.from }] }),
  plans: () => ({
    profile: VALID_PROFILE_BEFORE_STEP2,
    specialty: DR,
    practiceLog: [OTHER_ENTRY],
    programs: [{ programId: drIds[0], status: "planned" }],
  }),
};
const post = (path: string, body: () => Record<string, unknown>, fields: FieldCase["fields"]): FieldCase => ({
  method: "POST",
  path: () => path,
  body,
  fields,
});
const put = (fields: FieldCase["fields"]): FieldCase => ({
  method: "PUT",
  path: () => `/api/v1/plans/${savedPlanId}`,
  body: () => ({ version: 1, ...bodies.plans() }),
  fields,
});

const DATE_CASES: FieldCase[] = [
  ...(
    [
      ["/api/v1/assess", bodies.assess],
      ["/api/v1/programs/plan", bodies.plan],
      ["/api/v1/programs/what-if", bodies.whatIf],
      ["/api/v1/programs/evaluate", bodies.evaluate],
      ["/api/v1/timeline", bodies.timeline],
      ["/api/v1/report", bodies.report],
    ] as const
  ).map(([path, body]) => post(path, body, [["asOf"]])),
  post("/api/v1/study/plan", bodies.study, [
    ["asOf"],
    ["examDate"],
    ["usceStart"],
    ["busy", "0", "start"],
    ["busy", "0", "end"],
    ["profile", "step2ck", "plannedDate"],
  ]),
  post("/api/v1/study/forecast", bodies.forecast, [["asOf"], ["examDate"], ["log", "1", "date"]]),
  post("/api/v1/plans", bodies.plans, [
    ["practiceLog", "0", "date"],
    ["profile", "step2ck", "plannedDate"],
  ]),
];
const TEXT_CASES: FieldCase[] = [
  post("/api/v1/assess", bodies.assess, [["profile", "preferences", "regions", "0"]]),
  post("/api/v1/study/plan", bodies.study, [
    ["weakSystems", "0"],
    ["busy", "0", "label"],
    ["diagnoses", "0"],
  ]),
  post("/api/v1/study/forecast", bodies.forecast, [["log", "1", "form"]]),
  post("/api/v1/programs/evaluate", bodies.evaluate, [["programIds", "0"]]),
  post("/api/v1/programs/what-if", bodies.whatIf, [["programIds", "1"]]),
  post("/api/v1/report", bodies.report, [["log", "0", "form"]]),
  post("/api/v1/plans", bodies.plans, [
    ["practiceLog", "0", "form"],
    ["programs", "0", "programId"],
    ["profile", "preferences", "regions", "0"],
  ]),
  put([
    ["practiceLog", "0", "form"],
    ["profile", "preferences", "regions", "0"],
  ]),
];
const NUMBER_CASES: FieldCase[] = [
  post("/api/v1/assess", bodies.assess, [
    ["profile", "graduationYear"],
    ["profile", "targetMatchYear"],
    ["profile", "step2ck", "score"],
    ["profile", "step2ck", "attempts"],
    ["profile", "research", "items"],
    ["profile", "usce", "handsOnMonths"],
    ["profile", "preferences", "budgetUsd"],
  ]),
  post("/api/v1/programs/plan", bodies.plan, [["budgetUsd"]]),
  post("/api/v1/programs/what-if", bodies.whatIf, [
    ["range", "from"],
    ["range", "to"],
    ["range", "step"],
  ]),
  post("/api/v1/study/plan", bodies.study, [["hoursPerDay"], ["baseline"], ["target"]]),
  post("/api/v1/study/forecast", bodies.forecast, [
    ["target"],
    ["matchYear"],
    ["log", "0", "score"],
    ["log", "0", "form"],
    ["log", "1", "form"],
  ]),
  post("/api/v1/plans", bodies.plans, [
    ["practiceLog", "0", "score"],
    ["practiceLog", "0", "form"],
  ]),
  put([["version"], ["practiceLog", "0", "form"]]),
];

const fieldOf = (cases: FieldCase[]) =>
  fc
    .constantFrom(...cases)
    .chain((c) => fc.record({ c: fc.constant(c), field: fc.constantFrom(...c.fields) }));

/** Marks where a raw JSON number goes; replaced after JSON.stringify. */
const RAW_MARK = "\u0001raw\u0001";
function withField(c: FieldCase, field: readonly string[], value: unknown, raw?: string): Req {
  const body = structuredClone(c.body());
  let node = body as Record<string, unknown>;
  for (const key of field.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[field[field.length - 1] as string] = raw === undefined ? value : RAW_MARK;
  const text = JSON.stringify(body);
  return {
    method: c.method,
    path: c.path(),
    body: raw === undefined ? text : text.replace(JSON.stringify(RAW_MARK), raw),
    corrupted: field.join("."),
  };
}

const extremeDates: fc.Arbitrary<Req> = fc.oneof(
  fc
    .record({ f: fieldOf(DATE_CASES), date: extremeDate })
    .map(({ f, date }) => withField(f.c, f.field, date)),
  extremeDate.map(
    (date): Req => ({
      method: "GET",
      path: `/api/v1/plans/${savedPlanId}?asOf=${encodeURIComponent(date)}`,
      corrupted: "asOf",
    }),
  ),
);
const notTextAnywhere: fc.Arbitrary<Req> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ f: fieldOf(TEXT_CASES), text: notText })
      .map(({ f, text }) => withField(f.c, f.field, text)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ param: fc.constantFrom("specialty", "state", "visa", "minImgRate"), text: notText })
      .map(
        ({ param, text }): Req => ({
          method: "GET",
          path: `/api/v1/programs/search?${new URLSearchParams({ specialty: DR, [param]: text }).toString()}`,
          corrupted: param,
        }),
      ),
  },
);
const hugeNumbers: fc.Arbitrary<Req> = fc.oneof(
  fc.record({ f: fieldOf(NUMBER_CASES), n: hugeNumber }).map(({ f, n }) => withField(f.c, f.field, n)),
  fc
    .record({ f: fieldOf(NUMBER_CASES), raw: fc.constantFrom(...HUGE_RAW) })
    .map(({ f, raw }) => withField(f.c, f.field, null, raw)),
);
const TRAVERSAL_TARGETS = [
  "secret.txt",
  "package.json",
  ".env",
  "index.html",
  "app.js",
  "sources.yaml",
] as const;
const traversal: fc.Arbitrary<Req> = fc
  .record({
    prefix: fc.constantFrom("/", "/assets/", "/api/v1/", "/api/v1/plans/", "/data/", "/api/v1/problems/"),
    steps: fc.array(traversalStep, { minLength: 1, maxLength: 6 }),
    target: fc.constantFrom(...TRAVERSAL_TARGETS),
    method: fc.constantFrom("GET", "GET", "DELETE", "PUT", "POST"),
  })
  .map(({ prefix, steps, target, method }) => ({
    method,
    path: `${prefix}${steps.join("")}${target}`,
    ...(method === "PUT" || method === "POST" ? { body: "{}" } : {}),
    corrupted: null,
    traversal: true,
  }));

/** Every class, the corrupted profiles and bodies weighing most. */
const anyRequest: fc.Arbitrary<Req> = fc.oneof(
  { weight: 10, arbitrary: requestArb },
  { weight: 2, arbitrary: extremeDates },
  { weight: 2, arbitrary: notTextAnywhere },
  { weight: 2, arbitrary: hugeNumbers },
  { weight: 1, arbitrary: traversal },
);

describe("generated hostile requests through the API", () => {
  it(`${RUNS.toLocaleString("en-US")} requests: no crash, no 5xx, problem+json rejections that name the field`, async () => {
    const programData = repositoryProgramData();
    const app = createApp({
      rulebook: rb,
      programData,
      store,
      config: { corsOrigins: [], rateLimitPerMinute: 0, trustProxy: [], webDir },
      log: () => {},
    });
    const largestAnswer = Math.max(
      ...Object.values(routeBudgets(rb, programData)).map((b) => b.maxResponseBytes),
    );
    const saved = await app.request("/api/v1/plans", {
      method: "POST",
      body: JSON.stringify(bodies.plans()),
      headers: { "content-type": "application/json" },
    });
    expect(saved.status).toBe(201);
    savedPlanId = ((await saved.json()) as { id: string }).id;
    const counts = {
      requests: 0,
      ok2xx: 0,
      rejected4xx: 0,
      server5xx: 0,
      crashes: 0,
      notProblemJson: 0,
      fieldNotNamed: 0,
      overLargestBudget: 0,
      reachedOutsideWebFiles: 0,
    };
    const byStatus = new Map<number, number>();
    let slowestMs = 0;
    await fc.assert(
      fc.asyncProperty(anyRequest, async (req) => {
        counts.requests++;
        let res: Response;
        let text: string;
        const started = performance.now();
        try {
          res = await app.request(req.path, {
            method: req.method,
            ...(req.body !== undefined ? { body: req.body } : {}),
            headers: req.body !== undefined ? { "content-type": req.contentType ?? "application/json" } : {},
          });
          text = await res.text();
        } catch {
          counts.crashes++;
          return;
        }
        slowestMs = Math.max(slowestMs, performance.now() - started);
        if (Buffer.byteLength(text) > largestAnswer) counts.overLargestBudget++;
        if (req.traversal && (text.includes(SECRET) || text.includes('"name": "matchplan"')))
          counts.reachedOutsideWebFiles++;
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        if (res.status >= 500) {
          counts.server5xx++;
          if (process.env.FUZZ_DEBUG && counts.server5xx < 6)
            console.log(req.method, req.path, req.body?.slice(0, 300));
        } else if (res.status >= 400) {
          counts.rejected4xx++;
          if (!(res.headers.get("content-type") ?? "").startsWith("application/problem+json"))
            counts.notProblemJson++;
          else if (req.corrupted !== null && (res.status === 400 || res.status === 422)) {
            const body = JSON.parse(text) as { issues?: Array<{ path: string; code: string }> };
            // The API writes numeric path segments in brackets (`profile[5]`); compare in one form.
            const dotted = (p: string) => p.replace(/\[(\d+)\]/g, ".$1");
            const c = req.corrupted;
            const parent = c.split(".").slice(0, -1).join(".");
            const names = (i: { path: string; code: string }) =>
              i.path === c ||
              c.startsWith(`${i.path}.`) ||
              i.path.startsWith(`${c}.`) ||
              (i.code === "inconsistent" && i.path.startsWith(`${parent}.`)) ||
              // A request wrong in two places may be turned away for the other one first.
              (i.code === "unknown_specialty" && i.path === "specialty");
            const named = (body.issues ?? []).some(
              (issue) => names(issue) || names({ ...issue, path: dotted(issue.path) }),
            );
            if (!named) {
              counts.fieldNotNamed++;
              if (process.env.FUZZ_DEBUG && counts.fieldNotNamed < 6)
                console.log(req.path, c, res.status, text.slice(0, 400));
            }
          }
        } else counts.ok2xx++;
      }),
      { numRuns: RUNS, seed: 7 },
    );
    console.log(
      `API fuzz: ${JSON.stringify(counts)}; slowest ${Math.round(slowestMs)} ms; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`,
    );
    expect(counts.crashes).toBe(0);
    expect(counts.server5xx).toBe(0);
    expect(counts.notProblemJson).toBe(0);
    expect(counts.fieldNotNamed).toBe(0);
    expect(counts.overLargestBudget).toBe(0);
    expect(counts.reachedOutsideWebFiles).toBe(0);
    expect(slowestMs).toBeLessThan(SLOWEST_ALLOWED_MS);
  }, 900_000);
});
