import { describe, expect, it } from "vitest";
import type { SavedPlan } from "../../store/store.ts";
import { SavedPlanCache, savedPlanBody } from "./saved-plan-cache.ts";

const limits = { entries: 10, bytes: 10_000 };
const plan = (id: string, version: number) => ({ id, version });
const utf8 = new TextEncoder();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** A computation as the compute pool answers it: JSON as UTF-8 bytes, a little later. */
const json = (value: unknown) => async () => utf8.encode(JSON.stringify(value));

describe("SavedPlanCache", () => {
  it("computes a plan's results once per version, data version and date", async () => {
    const cache = new SavedPlanCache("data-1", limits);
    let calls = 0;
    const compute = () => json({ n: ++calls })();
    const read = async (p: { id: string; version: number }, asOf: string) =>
      text(await cache.results(p, asOf, compute));
    expect(await read(plan("p", 1), "2026-06-01")).toBe('{"n":1}');
    expect(await read(plan("p", 1), "2026-06-01")).toBe('{"n":1}');
    expect(await read(plan("p", 2), "2026-06-01")).toBe('{"n":2}');
    expect(await read(plan("p", 1), "2026-06-02")).toBe('{"n":3}');
    expect(await read(plan("q", 1), "2026-06-01")).toBe('{"n":4}');
    expect(calls).toBe(4);
  });

  it("keys on the data version: another data load never shares an entry", async () => {
    let calls = 0;
    const compute = () => json(++calls)();
    const a = new SavedPlanCache("data-1", limits);
    const b = new SavedPlanCache("data-2", limits);
    await a.results(plan("p", 1), "2026-06-01", compute);
    await b.results(plan("p", 1), "2026-06-01", compute);
    expect(calls).toBe(2);
  });

  it("forgets every version and date of one plan, and only that plan", async () => {
    const cache = new SavedPlanCache("d", limits);
    await cache.results(plan("p", 1), "2026-06-01", json(1));
    await cache.results(plan("p", 2), "2026-07-01", json(2));
    await cache.results(plan("pq", 1), "2026-06-01", json(3));
    cache.forget("p");
    expect(cache.size).toBe(1);
    expect(text(await cache.results(plan("pq", 1), "2026-06-01", json("recomputed")))).toBe("3");
  });

  it("shares one computation between reads that arrive while it runs, and keeps none of a plan forgotten meanwhile", async () => {
    const cache = new SavedPlanCache("d", limits);
    let calls = 0;
    let finish: () => void = () => {};
    const slow = () => {
      calls++;
      return new Promise<Uint8Array<ArrayBuffer>>((resolve) => {
        finish = () => resolve(utf8.encode('"slow"'));
      });
    };
    const first = cache.results(plan("p", 1), "2026-06-01", slow);
    const second = cache.results(plan("p", 1), "2026-06-01", slow);
    cache.forget("p"); // deleted while its results were being computed
    finish();
    expect((await Promise.all([first, second])).map(text)).toEqual(['"slow"', '"slow"']);
    expect(calls).toBe(1);
    expect(cache.size).toBe(0);
  });
});

describe("savedPlanBody", () => {
  it("is the plan with its results, as JSON.stringify would write them", () => {
    const saved: SavedPlan = {
      id: "abc",
      version: 3,
      profile: { a: 1, name: "Zoë" },
      specialty: "s",
      practiceLog: [],
      programs: [],
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-02T00:00:00Z",
    };
    const results = { asOf: "2026-06-01", issues: [], note: "≥ 240" };
    expect(text(savedPlanBody(saved, utf8.encode(JSON.stringify(results))))).toBe(
      JSON.stringify({ ...saved, results }),
    );
  });
});
