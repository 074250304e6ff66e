import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { type Answer, memoryStore, STORE_START_MS, send, type TestApp, testApp } from "./support/test-app.ts";

/**
 * Every route answers malformed input — a body that is not JSON, a body that is not sent as
 * JSON, a field of the wrong type, a score off the scale, a field it does not know, a specialty
 * that is not registered — with a 4xx RFC 9457 problem whose issues name the field.
 */
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"));
const profile = example("non-us-img-dr.json");
const notYetTaken = { ...profile, step2ck: { score: null, attempts: 0 } };
const log = example("practice-log-rising.json");
const SPECIALTY = "diagnostic-radiology";
const PLAN_ID = "AAAAAAAAAAAAAAAAAAAAAA";

let t: TestApp;
let store: Store;
let programIds: string[];

beforeAll(async () => {
  store = await memoryStore();
  t = testApp({ store });
  const found = await send(t.app, "GET", `/api/v1/programs/search?specialty=${SPECIALTY}`);
  programIds = found.body.programs.slice(0, 3).map((p: { id: string }) => p.id);
}, STORE_START_MS);
afterAll(() => store.close());

interface Case {
  method: "POST" | "PUT";
  path: string;
  body: () => Record<string, unknown>;
  /** Where a profile score sits in this route's body, if it takes a profile. */
  profile: boolean;
  specialty: boolean;
}

