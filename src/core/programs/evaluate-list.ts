import { matchYearOf } from "../assess/application-cycle.ts";
import type { Program } from "../catalog/program.ts";
import { signalsFor } from "../cycle/signal-schemes.ts";
import { normalQuantile } from "../math/normal.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { allocateSignals, type SignalCandidate, spendSignals } from "./allocate-signals.ts";
import { applicantShift, untakenLogitSd } from "./applicant-shift.ts";
import { estimateInterviewOdds, type InterviewOdds } from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import { type MatchEstimate, matchCurveForList } from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import { type Pgy1Year, withPgy1Range, withPgy1Year } from "./pgy1-joint.ts";
import { combinedRange, type RangeBreakdown } from "./pmatch-range.ts";
import type { ProgramData } from "./program-data.ts";
import { shownRange } from "./shown-range.ts";
import { step2ckSlope } from "./type-slopes.ts";

/**
 * Signals for a list edited from a plan: the ones the plan placed on programs still listed stay
 * where they are, and the list holds at most `allowance` of each tier in all — so the plan's own
 * list scores exactly as the plan did, and a signal freed by removing its program goes to the
 * listed program with the best signalled odds that has none.
 */
export interface SignalPlan {
  placed: ReadonlyMap<string, "gold" | "silver">;
  allowance: { gold: number; silver: number };
}

export type SignalMode = "auto" | "none" | SignalPlan;

export interface ListOutcome {
  /** P(match) with the range the planner shows (`shownRange`). */
  pMatch: MatchEstimate;
  /** What that range is made of; null for an empty list. */
  pMatchRange: RangeBreakdown | null;
  /** P(at least one interview), mean over the strength draws. */
  pAtLeastOneInterview: number;
  /** The signals spent, by program id. */
  signals: Map<string, "gold" | "silver">;
  /** P(match | each strength draw) of the advanced position alone: lists matched under the same draws combine from it. */
  perDraw: Float64Array;
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
  signals: SignalMode = "auto",
  forecast: { sd: number } | null = null,
  /**
   * For an advanced specialty, the plan's PGY-1 year (ProgramPlan.pgy1): P(match) is then the
   * joint chance with it, as the planner shows it. Null = the advanced position alone.
   */
  pgy1: Pgy1Year | null = null,
): ListOutcome | null {
  const curve = curveFor(rb, data.model, specialtyId, profile.applicantType);
  const sp = rb.specialties.get(specialtyId);
  if (!curve || !sp) return null;
  const listed = listLogits(rb, data, profile, specialtyId, programs, asOf, signals, forecast);
  const kernel = kernelOptions(data.model);
  const r = matchCurveForList(listed.logits, curve, kernel, true, listed.scales);
  const shown = shownListEstimate(data, sp, profile, listed, curve, kernel, r.final, pgy1);
  return {
    pMatch: shown.pMatch,
    pMatchRange: shown.range,
    pAtLeastOneInterview: r.atLeastOneInterview[r.atLeastOneInterview.length - 1] ?? 0,
    signals: listed.signals,
    perDraw: r.perDraw,
  };
}

/**
 * A list's P(match) with the range as the planner shows it (plan-program-list.ts `buildList`):
 * the strength draws' range combined with the programs' rates and an untaken score's spread
 * (`combinedRange`), with the PGY-1 year where the plan has one, then `reachPublished` for the
 * profile's Step 2 CK band. The list's own figure and the what-if sweep both read it from here,
 * so the sweep at the applicant's own score shows the very figure and range of the list.
 */
