import { describe, expect, it } from "vitest";
import type { SavedPlan } from "../../store/store.ts";
import { SavedPlanCache, savedPlanJson } from "./saved-plan-cache.ts";

const limits = { entries: 10, chars: 10_000 };
const plan = (id: string, version: number) => ({ id, version });

describe("SavedPlanCache", () => {
  it("computes a plan's results once per version, data version and date", () => {
    const cache = new SavedPlanCache("data-1", limits);
    let calls = 0;
    const compute = () => ({ n: ++calls });
    expect(cache.resultsJson(plan("p", 1), "2026-06-01", compute)).toBe('{"n":1}');
    expect(cache.resultsJson(plan("p", 1), "2026-06-01", compute)).toBe('{"n":1}');
    expect(cache.resultsJson(plan("p", 2), "2026-06-01", compute)).toBe('{"n":2}');
    expect(cache.resultsJson(plan("p", 1), "2026-06-02", compute)).toBe('{"n":3}');
    expect(cache.resultsJson(plan("q", 1), "2026-06-01", compute)).toBe('{"n":4}');
    expect(calls).toBe(4);
  });

  it("keys on the data version: another data load never shares an entry", () => {
    let calls = 0;
    const compute = () => ++calls;
    const a = new SavedPlanCache("data-1", limits);
    const b = new SavedPlanCache("data-2", limits);
    a.resultsJson(plan("p", 1), "2026-06-01", compute);
    b.resultsJson(plan("p", 1), "2026-06-01", compute);
    expect(calls).toBe(2);
  });

  it("forgets every version and date of one plan, and only that plan", () => {
    const cache = new SavedPlanCache("d", limits);
    cache.resultsJson(plan("p", 1), "2026-06-01", () => 1);
    cache.resultsJson(plan("p", 2), "2026-07-01", () => 2);
    cache.resultsJson(plan("pq", 1), "2026-06-01", () => 3);
    cache.forget("p");
    expect(cache.size).toBe(1);
    expect(cache.resultsJson(plan("pq", 1), "2026-06-01", () => "recomputed")).toBe("3");
  });
});

describe("savedPlanJson", () => {
  it("is the plan with its results, as JSON.stringify would write them", () => {
    const saved: SavedPlan = {
      id: "abc",
      version: 3,
      profile: { a: 1 },
      specialty: "s",
      practiceLog: [],
      programs: [],
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-02T00:00:00Z",
    };
    const results = { asOf: "2026-06-01", issues: [] };
    expect(savedPlanJson(saved, JSON.stringify(results))).toBe(JSON.stringify({ ...saved, results }));
  });
});
