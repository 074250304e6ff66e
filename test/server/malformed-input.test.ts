import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { MAX_ISSUES } from "../../src/server/request-issues.ts";
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

/**
 * Issue 11, probed as an attacker would: one small request must not stall the server, and no
 * input that gets past validation may end in a 500. Each reproduction below failed before the
 * input limits (data/facts/input-limits.yaml).
 */
describe("hostile input that once stalled the server or ended in a 500", () => {
  const post = (path: string, body: unknown) => send(t.app, "POST", path, body);
  const limits = repositoryRulebook().limits;

  it("a part-time study plan at 0.01 or 0.001 hours a day is refused at hoursPerDay, not planned for minutes", async () => {
    for (const hoursPerDay of [0.01, 0.001, 1e-308]) {
      const a = await post("/api/v1/study/plan", {
        profile: notYetTaken,
        specialty: SPECIALTY,
        mode: "part-time",
        baseline: 200,
        hoursPerDay,
      });
      expectIssueAt(a, "hoursPerDay", "out_of_range");
      expect(a.text.length).toBeLessThan(2_000);
    }
    // Inside the limit but a stretch past the longest plan: refused with the fewest hours that fit.
    const a = await post("/api/v1/study/plan", {
      profile: notYetTaken,
      specialty: SPECIALTY,
      mode: "part-time",
      baseline: 200,
      hoursPerDay: limits.study.hoursPerDay.value.min,
    });
    expectIssueAt(a, "hoursPerDay", "out_of_range");
    expect(a.body.issues[0].allowed).toMatch(/at least [\d.]+ h a day/);
  });

  const computeBodies: Array<[string, () => Record<string, unknown>]> = [
    ["/api/v1/assess", () => ({ profile, specialty: SPECIALTY })],
    ["/api/v1/programs/plan", () => ({ profile, specialty: SPECIALTY })],
    ["/api/v1/programs/what-if", () => ({ profile, specialty: SPECIALTY, programIds, scores: [240] })],
    ["/api/v1/programs/evaluate", () => ({ profile, specialty: SPECIALTY, programIds })],
    ["/api/v1/study/plan", () => ({ profile: notYetTaken, specialty: SPECIALTY })],
    ["/api/v1/study/forecast", () => ({ log, target: 250 })],
    ["/api/v1/timeline", () => ({ profile, specialty: SPECIALTY })],
    ["/api/v1/report", () => ({ profile, specialty: SPECIALTY })],
  ];

  it.each(computeBodies)(
    "%s refuses an as-of date outside the years the data cover at asOf",
    async (path, body) => {
      for (const asOf of ["0000-01-01", "0001-01-01", "1900-01-01", "9999-12-31"]) {
        const a = await post(path, { ...body(), asOf });
        expectIssueAt(a, "asOf", "out_of_range");
        expect(a.body.issues.find((i: { path: string }) => i.path === "asOf").allowed).toContain(
          limits.dates.value.from,
        );
      }
    },
  );

  it.each(computeBodies)("%s answers at both ends of the date window", async (path, body) => {
    for (const asOf of [limits.dates.value.from, limits.dates.value.to]) {
      // An applicant of that date: one graduating in its year (a later graduation is too late for
      // that date's Match, and is refused at graduationYear).
      const asked = body();
      const p = asked.profile as Record<string, unknown> | undefined;
      const dated = p ? { ...asked, profile: { ...p, graduationYear: Number(asOf.slice(0, 4)) } } : asked;
      const a = await post(path, { ...dated, asOf });
      // The practice log's dates lie after the window's start: the forecast names them, nothing fails.
      expect(a.status, `${path} asOf ${asOf}: ${a.text.slice(0, 300)}`).toBeLessThan(500);
      if (path !== "/api/v1/study/forecast") expect(a.status).toBe(200);
    }
  });

  it("a graduation after the Match asked for is refused at profile.graduationYear; with none asked for, the first Match the graduate can take up", async () => {
    const late = await post("/api/v1/assess", {
      profile: { ...profile, graduationYear: 2030, targetMatchYear: 2028 },
      specialty: SPECIALTY,
      asOf: "2026-12-07",
    });
    expectIssueAt(late, "profile.graduationYear", "inconsistent");
    expect(late.body.issues[0].message).toMatch(/too late for the 2028 Match/);
    const { targetMatchYear: _asked, ...free } = profile;
    const student = await post("/api/v1/assess", {
      profile: { ...free, graduationYear: 2030 },
      specialty: SPECIALTY,
      asOf: "2026-12-07",
    });
    expect(student.status).toBe(200);
    expect(student.body.cycle.matchYear).toBe(2030);
  });

  it("a saved plan read as of a date outside the window is refused at asOf", async () => {
    const created = await post("/api/v1/plans", { profile, specialty: SPECIALTY });
    for (const asOf of ["0000-01-01", "0001-01-01", "9999-12-31"])
      expectIssueAt(await send(t.app, "GET", `/api/v1/plans/${created.body.id}?asOf=${asOf}`), "asOf");
  });

  it("a version past the database column (2147483648) or a huge number is refused at version", async () => {
    const created = await post("/api/v1/plans", { profile, specialty: SPECIALTY });
    for (const version of [2_147_483_648, 1e308, 2 ** 53])
      expectIssueAt(
        await send(t.app, "PUT", `/api/v1/plans/${created.body.id}`, {
          version,
          profile,
          specialty: SPECIALTY,
        }),
        "version",
        "out_of_range",
      );
  });

  it("NUL and unpaired surrogates are refused where text enters, naming the field", async () => {
    for (const bad of ["a\u0000b", "\ud800", "x\udc00"]) {
      const entry = { date: "2026-01-10", kind: "other", form: bad, score: 230 };
      expectIssueAt(
        await post("/api/v1/plans", { profile, specialty: SPECIALTY, practiceLog: [entry] }),
        "practiceLog[0].form",
        "invalid_value",
      );
      expectIssueAt(
        await post("/api/v1/plans", {
          profile: { ...profile, preferences: { regions: [bad] } },
          specialty: SPECIALTY,
        }),
        "profile.preferences.regions[0]",
        "invalid_value",
      );
      expectIssueAt(await post("/api/v1/study/forecast", { log: [entry], target: 250 }), "log[0].form");
      const study = { profile: notYetTaken, specialty: SPECIALTY };
      expectIssueAt(await post("/api/v1/study/plan", { ...study, weakSystems: [bad] }), "weakSystems[0]");
      expectIssueAt(
        await post("/api/v1/study/plan", {
          ...study,
          busy: [{ start: "2026-08-01", end: "2026-08-20", label: bad }],
        }),
        "busy[0].label",
      );
      expectIssueAt(
        await post("/api/v1/programs/evaluate", { profile, specialty: SPECIALTY, programIds: [bad] }),
        "programIds[0]",
      );
      expectIssueAt(
        await post("/api/v1/plans", {
          profile,
          specialty: SPECIALTY,
          programs: [{ programId: bad, status: "planned" }],
        }),
        "programs[0].programId",
      );
    }
  });

  it("huge numbers are refused at their field", async () => {
    expectIssueAt(
      await post("/api/v1/study/plan", { profile: notYetTaken, specialty: SPECIALTY, hoursPerDay: 1e308 }),
      "hoursPerDay",
    );
    expectIssueAt(
      await post("/api/v1/plans", {
        profile,
        specialty: SPECIALTY,
        practiceLog: [{ date: "2026-01-10", kind: "nbme", form: 1e308, score: 230 }],
      }),
      "practiceLog[0].form",
    );
    expectIssueAt(
      await post("/api/v1/study/forecast", { log, target: 250, matchYear: 2_147_483_648 }),
      "matchYear",
    );
    expectIssueAt(
      await post("/api/v1/programs/what-if", {
        profile,
        specialty: SPECIALTY,
        programIds,
        range: { from: 200, to: 260, step: 1e308 },
      }),
      "range.step",
    );
    const raw = JSON.stringify({ profile, specialty: SPECIALTY }).replace(
      `"graduationYear":${profile.graduationYear}`,
      '"graduationYear":1e400',
    );
    expectIssueAt(await post("/api/v1/assess", raw), "profile.graduationYear");
  });

  it("a what-if sweep over more program × score evaluations than the limit is refused at the scores it asks for", async () => {
    const all = (
      await send(t.app, "GET", `/api/v1/programs/search?specialty=${SPECIALTY}`)
    ).body.programs.map((p: { id: string }) => p.id);
    const max = limits.whatIf.evaluations.value.max;
    const scale = repositoryRulebook().exam.usmle.scale.value;
    expect(all.length * scale.max).toBeGreaterThan(max);
    const a = await post("/api/v1/programs/what-if", {
      profile,
      specialty: SPECIALTY,
      programIds: all,
      range: { from: scale.min, to: scale.max },
    });
    expectIssueAt(a, "range", "out_of_range");
    const fit = Number(/at most (\d+) scores/.exec(a.body.issues[0].allowed)?.[1]);
    const ok = await post("/api/v1/programs/what-if", {
      profile,
      specialty: SPECIALTY,
      programIds: all,
      range: { from: scale.max + 1 - fit, to: scale.max },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.points.length).toBe(fit);
  });

  it("a body full of bad entries answers a bounded list of issues, a list's own limit first", async () => {
    const bounded = (a: Answer) => {
      expect(a.status).toBe(422);
      expect(a.body.issues.length).toBeLessThanOrEqual(MAX_ISSUES);
      expect(a.text.length).toBeLessThan(64 * 1024);
    };
    // 80 KB of bad list entries once answered 6.9 MB of issues; 20,000 unknown keys 3.2 MB.
    const weakSystems = Array.from({ length: 40_000 }, () => 1);
    const a = await post("/api/v1/study/plan", { profile: notYetTaken, specialty: SPECIALTY, weakSystems });
    bounded(a);
    expectIssueAt(a, "weakSystems", "out_of_range");
    const extra = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1]));
    bounded(await post("/api/v1/assess", { profile: { ...profile, ...extra }, specialty: SPECIALTY }));
    const unknownIds = Array.from({ length: 800 }, (_, i) => `no-such-program-${i}`);
    const ids = await post("/api/v1/programs/evaluate", {
      profile,
      specialty: SPECIALTY,
      programIds: unknownIds,
    });
    bounded(ids);
    expectIssueAt(ids, "programIds[0]", "unknown_reference");
  });
});