function shownListEstimate(
  data: ProgramData,
  sp: Specialty,
  profile: Profile,
  listed: {
    logits: Float64Array;
    scales: Float64Array;
    logitSds: Float64Array;
    untakenLogitSd: number | null;
  },
  curve: NonNullable<ReturnType<typeof curveFor>>,
  kernel: ReturnType<typeof kernelOptions>,
  final: MatchEstimate,
  pgy1: Pgy1Year | null,
): { pMatch: MatchEstimate; range: RangeBreakdown | null } {
  const advanced =
    listed.logits.length > 0
      ? combinedRange({
          logits: listed.logits,
          scales: listed.scales,
          logitSds: listed.logitSds,
          curve,
          kernel,
          strength: final,
          untakenLogitSd: listed.untakenLogitSd,
          z: normalQuantile(0.5 + data.model.interview.intervalCoverage.value / 2),
        })
      : null;
  const ranged = advanced && pgy1 ? withPgy1Range(advanced, pgy1) : advanced;
  const shown = ranged ? shownRange(data.model, sp, profile, ranged.pMatch, ranged.breakdown) : null;
  return {
    pMatch: shown?.pMatch ?? (pgy1 ? withPgy1Year(final, pgy1) : final),
    range: shown?.range ?? null,
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
  signals: SignalMode = "auto",
  forecast: { sd: number } | null = null,
): {
  logits: Float64Array;
  /** P(each program sponsors the visa needed): multiplies the chance its log-odds give. */
  scales: Float64Array;
  /** SD of each program's rate on the log-odds scale (the range's program-rates part). */
  logitSds: Float64Array;
  untakenLogitSd: number | null;
  signals: Map<string, "gold" | "silver">;
} {
  const sp = rb.specialties.get(specialtyId);
  if (!sp)
    return {
      logits: new Float64Array(0),
      scales: new Float64Array(0),
      logitSds: new Float64Array(0),
      untakenLogitSd: null,
      signals: new Map(),
    };
  const model = data.model;
  const shift = applicantShift(rb, model, profile, sp, asOf, forecast);
  const ctx = oddsContext(rb, data, sp, profile);
  const odds = programs.map((p) => ({ id: p.id, odds: estimateInterviewOdds(p, shift, ctx, model) }));
  const logits = Float64Array.from(odds, (x) => x.odds.logit);
  const minimum = model.signals.minimumSignalledOdds.value;
  const scales = Float64Array.from(odds, (x) => x.odds.sponsorship.p);
  const spent =
    signals === "auto"
      ? spendSignals(signalsFor(rb, sp.id, matchYearOf(rb, profile, asOf, sp.id)).scheme, minimum, odds)
      : signals === "none"
        ? new Map<string, "gold" | "silver">()
        : spendAroundPlaced(signals, minimum, odds);
  odds.forEach((x, i) => {
    const tier = spent.get(x.id);
    if (tier && x.odds.signalledLogit) logits[i] = x.odds.signalledLogit[tier];
  });
  return {
    logits,
    scales,
    logitSds: Float64Array.from(odds, (x) => x.odds.rate?.logitSd ?? 0),
    untakenLogitSd: untakenLogitSd(shift),
    signals: spent,
  };
}

/** The placed signals on listed programs, then the rest of the allowance by signalled odds. */
function spendAroundPlaced(
  plan: SignalPlan,
  minimumOdds: number,
  listed: ReadonlyArray<{ id: string; odds: InterviewOdds }>,
): Map<string, "gold" | "silver"> {
  const out = new Map<string, "gold" | "silver">();
  for (const x of listed) {
    const tier = plan.placed.get(x.id);
    if (tier && x.odds.signalled) out.set(x.id, tier);
  }
  const used = (tier: "gold" | "silver") => [...out.values()].filter((t) => t === tier).length;
  const spare = {
    gold: Math.max(0, plan.allowance.gold - used("gold")),
    silver: Math.max(0, plan.allowance.silver - used("silver")),
  };
  const candidates: SignalCandidate[] = [];
  for (const x of listed)
    if (x.odds.signalled && !out.has(x.id))
      candidates.push({ key: x.id, gold: x.odds.signalled.gold, silver: x.odds.signalled.silver });
  for (const [id, tier] of allocateSignals(candidates, spare, minimumOdds)) out.set(id, tier);
  return out;
}

/**
 * What-if sweep of P(match) over Step 2 CK scores for a fixed list. The score enters every
 * program's log-odds through one slope (the applicant type's, for the specialty: type-slopes.ts), so odds are computed once (at a reference score) and
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
  signals: SignalMode = "auto",
  /** The plan's PGY-1 year for an advanced specialty (see `evaluateList`). */
  pgy1: Pgy1Year | null = null,
): Array<{ score: number; pMatch: MatchEstimate }> {
  const curve = curveFor(rb, data.model, specialtyId, profile.applicantType);
  const first = scores[0];
  if (!curve || first === undefined) return [];
  const reference = profile.step2ck.score ?? first;
  const anchored: Profile = {
    ...profile,
    step2ck: { ...profile.step2ck, score: reference, attempts: Math.max(1, profile.step2ck.attempts ?? 1) },
  };
  const sp = rb.specialties.get(specialtyId);
  if (!sp) return [];
  const listed = listLogits(rb, data, anchored, specialtyId, programs, asOf, signals);
  const base = listed.logits;
  const slope = step2ckSlope(rb, data.model, profile.applicantType, specialtyId).perPoint;
  const opts = kernelOptions(data.model);
  return scores.map((score) => {
    const delta = slope * (score - reference);
    const shifted = Float64Array.from(base, (x) => x + delta);
    const r = matchCurveForList(shifted, curve, opts, true, listed.scales);
    // The range as the list shows it, for a profile with this score (its band's note included).
    const at: Profile = { ...anchored, step2ck: { ...anchored.step2ck, score } };
    const shown = shownListEstimate(data, sp, at, { ...listed, logits: shifted }, curve, opts, r.final, pgy1);
    return { score, pMatch: shown.pMatch };
  });
}
