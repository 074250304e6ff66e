import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { createApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import {
  hostileProfileFrom,
  hostileValue,
  VALID_PROFILE,
  VALID_PROFILE_BEFORE_STEP2,
} from "./hostile-input.ts";

/**
 * Generated malformed and hostile requests through every API route, in process: no request may
 * crash the app or get a 5xx, and every rejection of a corrupted profile names the field.
 */
const RUNS = Number(process.env.FUZZ_API_RUNS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "matchplan-fuzz-api-"));
let store: Store;

beforeAll(async () => {
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

type Req = { method: string; path: string; body?: string; contentType?: string; corrupted: string | null };

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

describe("generated hostile requests through the API", () => {
  it(`${RUNS.toLocaleString("en-US")} requests: no crash, no 5xx, problem+json rejections that name the field`, async () => {
    const app = createApp({
      rulebook: repositoryRulebook(),
      programData: repositoryProgramData(),
      store,
      config: { corsOrigins: [], rateLimitPerMinute: 0, trustProxy: [], webDir: join(dir, "no-web") },
      log: () => {},
    });
    const counts = {
      requests: 0,
      ok2xx: 0,
      rejected4xx: 0,
      server5xx: 0,
      crashes: 0,
      notProblemJson: 0,
      fieldNotNamed: 0,
    };
    const byStatus = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArb, async (req) => {
        counts.requests++;
        let res: Response;
        try {
          res = await app.request(req.path, {
            method: req.method,
            ...(req.body !== undefined ? { body: req.body } : {}),
            headers: req.body !== undefined ? { "content-type": req.contentType ?? "application/json" } : {},
          });
        } catch {
          counts.crashes++;
          return;
        }
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        if (res.status >= 500) counts.server5xx++;
        else if (res.status >= 400) {
          counts.rejected4xx++;
          if (!(res.headers.get("content-type") ?? "").startsWith("application/problem+json"))
            counts.notProblemJson++;
          else if (req.corrupted !== null && (res.status === 400 || res.status === 422)) {
            const body = (await res.json()) as { issues?: Array<{ path: string; code: string }> };
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
                console.log(req.path, c, res.status, JSON.stringify(body).slice(0, 400));
            }
          }
        } else counts.ok2xx++;
      }),
      { numRuns: RUNS, seed: 7 },
    );
    console.log(
      `API fuzz: ${JSON.stringify(counts)}; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`,
    );
    expect(counts.crashes).toBe(0);
    expect(counts.server5xx).toBe(0);
    expect(counts.notProblemJson).toBe(0);
    expect(counts.fieldNotNamed).toBe(0);
  }, 900_000);
});