const cases: Case[] = [
  {
    method: "POST",
    path: "/api/v1/profile/validate",
    body: () => ({ profile }),
    profile: true,
    specialty: false,
  },
  {
    method: "POST",
    path: "/api/v1/assess",
    body: () => ({ profile, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/programs/plan",
    body: () => ({ profile, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/programs/what-if",
    body: () => ({ profile, specialty: SPECIALTY, programIds, scores: [profile.step2ck.score] }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/programs/evaluate",
    body: () => ({ profile, specialty: SPECIALTY, programIds }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/study/plan",
    body: () => ({ profile: notYetTaken, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/study/forecast",
    body: () => ({ log, target: log[0].score }),
    profile: false,
    specialty: false,
  },
  {
    method: "POST",
    path: "/api/v1/timeline",
    body: () => ({ profile, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/report",
    body: () => ({ profile, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
  {
    method: "POST",
    path: "/api/v1/plans",
    body: () => ({ profile, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
  {
    method: "PUT",
    path: `/api/v1/plans/${PLAN_ID}`,
    body: () => ({ version: 1, profile, specialty: SPECIALTY }),
    profile: true,
    specialty: true,
  },
];

function expectProblem(a: Answer, status: number, kind: string): void {
  expect(a.status).toBe(status);
  expect(a.headers.get("content-type")).toBe("application/problem+json");
  expect(a.body).toMatchObject({ type: `/api/v1/problems/${kind}`, status });
  expect(typeof a.body.title).toBe("string");
  expect(typeof a.body.detail).toBe("string");
}

function expectIssueAt(a: Answer, path: string, code?: string): void {
  expectProblem(a, 422, "invalid-input");
  const hit = a.body.issues.find((i: { path: string }) => i.path === path);
  expect(hit, `an issue at ${path} among ${JSON.stringify(a.body.issues)}`).toBeDefined();
  if (code) expect(hit.code).toBe(code);
  expect(hit.message.length).toBeGreaterThan(0);
}

describe.each(cases)("$method $path", (c) => {
  it("accepts its well-formed example (so the failures below are the input's fault)", async () => {
    const a = await send(t.app, c.method, c.path, c.body());
    // The PUT example names no stored plan: well-formed, so it gets as far as the lookup.
    expect(a.status).toBe(c.method === "PUT" ? 404 : c.path === "/api/v1/plans" ? 201 : 200);
  });

  it("answers a body that is not JSON with 400 malformed-request", async () => {
    const a = await send(t.app, c.method, c.path, '{"profile": {');
    expectProblem(a, 400, "malformed-request");
    expect(a.body.issues).toEqual([expect.objectContaining({ code: "invalid_json" })]);
  });

  it("answers a body sent as another media type with 415", async () => {
    const a = await send(t.app, c.method, c.path, JSON.stringify(c.body()), { "content-type": "text/plain" });
    expectProblem(a, 415, "unsupported-media-type");
  });

  it("answers a missing body with the missing fields", async () => {
    const a = await send(t.app, c.method, c.path);
    expectProblem(a, 422, "invalid-input");
    expect(a.body.issues.every((i: { code: string }) => i.code === "missing_field")).toBe(true);
  });

  it("answers a body that is not an object with 422 at the root", async () => {
    expectIssueAt(await send(t.app, c.method, c.path, "[]"), "");
  });

  it("names an unknown field", async () => {
    expectIssueAt(await send(t.app, c.method, c.path, { ...c.body(), bogus: 1 }), "bogus", "unknown_field");
  });
});

describe.each(cases.filter((c) => c.profile))("$method $path, inside the profile", (c) => {
  it("names a field of the wrong type inside the profile", async () => {
    const body = c.body();
    const p = body.profile as Record<string, Record<string, unknown>>;
    const a = await send(t.app, c.method, c.path, {
      ...body,
      profile: { ...p, step2ck: { ...p.step2ck, score: "high" } },
    });
    expectIssueAt(a, "profile.step2ck.score", "invalid_type");
  });

  it("names a score off the USMLE scale", async () => {
    const body = c.body();
    const p = body.profile as Record<string, Record<string, unknown>>;
    const a = await send(t.app, c.method, c.path, {
      ...body,
      profile: { ...p, step2ck: { score: 999, attempts: 1 } },
    });
    expectIssueAt(a, "profile.step2ck.score", "out_of_range");
  });

  it("names an unknown field inside the profile", async () => {
    const body = c.body();
    const a = await send(t.app, c.method, c.path, {
      ...body,
      profile: { ...(body.profile as object), nickname: "x" },
    });
    expectIssueAt(a, "profile.nickname", "unknown_field");
  });
});

describe.each(cases.filter((c) => c.specialty))("$method $path, the specialty", (c) => {
  it("names an unknown specialty", async () => {
    const a = await send(t.app, c.method, c.path, { ...c.body(), specialty: "astrology" });
    expectIssueAt(a, "specialty");
    expect(a.body.issues[0].allowed).toContain(SPECIALTY);
  });
});

describe("route-specific fields", () => {
  const post = (path: string, body: unknown) => send(t.app, "POST", path, body);

  it("the forecast names the practice exam and field that is wrong", async () => {
    const bad = [{ ...log[0] }, { ...log[1], score: 999 }];
    expectIssueAt(await post("/api/v1/study/forecast", { log: bad, target: log[0].score }), "log[1].score");
    expectIssueAt(await post("/api/v1/study/forecast", { log, target: "high" }), "target", "invalid_type");
    expectIssueAt(
      await post("/api/v1/study/forecast", { log: [{ ...log[0], kind: "quiz" }], target: 250 }),
      "log[0].kind",
    );
  });

  it("what-if wants scores or a range, not both and not neither, on the scale", async () => {
    const base = { profile, specialty: SPECIALTY, programIds };
    expectIssueAt(await post("/api/v1/programs/what-if", base), "scores");
    expectIssueAt(
      await post("/api/v1/programs/what-if", { ...base, scores: [240], range: { from: 230, to: 240 } }),
      "scores",
    );
    expectIssueAt(
      await post("/api/v1/programs/what-if", { ...base, scores: [240, 999] }),
      "scores[1]",
      "out_of_range",
    );
    expectIssueAt(
      await post("/api/v1/programs/what-if", { ...base, range: { from: 250, to: 240 } }),
      "range.to",
    );
  });

  it("program lists name unknown, repeated and other-specialty program ids by position", async () => {
    const base = { profile, specialty: SPECIALTY };
    const first = programIds[0] as string;
    expectIssueAt(
      await post("/api/v1/programs/evaluate", { ...base, programIds: [first, "no-such-program"] }),
      "programIds[1]",
      "unknown_reference",
    );
    expectIssueAt(
      await post("/api/v1/programs/evaluate", { ...base, programIds: [first, first] }),
      "programIds[1]",
      "duplicate_id",
    );
    const other = await send(t.app, "GET", "/api/v1/programs/search?specialty=internal-medicine");
    expectIssueAt(
      await post("/api/v1/programs/evaluate", { ...base, programIds: [other.body.programs[0].id] }),
      "programIds[0]",
      "inconsistent",
    );
    expectIssueAt(
      await post("/api/v1/programs/evaluate", { ...base, programIds: [] }),
      "programIds",
      "out_of_range",
    );
  });

  it("the program-list planner names a budget off its range and an unknown parallel specialty", async () => {
    const base = { profile, specialty: SPECIALTY };
    expectIssueAt(
      await post("/api/v1/programs/plan", { ...base, budgetUsd: -5 }),
      "budgetUsd",
      "out_of_range",
    );
    expectIssueAt(
      await post("/api/v1/programs/plan", { ...base, parallelSpecialty: "astrology" }),
      "parallelSpecialty",
    );
    expectIssueAt(await post("/api/v1/programs/plan", { ...base, signals: "some" }), "signals");
  });

  it("the study planner names core-level problems with the API's field names", async () => {
    const base = { profile: notYetTaken, specialty: SPECIALTY };
    expectIssueAt(await post("/api/v1/study/plan", { ...base, examDate: "2026-02-30" }), "examDate");
    expectIssueAt(await post("/api/v1/study/plan", { ...base, daysOff: ["someday"] }), "daysOff[0]");
    expectIssueAt(
      await post("/api/v1/study/plan", { ...base, hoursPerDay: 30 }),
      "hoursPerDay",
      "out_of_range",
    );
    // A passed Step 2 CK cannot be retaken: the core says so about the profile's score.
    expectIssueAt(
      await post("/api/v1/study/plan", { profile, specialty: SPECIALTY }),
      "profile.step2ck.score",
      "inconsistent",
    );
  });

  it("names array positions with brackets, inside the profile too", async () => {
    const a = await post("/api/v1/assess", {
      profile: { ...profile, preferences: { states: ["OH", "Ohio"] } },
      specialty: SPECIALTY,
    });
    expectIssueAt(a, "profile.preferences.states[1]");
    expect(a.body.detail).toContain("profile.preferences.states[1]");
  });

  it("a date that is not a date is named wherever it is", async () => {
    expectIssueAt(await post("/api/v1/assess", { profile, specialty: SPECIALTY, asOf: "yesterday" }), "asOf");
  });

  it("saved plans name a bad practice exam, an unknown program and a bad status", async () => {
    const base = { profile, specialty: SPECIALTY };
    expectIssueAt(
      await post("/api/v1/plans", { ...base, practiceLog: [{ ...log[0], score: 999 }] }),
      "practiceLog[0].score",
    );
    expectIssueAt(
      await post("/api/v1/plans", {
        ...base,
        programs: [{ programId: "no-such-program", status: "planned" }],
      }),
      "programs[0].programId",
      "unknown_reference",
    );
    expectIssueAt(
      await post("/api/v1/plans", { ...base, programs: [{ programId: programIds[0], status: "maybe" }] }),
      "programs[0].status",
    );
    const put = await send(t.app, "PUT", `/api/v1/plans/${PLAN_ID}`, base);
    expectIssueAt(put, "version", "missing_field");
  });
});

describe("GET /api/v1/programs/search", () => {
  const get = (query: string) => send(t.app, "GET", `/api/v1/programs/search?${query}`);

  it("names a missing or unknown specialty", async () => {
    expectIssueAt(await get(""), "specialty", "missing_field");
    expectIssueAt(await get("specialty=astrology"), "specialty");
  });

  it("names a bad state, visa or rate", async () => {
    expectIssueAt(await get(`specialty=${SPECIALTY}&state=Ohio`), "state");
    expectIssueAt(await get(`specialty=${SPECIALTY}&visa=tourist`), "visa");
    expectIssueAt(await get(`specialty=${SPECIALTY}&minImgRate=lots`), "minImgRate");
    expectIssueAt(await get(`specialty=${SPECIALTY}&minImgRate=1.5`), "minImgRate");
    expectIssueAt(await get(`specialty=${SPECIALTY}&minImgRate=`), "minImgRate");
  });

  it("names an unknown query parameter", async () => {
    expectIssueAt(await get(`specialty=${SPECIALTY}&colour=blue`), "colour", "unknown_field");
  });
});
