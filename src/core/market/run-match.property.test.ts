import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomMarket } from "../../../test/support/market/generate-market.ts";
import { seededRandom } from "../math/seeded-random.ts";
import type { MatchInput } from "./match-input.ts";
import { type MatchOutcome, runMatch } from "./run-match.ts";
import { verifyStability } from "./verify-stability.ts";

/** Markets of every kind the Match takes: singles, couples, supplemental lists and reversions. */
const market = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    applicants: fc.integer({ min: 1, max: 40 }),
    programs: fc.integer({ min: 1, max: 12 }),
    maxPositions: fc.integer({ min: 1, max: 4 }),
    maxList: fc.integer({ min: 0, max: 8 }),
    couples: fc.integer({ min: 0, max: 6 }),
    // Shares as a few set values: fast-check's bias towards the minimum would leave most
    // generated markets without a single supplemental list.
    advancedShare: fc.constantFrom(0, 0.2, 0.4, 0.6),
    supplementalShare: fc.constantFrom(0, 0.5, 0.9),
    reversions: fc.integer({ min: 0, max: 4 }),
    contested: fc.boolean(),
  })
  .map(({ seed, contested, ...shape }) =>
    randomMarket(seededRandom(seed), { ...shape, programOrder: contested ? "contested" : "random" }),
  );

function run(input: MatchInput): MatchOutcome | null {
  const r = runMatch(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  return r.value.status === "stable" ? r.value.outcome : null;
}

const primarySide = (input: MatchInput, a: number): number[] => {
  const couple = (input.couples ?? []).find((c) => c.members.includes(a));
  if (!couple) return [...(input.applicants[a]?.ranks ?? [])];
  const side = couple.members[0] === a ? 0 : 1;
  return couple.ranks.map((p) => p[side]).filter((p): p is number => p !== null);
};

describe("invariants of every Match result", () => {
  it("no program holds more applicants than its positions", () => {
    fc.assert(
      fc.property(market, (input) => {
        const out = run(input);
        if (!out) return;
        const count = input.programs.map(() => 0);
        out.program.forEach((p) => {
          if (p >= 0) count[p] = (count[p] as number) + 1;
        });
        out.supplemental.forEach((p) => {
          if (p >= 0) count[p] = (count[p] as number) + 1;
        });
        count.forEach((n, p) => {
          expect(n).toBe(out.filled[p]);
          expect(n).toBeLessThanOrEqual(out.positions[p] as number);
        });
      }),
    );
  });

  it("nobody is matched to a program they did not rank or that did not rank them", () => {
    fc.assert(
      fc.property(market, (input) => {
        const out = run(input);
        if (!out) return;
        out.program.forEach((p, a) => {
          if (p < 0) return;
          expect(primarySide(input, a)).toContain(p);
          expect(input.programs[p]?.ranks).toContain(a);
        });
        out.supplemental.forEach((s, a) => {
          if (s < 0) return;
          const lists = input.applicants[a]?.supplemental ?? [];
          expect(lists.some((l) => l.ranks.includes(s))).toBe(true);
          expect(input.programs[s]?.ranks).toContain(a);
        });
      }),
    );
  });

  it("a PGY-1 match from a supplemental list comes only with a match to the advanced program it is linked to", () => {
    fc.assert(
      fc.property(market, (input) => {
        const out = run(input);
        if (!out) return;
        out.supplemental.forEach((s, a) => {
          if (s < 0) return;
          const p = out.program[a] as number;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(input.programs[p]?.advanced).toBe(true);
          const linked = (input.applicants[a]?.supplemental ?? []).find((l) => l.linkedTo.includes(p));
          expect(linked?.ranks).toContain(s);
        });
      }),
    );
  });

  it("reversions only move positions, never create them", () => {
    fc.assert(
      fc.property(market, (input) => {
        const out = run(input);
        if (!out) return;
        const before = input.programs.reduce((s, p) => s + p.positions, 0);
        expect(out.positions.reduce((s, n) => s + n, 0)).toBe(before);
        (input.reversions ?? []).forEach((r, i) => {
          expect(out.reverted[i]).toBeLessThanOrEqual(r.max);
        });
      }),
    );
  });

  it("every result the Match calls stable passes the independent verifier", () => {
    fc.assert(
      fc.property(market, (input) => {
        const out = run(input);
        if (!out) return;
        const report = verifyStability(input, out);
        expect(report.violations).toEqual([]);
        expect(report.blockingPairs).toEqual([]);
      }),
    );
  });

  it("where no stable matching is found, the matching it stopped at still keeps every quota and list", () => {
    fc.assert(
      fc.property(market, (input) => {
        const r = runMatch(input);
        if (!r.ok || r.value.status === "stable") return;
        // Reversions may be unfinished where the run stopped; quotas and lists must hold.
        const report = verifyStability(input, r.value.stopped);
        expect(report.violations.filter((v) => v.kind !== "reversion")).toEqual([]);
        const before = input.programs.reduce((n, p) => n + p.positions, 0);
        expect(r.value.stopped.positions.reduce((n, x) => n + x, 0)).toBe(before);
        expect(r.value.attempts).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("the same market gives the same result", () => {
    fc.assert(
      fc.property(market, (input) => {
        const a = runMatch(input);
        const b = runMatch(input);
        expect(a).toEqual(b);
      }),
    );
  });
});
