import { describe, expect, it } from "vitest";
import { repositoryMarketData } from "../../io/load-market-data.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { seededRandom } from "../math/seeded-random.ts";
import { buildMarket } from "./build-market.ts";
import { drawSeason } from "./draw-season.ts";
import { simulateMarket } from "./simulate-market.ts";

/**
 * A national-size DR market, built from the catalog and drawn from MatchPlan's own odds model,
 * against NRMP's published figures in data/ and against the model's own per-applicant P(match).
 * Against the published figures the tolerances are wide on purpose: the market is one specialty
 * alone (no applicants ranking it as a backup, who in reality take positions the first-choice pool
 * leaves open), with random applications rather than chosen lists, which draw fewer interviews
 * (docs/market.md says how far each figure lands; the model's own P(match) on the same random lists
 * is as low). They are narrow enough to catch a market whose applicants the odds model reads as
 * someone else — e.g. simulated seniors read as having no Step 2 CK yet, which put DR's fill at 69%
 * and its US MD seniors' match rate at 58%. Against the model's own odds, the market built on the
 * model's premise (each interview a rank with probability match.ranksPerInterview) agrees closely,
 * and the tolerances are tight: ranking every interview put the market 10% above the model.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();
const SPECIALTY = "diagnostic-radiology";
const built = buildMarket(rb, data, market, SPECIALTY);
if (!built.ok) throw new Error("DR market failed to build");
const dr = built.value;
const facts = market.facts.specialties[SPECIALTY];
const co = rb.chartingOutcomes.specialties[SPECIALTY];
if (!facts || !co) throw new Error("DR market facts missing");

/** Percentage points, as shares. */
const POINTS = 0.01;
const summary = simulateMarket(dr, { runs: 2, seed: 1, modelRuns: 2 });

describe("a simulated national DR market against NRMP's published figures", () => {
  it("fills its published positions to within 20 points of the published fill rate", () => {
    // About 83% against 98.4%: the market alone, on random lists (above).
    const fill = facts.published.fill2025;
    expect(summary.fillRate.mean).toBeGreaterThan(fill.filled / fill.offered - 20 * POINTS);
  });

  it("matches US MD seniors who preferred DR at within 15 points of their published rate", () => {
    // About 83% against 94.4%; the model's own P(match) on the same random lists is about 86%.
    const u = facts.published.usMdPreferred2026;
    const published = u.matched / (u.matched + u.notMatched);
    expect(Math.abs(summary.matchRate["us-md"].mean - published)).toBeLessThan(15 * POINTS);
  });

  it("gives matched non-US IMGs as many ranks, on average, as Charting Outcomes' matched contiguous ranks to within 1.5", () => {
    // About 4.4 against 5.3 (fewer interviews on random lists); every interview ranked gave 6.8.
    const published = co.contiguousRanks.matched.mean ?? 0;
    const ranks = summary.ranksOfMatched["non-us-img"];
    expect(ranks.n).toBeGreaterThan(0);
    expect(Math.abs(ranks.mean - published)).toBeLessThan(1.5);
  });

  it("keeps each interview as a rank at the model's ranks per interview", () => {
    // A unit with categorical and advanced tracks is two ranks: count the units ranked.
    const season = drawSeason(dr, seededRandom(1));
    let interviews = 0;
    let ranked = 0;
    season.applicants.forEach((a, i) => {
      if (a.type !== "us-md" || a.partner >= 0) return;
      interviews += a.interviews;
      const units = new Set((season.input.applicants[i]?.ranks ?? []).map((p) => dr.programs[p]?.unit));
      ranked += units.size;
    });
    const rho = dr.ranksPerInterview["us-md"];
    expect(rho).toBeLessThan(1);
    // Binomial thinning over some 15,000 interviews: its SD is under half a point.
    expect(Math.abs(ranked / interviews - rho)).toBeLessThan(2 * POINTS);
  });

  it("agrees with the model's own P(match), summed over its US MD seniors, to within 5 points", () => {
    const m = summary.model?.byType["us-md"];
    expect(m).toBeDefined();
    if (!m) return;
    expect(Math.abs(m.expected - m.simulated) / m.applicants).toBeLessThan(5 * POINTS);
  });

  it("agrees with the model's own P(match), summed over all its applicants, to within 5%", () => {
    // Ranking every interview, the market gave about 1,150 matches against the model's 1,050.
    const byType = Object.values(summary.model?.byType ?? {});
    const expected = byType.reduce((s, x) => s + x.expected, 0);
    const simulated = byType.reduce((s, x) => s + x.simulated, 0);
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(expected - simulated) / simulated).toBeLessThan(0.05);
  });
});
