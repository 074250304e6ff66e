import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { computeWorkersFrom, MAX_COMPUTE_WORKERS } from "./compute-config.ts";

describe("COMPUTE_WORKERS", () => {
  it("defaults to one worker per core the process may use", () => {
    expect(computeWorkersFrom({})).toEqual({ ok: true, value: availableParallelism() });
    expect(computeWorkersFrom({ COMPUTE_WORKERS: " " })).toEqual({ ok: true, value: availableParallelism() });
  });

  it("takes 0 (compute in the server's thread) up to the limit", () => {
    expect(computeWorkersFrom({ COMPUTE_WORKERS: "0" })).toEqual({ ok: true, value: 0 });
    expect(computeWorkersFrom({ COMPUTE_WORKERS: "3" })).toEqual({ ok: true, value: 3 });
    expect(computeWorkersFrom({ COMPUTE_WORKERS: String(MAX_COMPUTE_WORKERS) })).toEqual({
      ok: true,
      value: MAX_COMPUTE_WORKERS,
    });
  });

  it.each(["many", "-1", "1.5", String(MAX_COMPUTE_WORKERS + 1)])(
    "refuses %j, naming the variable",
    (raw) => {
      const r = computeWorkersFrom({ COMPUTE_WORKERS: raw });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "out_of_range", path: "COMPUTE_WORKERS" });
    },
  );
});
