import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { erasFeesSchema, maxProgramsWithin, scheduleFor, specialtyFee } from "./eras-fees.ts";

const fees = erasFeesSchema.parse(
  parse(readFileSync(new URL("../../../data/facts/eras-fees.yaml", import.meta.url), "utf8")),
);
const s2026 = scheduleFor(fees, 2026);

describe("ERAS fees", () => {
  it("reproduce the AAMC's own worked example (43 IM + 7 radiology = $797)", () => {
    expect(specialtyFee(s2026, 43) + specialtyFee(s2026, 7)).toBe(s2026.example?.usd);
  });
  it("uses the newest schedule not after the season", () => {
    expect(scheduleFor(fees, 2028).season).toBe(2026);
    expect(scheduleFor(fees, 2025).season).toBe(2024);
  });
  it("fee grows with programs, and the max count fits the budget exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 10000 }), (n, budget) => {
        expect(specialtyFee(s2026, n + 1)).toBeGreaterThan(specialtyFee(s2026, n));
        const m = maxProgramsWithin(s2026, budget);
        expect(specialtyFee(s2026, m)).toBeLessThanOrEqual(budget);
        expect(specialtyFee(s2026, m + 1)).toBeGreaterThan(budget);
      }),
    );
  });
});
