import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import {
  savedPlanSchema,
  savedTrackerSchema,
  seasonReportSchema,
} from "../../src/server/schemas/result-schemas.ts";
import type { Store } from "../../src/store/store.ts";
import { memoryStore, STORE_START_MS, send, type TestApp, testApp } from "./support/test-app.ts";

/**
 * The season through the API: the update for a posted tracker, and a saved plan's tracker read,
 * written under the plan's version and read back as the plan's season. Today is mid-December of
 * the 2027 cycle, when most invitations have usually been sent.
 */
const profile = JSON.parse(
  readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
);
const SPECIALTY = "diagnostic-radiology";
const TODAY = "2026-12-15";
const rb = repositoryRulebook();

let t: TestApp;
let store: Store;
let ids: string[];

beforeAll(async () => {
  store = await memoryStore();
  t = testApp({ store, clock: () => new Date(`${TODAY}T12:00:00Z`) });
  const found = await send(t.app, "GET", `/api/v1/programs/search?specialty=${SPECIALTY}`);
  ids = found.body.programs.slice(0, 40).map((p: { id: string }) => p.id);
}, STORE_START_MS);
afterAll(() => store.close());

const applied = (n: number, invited = 0) =>
  ids.slice(0, n).map((programId, i) => ({
    programId,
    applied: "2026-09-03",
    ...(i < invited ? { invited: true, invitedOn: "2026-10-20" } : {}),
  }));

describe("POST /api/v1/season", () => {
  it("reads no invitation by mid-December as bad news: P(match) below the plan's, SOAP raised, unfilled states unknown", async () => {
    const a = await send(t.app, "POST", "/api/v1/season", {
      profile,
      tracker: { specialty: SPECIALTY, matchYear: 2027, entries: applied(40) },
    });
    expect(a.status).toBe(200);
    expect(seasonReportSchema.safeParse(a.body).success).toBe(true);
    expect(a.body.asOf).toBe(TODAY);
    expect(a.body.pMatch.estimate).toBeLessThan(a.body.planPMatch.estimate);
    expect(a.body.soap.raised).toBe(true);
    expect(a.body.soap.unfilled.states).toBeNull();
    expect(a.body.explanation.join(" ")).toMatch(/fewer invitations than your plan expected/);
  });

  it("reads 8 invitations as good news", async () => {
    const a = await send(t.app, "POST", "/api/v1/season", {
      profile,
      tracker: { specialty: SPECIALTY, matchYear: 2027, entries: applied(40, 8) },
    });
    expect(a.status).toBe(200);
    expect(a.body.pMatch.estimate).toBeGreaterThan(a.body.planPMatch.estimate);
    expect(a.body.counts.invited).toBe(8);
  });

  it("names the field of each problem: a bad date, an unknown program, a note over the limit", async () => {
    const bad = await send(t.app, "POST", "/api/v1/season", {
      profile,
      tracker: {
        specialty: SPECIALTY,
        matchYear: 2027,
        entries: [{ programId: ids[0], applied: "2026-09-31" }],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain("tracker.entries[0].applied");
    const unknown = await send(t.app, "POST", "/api/v1/season", {
      profile,
      tracker: {
        specialty: SPECIALTY,
        matchYear: 2027,
        entries: [{ programId: "0000000X0", applied: "2026-09-03" }],
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues).toContainEqual(
      expect.objectContaining({ code: "unknown_reference", path: "tracker.entries[0].programId" }),
    );
    const max = rb.limits.tracker.notes.value.maxLength;
    const long = await send(t.app, "POST", "/api/v1/season", {
      profile,
      tracker: {
        specialty: SPECIALTY,
        matchYear: 2027,
        entries: [{ programId: ids[0], notes: "x".repeat(max + 1) }],
      },
    });
    expect(long.status).toBe(422);
    expect(long.body.issues.map((i: { path: string }) => i.path)).toContain("tracker.entries[0].notes");
  });
});

describe("a saved plan's tracker", () => {
  it("starts empty, is written under the plan's version, and its season is read with the plan", async () => {
    const created = await send(t.app, "POST", "/api/v1/plans", { profile, specialty: SPECIALTY });
    expect(created.status).toBe(201);
    expect(created.body.tracker).toEqual([]);
    expect(created.body.results.season).toBeNull();
    const { id } = created.body;

    const empty = await send(t.app, "GET", `/api/v1/plans/${id}/tracker`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ id, version: 1, specialty: SPECIALTY, entries: [] });

    const written = await send(t.app, "PUT", `/api/v1/plans/${id}/tracker`, {
      version: 1,
      entries: applied(40, 8),
    });
    expect(written.status).toBe(200);
    expect(savedTrackerSchema.safeParse(written.body).success).toBe(true);
    expect(written.body.version).toBe(2);
    expect(written.body.entries).toHaveLength(40);
    expect(written.body.entries[0]).toMatchObject({
      invited: true,
      interviewed: false,
      rank: null,
      notes: "",
    });

    // The plan's season: for the 2027 cycle the applications belong to, not the next one the plan has moved to.
    const plan = await send(t.app, "GET", `/api/v1/plans/${id}`);
    expect(savedPlanSchema.safeParse(plan.body).success).toBe(true);
    expect(plan.body.results.season.matchYear).toBe(2027);
    expect(plan.body.results.season.counts.invited).toBe(8);
    expect(plan.body.results.season.pMatch.estimate).toBeGreaterThan(
      plan.body.results.season.planPMatch.estimate,
    );

    // A whole-plan update that leaves the tracker out keeps it.
    const updated = await send(t.app, "PUT", `/api/v1/plans/${id}`, {
      version: 2,
      profile,
      specialty: SPECIALTY,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.tracker).toHaveLength(40);

    const stale = await send(t.app, "PUT", `/api/v1/plans/${id}/tracker`, { version: 2, entries: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(3);
    expect((await send(t.app, "GET", `/api/v1/plans/${id}/tracker`)).body.entries).toHaveLength(40);
  });

  it("refuses entries the data cannot accept, naming each field, and changes nothing", async () => {
    const { body } = await send(t.app, "POST", "/api/v1/plans", { profile, specialty: SPECIALTY });
    const r = await send(t.app, "PUT", `/api/v1/plans/${body.id}/tracker`, {
      version: 1,
      entries: [
        { programId: "0000000X0", applied: "2026-09-03" },
        { programId: ids[0], rank: 1 },
        { programId: ids[1], applied: "2027-01-02" },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["entries[0].programId", "entries[1].rank", "entries[2].applied"]),
    );
    expect((await send(t.app, "GET", `/api/v1/plans/${body.id}/tracker`)).body.version).toBe(1);
  });

  it("is not found for an id that does not exist", async () => {
    const r = await send(t.app, "GET", "/api/v1/plans/AAAAAAAAAAAAAAAAAAAAAA/tracker");
    expect(r.status).toBe(404);
    expect((await send(t.app, "PUT", "/api/v1/plans/nope/tracker", { version: 1, entries: [] })).status).toBe(
      404,
    );
  });
});
