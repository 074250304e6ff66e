import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { savedPlanResults } from "../../src/server/compute/saved-plan-results.ts";
import type { Store } from "../../src/store/store.ts";
import { memoryStore, STORE_START_MS, send, type TestApp, TODAY, testApp } from "./support/test-app.ts";

/**
 * Reading a saved plan is cheap when nothing it depends on changed: its results are computed
 * once per (plan version, data version, asOf) and answered from memory after that. The core
 * computation is wrapped in a spy, so the tests count how often it runs.
 */
vi.mock("../../src/server/compute/saved-plan-results.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/server/compute/saved-plan-results.ts")>();
  return { ...original, savedPlanResults: vi.fn(original.savedPlanResults) };
});
const computed = vi.mocked(savedPlanResults);

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"));
const profile = example("non-us-img-dr.json");
const log = example("practice-log-rising.json");
const SPECIALTY = "diagnostic-radiology";

let t: TestApp;
let store: Store;

beforeAll(async () => {
  store = await memoryStore();
  t = testApp({ store });
}, STORE_START_MS);
afterAll(() => store.close());

const create = async () => {
  const a = await send(t.app, "POST", "/api/v1/plans", { profile, specialty: SPECIALTY, practiceLog: log });
  expect(a.status).toBe(201);
  return a.body;
};
const read = (id: string, query = "") => send(t.app, "GET", `/api/v1/plans/${id}${query}`);

describe("reading a saved plan", () => {
  beforeEach(() => {
    computed.mockClear();
  });

  it("computes its results once: a repeated read at the same date answers the same from memory", async () => {
    const saved = await create();
    computed.mockClear();
    const first = await read(saved.id);
    const again = await read(saved.id);
    const third = await read(saved.id, `?asOf=${TODAY}`);
    expect(computed).toHaveBeenCalledTimes(1);
    for (const a of [first, again, third]) {
      expect(a.status).toBe(200);
      expect(a.headers.get("content-type")).toMatch(/^application\/json/);
    }
    expect(again.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    expect(first.body).toEqual(saved);
  });

  it("recomputes for another date, then remembers that date too", async () => {
    const saved = await create();
    await read(saved.id);
    computed.mockClear();
    const later = await read(saved.id, "?asOf=2027-01-15");
    expect(later.body.results.asOf).toBe("2027-01-15");
    expect(later.body.results.assessment.asOf).toBe("2027-01-15");
    expect(computed).toHaveBeenCalledTimes(1);
    await read(saved.id, "?asOf=2027-01-15");
    await read(saved.id);
    expect(computed).toHaveBeenCalledTimes(1);
  });

  it("recomputes after an update: the new version's results, never the old ones", async () => {
    const saved = await create();
    const before = await read(saved.id);
    expect(before.body.results.assessment.step2ck.score).toBe(profile.step2ck.score);
    const changed = { ...profile, step2ck: { score: 245, attempts: 1 } };
    const put = await send(t.app, "PUT", `/api/v1/plans/${saved.id}`, {
      version: 1,
      profile: changed,
      specialty: SPECIALTY,
    });
    expect(put.status).toBe(200);
    computed.mockClear();
    const after = await read(saved.id);
    expect(after.body.version).toBe(2);
    expect(after.body.results.assessment.step2ck.score).toBe(245);
    expect(after.body.results.forecast).toBeNull();
    expect(computed).toHaveBeenCalledTimes(1);
  });

  it("sees an update made through another instance (the same store, a cache of its own)", async () => {
    const other = testApp({ store });
    const saved = await create();
    await read(saved.id);
    const put = await send(other.app, "PUT", `/api/v1/plans/${saved.id}`, {
      version: 1,
      profile: { ...profile, step2ck: { score: 250, attempts: 1 } },
      specialty: SPECIALTY,
    });
    expect(put.status).toBe(200);
    const after = await read(saved.id);
    expect(after.body.version).toBe(2);
    expect(after.body.results.assessment.step2ck.score).toBe(250);
  });

  it("answers 404 once the plan is deleted, even though its results were cached", async () => {
    const saved = await create();
    await read(saved.id);
    expect((await send(t.app, "DELETE", `/api/v1/plans/${saved.id}`)).status).toBe(204);
    expect((await read(saved.id)).status).toBe(404);
  });
});
