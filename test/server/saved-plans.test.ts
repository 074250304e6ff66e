import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savedPlanSchema } from "../../src/server/schemas/result-schemas.ts";
import { PLAN_ID_BYTES } from "../../src/store/plan-id.ts";
import type { Store } from "../../src/store/store.ts";
import { memoryStore, STORE_START_MS, send, type TestApp, TODAY, testApp } from "./support/test-app.ts";

/**
 * Saved plans over the embedded database: create, read, update with a version, delete. Ids are
 * unguessable and URL-safe; a deleted id and one that never existed are indistinguishable; a
 * stale update is refused; results are recomputed on read from what was entered.
 */
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"));
const profile = example("non-us-img-dr.json");
const log = example("practice-log-rising.json");
const SPECIALTY = "diagnostic-radiology";

let t: TestApp;
let store: Store;
let programIds: string[];

beforeAll(async () => {
  store = await memoryStore();
  t = testApp({ store });
  const found = await send(t.app, "GET", `/api/v1/programs/search?specialty=${SPECIALTY}`);
  programIds = found.body.programs.slice(0, 4).map((p: { id: string }) => p.id);
}, STORE_START_MS);
afterAll(() => store.close());

const create = (body: Record<string, unknown> = {}) =>
  send(t.app, "POST", "/api/v1/plans", { profile, specialty: SPECIALTY, ...body });

