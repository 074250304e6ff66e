import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { memoryStore, STORE_START_MS, send, type TestApp, testApp } from "./support/test-app.ts";

/**
 * A saved plan's season reads the tracker against that plan — its practice-log forecast included —
 * so "at plan time" is the figure the plan itself shows. In May 2026, with Step 2 CK still to take
 * and a log of practice exams, the plan is for the 2027 Match, as is a tracker with nothing sent yet.
 */
const SPECIALTY = "diagnostic-radiology";
const profile = {
  ...JSON.parse(readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
  step2ck: { score: null },
};
const log = JSON.parse(
  readFileSync(new URL("../../examples/practice-log-rising.json", import.meta.url), "utf8"),
);

let t: TestApp;
let store: Store;
beforeAll(async () => {
  store = await memoryStore();
  t = testApp({ store, clock: () => new Date("2026-05-20T12:00:00Z") });
}, STORE_START_MS);
afterAll(() => store.close());

describe("a saved plan's season", () => {
  it("starts from the plan's own P(match), its forecast's spread included", async () => {
    const created = await send(t.app, "POST", "/api/v1/plans", {
      profile,
      specialty: SPECIALTY,
      practiceLog: log,
    });
    expect(created.status).toBe(201);
    const report = await send(t.app, "POST", "/api/v1/report?format=json", {
      profile,
      specialty: SPECIALTY,
      log,
    });
    expect(report.status).toBe(200);
    const shown = report.body.programs.pMatch;
    const planned = await send(t.app, "POST", "/api/v1/programs/plan", { profile, specialty: SPECIALTY });
    const entries = planned.body.programs.map((p: { id: string; signal: string | null }) => ({
      programId: p.id,
      signal: p.signal,
    }));
    const written = await send(t.app, "PUT", `/api/v1/plans/${created.body.id}/tracker`, {
      version: 1,
      entries,
    });
    expect(written.status).toBe(200);

    const season = (await send(t.app, "GET", `/api/v1/plans/${created.body.id}`)).body.results.season;
    expect(season.matchYear).toBe(2027);
    expect(season.recorded).toBe(false);
    // Without the log the range would be the planner's narrower one (planned.body.pMatch).
    expect(season.planPMatch.low).toBeCloseTo(shown.low, 12);
    expect(season.planPMatch.high).toBeCloseTo(shown.high, 12);
    expect(season.planPMatch.low).not.toBeCloseTo(planned.body.pMatch.low, 6);
  });
});
