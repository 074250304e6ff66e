import { afterEach, describe, expect, it, vi } from "vitest";
import { startRetention } from "./retention.ts";
import type { Store } from "./store.ts";

/** A store that records the cutoffs it was asked to sweep with. */
function recordingStore(fail = false) {
  const cutoffs: string[] = [];
  const store = {
    deleteNotOpenedSince: async (cutoff: Date) => {
      cutoffs.push(cutoff.toISOString());
      if (fail) throw new Error("database away");
      return 2;
    },
  } as unknown as Store;
  return { store, cutoffs };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("retention", () => {
  const now = () => Date.parse("2026-06-01T00:00:00Z");

  it("deletes plans not opened for the configured days at start, then every interval", async () => {
    vi.useFakeTimers();
    const { store, cutoffs } = recordingStore();
    const swept: number[] = [];
    const r = startRetention(store, { days: 180, now, everyMs: 1_000, onSwept: (n) => swept.push(n) });
    await r.idle();
    expect(cutoffs).toEqual(["2025-12-03T00:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(2_500);
    await r.idle();
    expect(cutoffs).toHaveLength(3);
    expect(swept).toEqual([2, 2, 2]);
    await r.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(cutoffs).toHaveLength(3);
  });

  it("keeps sweeping after a sweep fails, and reports the failure", async () => {
    vi.useFakeTimers();
    const { store, cutoffs } = recordingStore(true);
    const errors: unknown[] = [];
    const r = startRetention(store, { days: 30, now, everyMs: 1_000, onError: (e) => errors.push(e) });
    await vi.advanceTimersByTimeAsync(1_500);
    await r.stop();
    expect(cutoffs).toHaveLength(2);
    expect(errors).toHaveLength(2);
  });

  it("never deletes anything when the retention is 0 days", async () => {
    vi.useFakeTimers();
    const { store, cutoffs } = recordingStore();
    const r = startRetention(store, { days: 0, now, everyMs: 1_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    await r.stop();
    expect(cutoffs).toEqual([]);
  });
});
