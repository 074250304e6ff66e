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
 * The tolerances are wide on purpose: the market is one specialty alone (no applicants ranking it
 * as a backup, who in reality take positions the first-choice pool leaves open), with random
 * applications rather than chosen lists (docs/market.md says how far each figure lands). They are
 * narrow enough to catch a market whose applicants the odds model reads as someone else — e.g.
 * simulated seniors read as having no Step 2 CK yet, which put DR's fill at 69% and its US MD
 * seniors' match rate at 58%.
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
const summary = simulateMarket(dr, { runs: 2, seed: 1, modelRuns: 1 });

describe("a simulated national DR market against NRMP's published figures", () => {
  it("fills its published positions to within 10 points of the published fill rate", () => {
    const fill = facts.published.fill2025;
    expect(summary.fillRate.mean).toBeGreaterThan(fill.filled / fill.offered - 10 * POINTS);
  });

  it("matches US MD seniors who preferred DR at within 10 points of their published rate", () => {
    const u = facts.published.usMdPreferred2026;
    const published = u.matched / (u.matched + u.notMatched);
    expect(Math.abs(summary.matchRate["us-md"].mean - published)).toBeLessThan(10 * POINTS);
  });

  it("gives non-US IMGs as many ranks, on average, as Charting Outcomes' contiguous ranks to within one", () => {
    const { matched: m, notMatched: u } = co.contiguousRanks;
    const published = ((m.mean ?? 0) * m.n + (u.mean ?? 0) * u.n) / (m.n + u.n);
    const season = drawSeason(dr, seededRandom(1));
    const ranks = season.applicants.filter((a) => a.type === "non-us-img").map((a) => a.ranks);
    const mean = ranks.reduce((s, x) => s + x, 0) / ranks.length;
    expect(Math.abs(mean - published)).toBeLessThan(1);
  });

  it("agrees with the model's own P(match), summed over its US MD seniors, to within 5 points", () => {
    // US MD seniors are two thirds of DR's applicants; the other types' gaps are reported in
    // docs/market.md (the market ranks every interview where the model reads fewer ranks per
    // interview, so it matches IMGs more often than their per-applicant odds say).
    const m = summary.model?.byType["us-md"];
    expect(m).toBeDefined();
    if (!m) return;
    expect(Math.abs(m.expected - m.simulated) / m.applicants).toBeLessThan(5 * POINTS);
  });
});