describe("saved plans", () => {
  it("are created with a 128-bit URL-safe id, version 1, a Location and the results", async () => {
    // Step 2 CK still to be sat, so the practice log is forecast (a score in hand is not: below).
    const ahead = { ...profile, step2ck: { score: null } };
    const a = await create({
      profile: ahead,
      practiceLog: log,
      programs: programIds.map((programId, i) => ({ programId, status: i === 0 ? "withdrawn" : "applied" })),
    });
    expect(a.status).toBe(201);
    expect(savedPlanSchema.safeParse(a.body).success).toBe(true);
    expect(a.body.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(a.body.id, "base64url")).toHaveLength(PLAN_ID_BYTES);
    expect(PLAN_ID_BYTES * 8).toBeGreaterThanOrEqual(128);
    expect(encodeURIComponent(a.body.id)).toBe(a.body.id);
    expect(a.headers.get("location")).toBe(`/api/v1/plans/${a.body.id}`);
    expect(a.body).toMatchObject({ version: 1, specialty: SPECIALTY, profile: ahead, practiceLog: log });
    // Results: the assessment, the chosen programs still in play, the forecast from the log.
    expect(a.body.results.asOf).toBe(TODAY);
    expect(a.body.results.assessment.standing).toBeDefined();
    expect(a.body.results.lists).toHaveLength(1);
    expect(a.body.results.lists[0].programs).toBe(programIds.length - 1);
    expect(a.body.results.forecast.target).toBe(a.body.results.assessment.step2ck.target.min);
    expect(a.body.results.issues).toEqual([]);
  });

  it("do not forecast a practice log once Step 2 CK is in, and say why (as the report and the page do)", async () => {
    const a = await create({ practiceLog: log });
    expect(a.status).toBe(201);
    expect(a.body.results.forecast).toBeNull();
    expect(a.body.results.issues).toEqual([
      expect.objectContaining({
        code: "inconsistent",
        path: "practiceLog",
        message: expect.stringMatching(/already in/),
      }),
    ]);
  });

  it("cost the plan's own list what the plan says it costs, with its P(≥ 1 interview)", async () => {
    const planned = await send(t.app, "POST", "/api/v1/programs/plan", { profile, specialty: SPECIALTY });
    const ids = planned.body.programs.map((p: { id: string }) => p.id);
    const a = await create({ programs: ids.map((programId: string) => ({ programId, status: "applied" })) });
    expect(a.status).toBe(201);
    const [list] = a.body.results.lists;
    expect(list.programs).toBe(ids.length);
    // The list's bill and the supplemental PGY-1 list's that goes with it, as the plan and the page count them.
    expect(list.costUsd).toBe(planned.body.costUsd);
    expect(list.pAtLeastOneInterview).toBeCloseTo(planned.body.pAtLeastOneInterview, 12);
  });

  it("give a new id every time", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => create().then((a) => a.body.id)));
    expect(new Set(ids).size).toBe(10);
  });

  it("are read back as saved, with results recomputed for the date asked", async () => {
    const { body: saved } = await create({ programs: [{ programId: programIds[1], status: "interview" }] });
    const a = await send(t.app, "GET", `/api/v1/plans/${saved.id}`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(saved);
    const later = await send(t.app, "GET", `/api/v1/plans/${saved.id}?asOf=2027-01-15`);
    expect(later.body.results.asOf).toBe("2027-01-15");
    expect(later.body.results.assessment.asOf).toBe("2027-01-15");
    expect(later.body.updatedAt).toBe(saved.updatedAt);
  });

  it("are updated with the version last read; the version goes up and the change is kept", async () => {
    const { body: saved } = await create();
    const change = {
      version: 1,
      profile: { ...profile, step2ck: { score: 245, attempts: 1 } },
      specialty: SPECIALTY,
      practiceLog: log,
      programs: [{ programId: programIds[2], status: "ranked" }],
    };
    const a = await send(t.app, "PUT", `/api/v1/plans/${saved.id}`, change);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ id: saved.id, version: 2, programs: change.programs, practiceLog: log });
    expect(a.body.profile.step2ck.score).toBe(245);
    expect(a.body.results.assessment.step2ck.score).toBe(245);
    expect((await send(t.app, "GET", `/api/v1/plans/${saved.id}`)).body.version).toBe(2);
  });

  it("refuse a stale update with 409 and the current version, changing nothing", async () => {
    const { body: saved } = await create();
    const first = await send(t.app, "PUT", `/api/v1/plans/${saved.id}`, {
      version: 1,
      profile,
      specialty: SPECIALTY,
      programs: [{ programId: programIds[0], status: "applied" }],
    });
    expect(first.status).toBe(200);
    const stale = await send(t.app, "PUT", `/api/v1/plans/${saved.id}`, {
      version: 1,
      profile,
      specialty: SPECIALTY,
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    expect(stale.body).toMatchObject({
      type: "/api/v1/problems/version-conflict",
      status: 409,
      currentVersion: 2,
    });
    const now = await send(t.app, "GET", `/api/v1/plans/${saved.id}`);
    expect(now.body.programs).toEqual([{ programId: programIds[0], status: "applied" }]);
  });

  it("are deleted for good; a deleted id and a never-existing or malformed one get the same 404", async () => {
    const { body: saved } = await create();
    const del = await send(t.app, "DELETE", `/api/v1/plans/${saved.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");

    const never = "AAAAAAAAAAAAAAAAAAAAAA";
    const answers = await Promise.all([
      send(t.app, "GET", `/api/v1/plans/${saved.id}`),
      send(t.app, "GET", `/api/v1/plans/${never}`),
      send(t.app, "GET", "/api/v1/plans/not-an-id"),
      send(t.app, "PUT", `/api/v1/plans/${saved.id}`, { version: 1, profile, specialty: SPECIALTY }),
      send(t.app, "PUT", `/api/v1/plans/${never}`, { version: 1, profile, specialty: SPECIALTY }),
      send(t.app, "DELETE", `/api/v1/plans/${saved.id}`),
      send(t.app, "DELETE", `/api/v1/plans/${never}`),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.headers.get("content-type")).toBe("application/problem+json");
      expect(a.text).toBe(answers[0]?.text);
    }
    expect(answers[0]?.text).not.toContain(saved.id);
  });

  it("keep only what was entered: results are not stored", async () => {
    const { body: saved } = await create({ practiceLog: log });
    const stored = await store.get(saved.id);
    expect(Object.keys(stored ?? {}).sort()).toEqual(
      [
        "createdAt",
        "id",
        "practiceLog",
        "profile",
        "programs",
        "specialty",
        "tracker",
        "updatedAt",
        "version",
      ].sort(),
    );
  });

  it("report, rather than fail on, results that can no longer be computed", async () => {
    // What was stored under older rules or catalog: a score the scale no longer allows, a
    // program the catalog no longer lists.
    const { body: saved } = await create();
    const old = {
      specialty: SPECIALTY,
      practiceLog: [],
      programs: [{ programId: "retired-program", status: "applied" as const }],
    };
    await store.update(saved.id, 1, {
      ...old,
      profile: { ...profile, step2ck: { score: 999, attempts: 1 } },
    });
    const a = await send(t.app, "GET", `/api/v1/plans/${saved.id}`);
    expect(a.status).toBe(200);
    expect(a.body.results.assessment).toBeNull();
    expect(a.body.results.issues).toContainEqual(expect.objectContaining({ path: "profile.step2ck.score" }));

    await store.update(saved.id, 2, { ...old, profile });
    const b = await send(t.app, "GET", `/api/v1/plans/${saved.id}`);
    expect(b.body.results.assessment).not.toBeNull();
    expect(b.body.results.lists).toEqual([]);
    expect(b.body.results.issues).toEqual([
      expect.objectContaining({ code: "unknown_reference", path: "programs[0].programId" }),
    ]);
  });
});
