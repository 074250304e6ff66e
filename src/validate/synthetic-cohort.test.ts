import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../io/load-rulebook.ts";
import { loadCalibrationInputs } from "./load-calibration-inputs.ts";
import { publishedCells } from "./published-record.ts";
import { cohortOf, countWith, drawScore, pick, rng, seedFor } from "./synthetic-cohort.ts";

const rb = repositoryRulebook();
const inputs = loadCalibrationInputs();

const moments = (xs: number[]) => {
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, sd };
};

describe("synthetic cohorts", () => {
  it("research counts keep the published mean and spread, overdispersed or not", () => {
    for (const fit of [
      { mean: 7, sd: 11 },
      { mean: 3.3, sd: 1.5 },
    ]) {
      const next = rng(1);
      const m = moments(Array.from({ length: 40_000 }, () => countWith(next, fit)));
      expect(m.mean).toBeCloseTo(fit.mean, 0);
      // Below the mean's square root a count cannot be less spread than a Poisson.
      expect(m.sd).toBeGreaterThan(Math.max(fit.sd, Math.sqrt(fit.mean)) * 0.9);
      expect(m.sd).toBeLessThan(Math.max(fit.sd, Math.sqrt(fit.mean)) * 1.1);
    }
  });

  it("Step 2 CK is never below the passing floor given, nor above the scale", () => {
    const next = rng(2);
    const g = { n: 10, step2ck: { mean: 214, sd: 20 }, research: null };
    const scores = Array.from({ length: 5000 }, () => drawScore(next, g, 214, 260));
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(214);
    expect(Math.max(...scores)).toBeLessThanOrEqual(260);
    expect(scores.every(Number.isInteger)).toBe(true);
  });

  it("a stated distribution is drawn in its proportions", () => {
    const next = rng(3);
    const draws = Array.from({ length: 20_000 }, () => pick(next, { a: 0.2, b: 0.5, c: 0.3 }));
    expect(draws.filter((d) => d === "b").length / draws.length).toBeCloseTo(0.5, 1);
  });

  it("the first applicants are the same people at every cohort size, and cells draw independently", () => {
    const cells = publishedCells(rb, inputs, ["internal-medicine"]);
    const [a, b] = cells;
    if (!a || !b) throw new Error("expected two IM cells");
    const one = cohortOf(rb, inputs.settings, a);
    const two = cohortOf(rb, inputs.settings, a);
    const first = Array.from({ length: 5 }, () => one());
    expect(Array.from({ length: 5 }, () => two())).toEqual(first);
    expect(seedFor(7, a.specialty, a.applicantType)).not.toBe(seedFor(7, b.specialty, b.applicantType));
  });

  it("the cohort mixes the groups at the published rate and draws each group's scores", () => {
    const cell = publishedCells(rb, inputs, ["internal-medicine"]).find(
      (c) => c.applicantType === "non-us-img",
    );
    if (!cell) throw new Error("no non-US IMG IM cell");
    const next = cohortOf(rb, inputs.settings, cell);
    const drawn = Array.from({ length: 4000 }, () => next());
    const matched = drawn.filter((d) => d.drawnMatched);
    expect(matched.length / drawn.length).toBeCloseTo(cell.rate.value, 1);
    expect(moments(matched.map((d) => d.step2ck)).mean).toBeCloseTo(cell.matched.step2ck.mean, -1);
    for (const d of drawn) {
      expect(d.profile.applicantType).toBe("non-us-img");
      expect(d.profile.letters?.us).toBeLessThanOrEqual(d.profile.letters?.total ?? 0);
      expect(d.profile.letters?.specialty).toBeLessThanOrEqual(d.profile.letters?.total ?? 0);
    }
  });
});
