import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryMarketData } from "../../io/load-market-data.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { seededRandom } from "../math/seeded-random.ts";
import { buildMarket, type MarketTemplate } from "./build-market.ts";
import { applicationsOf, drawSeason } from "./draw-season.ts";
import { validateMatchInput } from "./match-input.ts";
import { simulateMarket } from "./simulate-market.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();
const template = (id: string): MarketTemplate => {
  const r = buildMarket(rb, data, market, id);
  if (!r.ok) throw new Error("no market");
  return r.value;
};
const dr = template("diagnostic-radiology");
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("a drawn season", () => {
  it("is a valid Match input in which applicants rank only programs that interviewed them, and programs only those they interviewed", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const s = drawSeason(dr, seededRandom(seed));
        expect(validateMatchInput(s.input).ok).toBe(true);
        s.input.applicants.forEach((a, i) => {
          const applied = new Set(applicationsOf(s, i).units);
          for (const p of a.ranks) {
            const unit = dr.programs[p]?.unit as number;
            expect(applied.has(unit)).toBe(true);
            expect(s.input.programs[p]?.ranks).toContain(i);
          }
          const partner = s.applicants[i]?.partner ?? -1;
          if (partner < 0) expect(a.ranks.length).toBe(s.applicants[i]?.ranks);
          else {
            const c = s.input.couples?.find((x) => x.members.includes(i));
            const side = c?.members[0] === i ? 0 : 1;
            const mine = new Set(c?.ranks.map((pair) => pair[side]).filter((p) => p !== null));
            expect(mine.size).toBe(s.applicants[i]?.ranks);
          }
        });
      }),
      { numRuns: 5 },
    );
  });

  it("ranks a couple's tracks of one unit together on the couple's list, two tracks or three", () => {
    // A unit's tracks share the member's preference for that unit, so on the couple's list the
    // pairs that differ only in the track chosen at a unit have equal preference and sit side by
    // side. When only two preferences per interview were kept, a third track's preference was
    // undefined, the pairs with it sorted against NaN and landed anywhere.
    let threeTrackUnits = 0;
    const unitOf = (p: number | null) => (p === null ? -1 : (dr.programs[p]?.unit as number));
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const s = drawSeason(dr, seededRandom(seed));
      for (const c of s.input.couples ?? []) {
        const keys = c.ranks.map(
          (pair) => `${unitOf(pair[0])}|${unitOf(pair[1])}|${pair[0] === null}|${pair[1] === null}`,
        );
        const runs = new Map<string, number>();
        keys.forEach((k, i) => {
          if (i === 0 || keys[i - 1] !== k) runs.set(k, (runs.get(k) ?? 0) + 1);
        });
        for (const [key, count] of runs)
          expect(count, `${key} split on a couple's list (seed ${seed})`).toBe(1);
        for (const side of [0, 1] as const) {
          const units = c.ranks.filter((pair) => pair[1 - side] === null).map((pair) => unitOf(pair[side]));
          for (const u of new Set(units)) if (units.filter((x) => x === u).length === 3) threeTrackUnits++;
        }
      }
    }
    // The seeds reach units with three tracks, the case that went wrong.
    expect(threeTrackUnits).toBeGreaterThan(0);
  });

  it("links a supplemental list only to advanced programs on the applicant's own side", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const s = drawSeason(dr, seededRandom(seed));
        for (const a of s.input.applicants)
          for (const list of a.supplemental ?? []) {
            expect(list.linkedTo.every((p) => s.input.programs[p]?.advanced)).toBe(true);
            expect(list.ranks.every((p) => dr.programs[p]?.unit === -1)).toBe(true);
          }
      }),
      { numRuns: 5 },
    );
  });

  it("pairs the stated share of applicants as couples, and none when asked not to", () => {
    const s = drawSeason(dr, seededRandom(3));
    const n = s.input.applicants.length;
    expect(s.input.couples?.length).toBe(Math.floor((market.facts.couples.share.value * n) / 2));
    expect(drawSeason(dr, seededRandom(3), { couples: false }).input.couples).toEqual([]);
  });

  it("is the same for the same seed", () => {
    const a = drawSeason(dr, seededRandom(11));
    const b = drawSeason(dr, seededRandom(11));
    expect(a.input).toEqual(b.input);
  });
});

describe("a simulated market", () => {
  it("never fills more than it offers, and its shares add up", () => {
    const s = simulateMarket(template("pathology"), { runs: 2, seed: 7, modelRuns: 1 });
    expect(s.fillRate.mean).toBeLessThanOrEqual(1);
    expect(s.unfilled.low).toBeGreaterThanOrEqual(0);
    const shares = Object.values(s.filledShares).reduce((x, y) => x + y, 0);
    expect(shares).toBeCloseTo(1, 6);
    const c = s.choice;
    expect(c.first + c.second + c.third + c.fourthOrLower).toBeCloseTo(1, 6);
    for (const r of Object.values(s.matchRate)) expect(r.mean).toBeLessThanOrEqual(1);
    expect(s.model?.byType["non-us-img"].applicants).toBe(s.applicants["non-us-img"]);
  });
});
