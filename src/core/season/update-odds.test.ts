import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { repositorySeasonModel } from "../../io/load-season-model.ts";
import { curveFor, kernelOptions } from "../programs/kernel-options.ts";
import { matchCurveForList } from "../programs/match-probability.ts";
import { type Observation, type UpdateSettings, updateOdds } from "./update-odds.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const season = repositorySeasonModel();
const curve = curveFor(rb, data.model, "diagnostic-radiology");
if (!curve) throw new Error("no DR curve");
const kernel = kernelOptions(data.model);
const rho = season.rejectionShare.value;

/** A small deterministic generator (mulberry32), so the simulation is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

function settings(shareSent: number): UpdateSettings {
  return {
    kernel,
    curve: curve as NonNullable<typeof curve>,
    draws: season.posteriorDraws.value,
    shareSent,
    rejectionShare: rho,
    atLeast: season.atLeastShown.value,
  };
}

/** P(match) for an applicant whose strength is known to be `u`, given what was observed. */
function truePMatch(confirmed: number, silent: number[], u: number, shareSent: number): number {
  const later = silent.map((l) => l + u + Math.log(1 - shareSent) - Math.log(1 - rho * shareSent));
  const logits = [...Array.from({ length: confirmed }, () => Number.POSITIVE_INFINITY), ...later];
  if (logits.length === 0) return 0;
  const exact = { ...kernel, strengthSd: 0, draws: 1 };
  return matchCurveForList(logits, curve as NonNullable<typeof curve>, exact, true).final.estimate;
}

describe("odds that learn from the season", () => {
  it("covers the simulated applicant's P(match) with its 80% range in 80% ± 3% of runs, and beats the plan's Brier score", () => {
    // Each run: a list of 30 programs with plan-time chances between 3% and 45%; a true strength
    // drawn from the planner's prior; invitations, rejections and silence by a date somewhere in
    // the season; then the final interviews and the match itself.
    const next = rng(20261206);
    const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    const runs = 2000;
    let covered = 0;
    let brierNow = 0;
    let brierPlan = 0;
    for (let r = 0; r < runs; r++) {
      const u = kernel.strengthSd * normal();
      const shareSent = [0.3, 0.55, 0.85][r % 3] as number;
      const logits = Array.from({ length: 30 }, () => logit(0.03 + 0.42 * next()));
      const obs: Observation[] = [];
      let finalInterviews = 0;
      let confirmed = 0;
      const silent: number[] = [];
      logits.forEach((l, i) => {
        const invites = next() < logistic(l + u);
        const sentYet = next() < shareSent;
        let state: Observation["state"] = "silent";
        if (invites) {
          finalInterviews++;
          if (sentYet) {
            state = "invited";
            confirmed++;
          }
        } else if (sentYet && next() < rho) state = "rejected";
        if (state === "silent") silent.push(l);
        obs.push({ id: `p${i}`, logit: l, state, shareAtApplication: 0 });
      });
      const out = updateOdds(obs, settings(shareSent));
      const truth = truePMatch(confirmed, silent, u, shareSent);
      if (truth >= out.pMatch.low - 1e-12 && truth <= out.pMatch.high + 1e-12) covered++;
      const m = curve.byInterviews;
      const pm = m[Math.min(finalInterviews, m.length - 1)] as number;
      const matched = next() < pm ? 1 : 0;
      brierNow += (out.pMatch.estimate - matched) ** 2;
      brierPlan += (out.planPMatch.estimate - matched) ** 2;
    }
    const coverage = covered / runs;
    expect(coverage).toBeGreaterThanOrEqual(0.77);
    expect(coverage).toBeLessThanOrEqual(0.83);
    expect(brierNow / runs).toBeLessThan(brierPlan / runs);
  });
});
