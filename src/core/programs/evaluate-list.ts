import type { Program } from "../catalog/program.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { spendSignals } from "./allocate-signals.ts";
import { applicantShift } from "./applicant-shift.ts";
import { estimateInterviewOdds } from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import { type MatchEstimate, matchCurveForList } from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import type { ProgramData } from "./program-data.ts";
import { pooledSlope } from "./strength-slopes.ts";

export interface ListOutcome {
  pMatch: MatchEstimate;
  /** P(at least one interview), mean over the strength draws. */
  pAtLeastOneInterview: number;
  /** The signals spent, by program id. */
  signals: Map<string, "gold" | "silver">;
}

/**
 * P(match) for a list the applicant chose themselves (no optimisation): the same odds and
 * kernel as the planner, with signals spent on the listed programs with the best signalled odds;
 * also the chance of at least one interview and the signals spent. Used for lists edited by
 * hand, the API's evaluate route and the calibration cohorts. Null where Charting Outcomes has
 * no ranks data for the specialty.
 */
export function evaluateList(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialtyId: string,
  programs: readonly Program[],
  asOf: string,
  signals: "auto" | "none" = "auto",
): ListOutcome | null {
  const curve = curveFor(rb, data.model, specialtyId);
  if (!curve || !rb.specialties.has(specialtyId)) return null;
  const listed = listLogits(rb, data, profile, specialtyId, programs, asOf, signals);
  const r = matchCurveForList(listed.logits, curve, kernelOptions(data.model), true, listed.scales);
  return {
    pMatch: r.final,
    pAtLeastOneInterview: r.atLeastOneInterview[r.atLeastOneInterview.length - 1] ?? 0,
    signals: listed.signals,
  };
}

/**
 * Log-odds of an interview at each listed program if it sponsors the visa needed, with signals
 * spent on the best signalled odds, and each program's chance of sponsoring it (the kernel's scales).
 */
export function listLogits(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialtyId: string,
  programs: readonly Program[],
  asOf: string,
  signals: "auto" | "none" = "auto",
): { logits: Float64Array; scales: Float64Array; signals: Map<string, "gold" | "silver"> } {
  const sp = rb.specialties.get(specialtyId);
  if (!sp) return { logits: new Float64Array(0), scales: new Float64Array(0), signals: new Map() };
  const model = data.model;
  const shift = applicantShift(rb, model, profile, sp, asOf);
  const ctx = oddsContext(rb, data, sp, profile);
  const odds = programs.map((p) => ({ id: p.id, odds: estimateInterviewOdds(p, shift, ctx, model) }));
  const logits = Float64Array.from(odds, (x) => x.odds.logit);
  const scales = Float64Array.from(odds, (x) => x.odds.sponsorship.p);
  const spent =
    signals === "auto"
      ? spendSignals(sp.signals.value, model.signals.minimumSignalledOdds.value, odds)
      : new Map<string, "gold" | "silver">();
  odds.forEach((x, i) => {
    const tier = spent.get(x.id);
    if (tier && x.odds.signalledLogit) logits[i] = x.odds.signalledLogit[tier];
  });
  return { logits, scales, signals: spent };
}

/**
 * What-if sweep of P(match) over Step 2 CK scores for a fixed list. The score enters every
 * program's log-odds through one slope, so odds are computed once (at a reference score) and
 * shifted per score; signals stay where they were spent at the reference. O(scores · D · n · K).
 */
export function sweepStep2ck(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialtyId: string,
  programs: readonly Program[],
  asOf: string,
  scores: readonly number[],
): Array<{ score: number; pMatch: MatchEstimate }> {
  const curve = curveFor(rb, data.model, specialtyId);
  const first = scores[0];
  if (!curve || first === undefined) return [];
  const reference = profile.step2ck.score ?? first;
  const anchored: Profile = {
    ...profile,
    step2ck: { ...profile.step2ck, score: reference, attempts: Math.max(1, profile.step2ck.attempts ?? 1) },
  };
  const { logits: base, scales } = listLogits(rb, data, anchored, specialtyId, programs, asOf);
  const slope = pooledSlope(
    rb.chartingOutcomes,
    "step2ck",
    data.model.interview.strengthSlopes.minGroupSize,
  ).perUnit;
  const opts = kernelOptions(data.model);
  const shifted = new Float64Array(base.length);
  return scores.map((score) => {
    const delta = slope * (score - reference);
    for (let i = 0; i < base.length; i++) shifted[i] = (base[i] as number) + delta;
    const r = matchCurveForList(shifted, curve, opts, true, scales);
    return { score, pMatch: r.final };
  });
}
