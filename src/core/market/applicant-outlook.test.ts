import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryMarket } from "../../../test/support/market/repository-market.ts";
import { seededRandom } from "../math/seeded-random.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { applicantOutlook } from "./applicant-outlook.ts";
import { drawSeason } from "./draw-season.ts";
import { runMatch } from "./run-match.ts";

const dr = repositoryMarket("diagnostic-radiology");
const profile = JSON.parse(
  readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
) as Profile;

describe("one applicant's outlook in simulated markets", () => {
  const runs = 3;
  const seed = 11;
  const outlook = applicantOutlook(dr, profile, { runs, seed, maxLength: 2 });

  it("reports the market's own fill in the same seasons, counted from each season's Match", () => {
    const cls = dr.classForProfile(profile);
    const specialty = dr.programs.flatMap((p, i) => (p.unit >= 0 ? [i] : []));
    const positions = specialty.reduce((s, i) => s + (dr.programs[i]?.positions ?? 0), 0);
    let fill = 0;
    for (let r = 0; r < runs; r++) {
      const season = drawSeason(dr, seededRandom(seed + r), { focal: cls });
      const m = runMatch(season.input);
      if (!m.ok) throw new Error("invalid season");
      const outcome = m.value.status === "stable" ? m.value.outcome : m.value.stopped;
      fill += specialty.reduce((s, i) => s + (outcome.filled[i] as number), 0) / positions;
    }
    expect(outlook.fillRate).toBeCloseTo(fill / runs, 12);
    expect(outlook.fillRate).toBeGreaterThan(0);
    expect(outlook.fillRate).toBeLessThanOrEqual(1);
  });

  it("says beside the figures which P(match) is higher, by how much, and why the market differs", () => {
    const [first, second] = outlook.notes;
    const { simulated, model } = outlook.pMatch;
    expect(first).toContain(`${(100 * simulated).toFixed(1)}% of ${runs} simulated seasons`);
    const gap = (100 * Math.abs(simulated - model)).toFixed(1);
    if (simulated > model)
      expect(first).toContain(`${gap} points above the model's ${(100 * model).toFixed(1)}%`);
    else if (simulated < model)
      expect(first).toContain(`${gap} points below the model's ${(100 * model).toFixed(1)}%`);
    else expect(first).toContain("the same as the model's");
    expect(second).toContain(`filled ${(100 * outlook.fillRate).toFixed(1)}% of their positions`);
    expect(second).toContain("backup");
  });
});
