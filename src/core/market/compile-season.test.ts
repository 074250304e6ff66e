import { describe, expect, it } from "vitest";
import { repositoryMarketData } from "../../io/load-market-data.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { seededRandom } from "../math/seeded-random.ts";
import { buildMarket, type MarketTemplate } from "./build-market.ts";
import { compileMarket } from "./compile-market.ts";
import { drawSeason } from "./draw-season.ts";
import { runMatch } from "./run-match.ts";
import { simulateSeason } from "./simulate-market.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();
const template = (id: string): MarketTemplate => {
  const r = buildMarket(rb, data, market, id);
  if (!r.ok) throw new Error("no market");
  return r.value;
};
const dr = template("diagnostic-radiology");

describe("a season compiled straight from the draw", () => {
  it("is array for array what compileMarket gives for the season's input: with couples, without, and with an applicant of its own appended", () => {
    const pathology = template("pathology");
    const focal = dr.classOf("non-us-img", null);
    const cases = [
      ...[1, 2, 44, 211, 7_000_001].map((seed) => drawSeason(dr, seededRandom(seed))),
      drawSeason(dr, seededRandom(3), { couples: false }),
      drawSeason(dr, seededRandom(4), { focal }),
      drawSeason(pathology, seededRandom(5)),
    ];
    for (const s of cases) {
      // Read after the other seasons were drawn: the input is built from the season's own lists.
      const compiled = compileMarket(s.input);
      expect(s.compiled).toEqual(compiled);
    }
    // The checks above must be able to fail: the compiled arrays carry couples and supplemental lists.
    const first = cases[0]?.compiled;
    expect((first?.nApplicants ?? 0) - (first?.nParticipants ?? 0)).toBeGreaterThan(0);
    expect(first?.listStart.length).toBeGreaterThan(1);
  });

  it("gives the Match the same outcome as the season's validated input, including a season without a stable matching", () => {
    for (const seed of [1, 211]) {
      const viaInput = runMatch(drawSeason(dr, seededRandom(seed)).input);
      if (!viaInput.ok) throw new Error("drawn season invalid");
      const run = viaInput.value;
      const direct = simulateSeason(dr, seed);
      expect(direct.stable).toBe(run.status === "stable");
      expect(direct.outcome).toEqual(run.status === "stable" ? run.outcome : run.stopped);
    }
  });
});
