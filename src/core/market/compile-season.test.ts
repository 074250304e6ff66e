import { describe, expect, it } from "vitest";
import { repositoryMarket } from "../../../test/support/market/repository-market.ts";
import { seededRandom } from "../math/seeded-random.ts";
import type { MarketTemplate } from "./build-market.ts";
import { compileMarket } from "./compile-market.ts";
import { drawSeason, drawSeasonForMatch, type SeasonOptions } from "./draw-season.ts";
import { runMatch } from "./run-match.ts";
import { simulateSeason } from "./simulate-market.ts";

const template = repositoryMarket;
const dr = template("diagnostic-radiology");

describe("a season compiled straight from the draw", () => {
  it("is array for array what compileMarket gives for the season's input: with couples, without, and with an applicant of its own appended", () => {
    const pathology = template("pathology");
    const focal = dr.classOf("non-us-img", null);
    const cases: Array<[MarketTemplate, number, SeasonOptions]> = [
      ...[1, 2, 110, 126, 7_000_001].map((seed): [MarketTemplate, number, SeasonOptions] => [dr, seed, {}]),
      [dr, 3, { couples: false }],
      [dr, 4, { focal }],
      [pathology, 5, {}],
    ];
    const seasons = cases.map(([t, seed, options]) => {
      const { season, market } = drawSeasonForMatch(t, seededRandom(seed), options);
      // Compared at once: the compiled arrays are reused by the template's next season.
      expect(market).toEqual(compileMarket(season.input));
      return {
        season,
        couples: market.nApplicants - market.nParticipants,
        lists: market.listStart.length - 1,
      };
    });
    // The checks above must be able to fail: the compiled arrays carry couples and supplemental lists.
    expect(seasons[0]?.couples).toBeGreaterThan(0);
    expect(seasons[0]?.lists).toBeGreaterThan(0);
    // A season's input read after later seasons were drawn is built from the season's own lists.
    const again = drawSeason(dr, seededRandom(1));
    expect(seasons[0]?.season.input).toEqual(again.input);
  });

  it("gives the Match the same outcome as the season's validated input, including a season without a stable matching", () => {
    for (const seed of [1, 110]) {
      const viaInput = runMatch(drawSeason(dr, seededRandom(seed)).input);
      if (!viaInput.ok) throw new Error("drawn season invalid");
      const run = viaInput.value;
      const direct = simulateSeason(dr, seed);
      expect(direct.stable).toBe(run.status === "stable");
      expect(direct.outcome).toEqual(run.status === "stable" ? run.outcome : run.stopped);
    }
  });
});
