import type { Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import { logistic, logit, normalQuantile } from "../math/normal.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";
import { type PosteriorRate, posteriorRate, type RatePrior } from "./rate-shrinkage.ts";
import type { Sponsorship } from "./visa-sponsorship.ts";

/**
 * Interview odds for one applicant at one program.
 *
 * Spec. Start from the program's observed interview rate for the applicant's type (Residency
 * Explorer); on the log-odds scale add: the applicant's strength relative to the specialty's
 * applicants (Step 2 CK and research slopes from Charting Outcomes; failures, specialty letters
 * and USCE as stated odds ratios); a stated tie to the program's state (a share of the program's
 * own in-state vs out-of-state lift); a signal (the program's own signalled vs unsignalled lift,
 * else the published odds ratio). The rate is first shrunk toward the specialty (rate-shrinkage.ts);
 * the interval is the shrunk rate's own (posterior) interval, carried through the same shifts.
 * Two visa factors then multiply the chance, each on the probability scale:
 * - P(the program sponsors the visa needed) (visa-sponsorship.ts), carried apart as
 *   `sponsorship.p` (the match kernel's scale); a program known not to sponsor it is excluded;
 * - for an applicant abroad who can reach the program only through an H-1B, the proclamation's
 *   factor (`h1bFactor`, cycle/visa-reality.ts), folded into `logit`.
 * They do not count one thing twice: sponsorship is the program's willingness to file for the
 * visa, the H-1B factor whether a willing program can still bring the applicant in under the
 * proclamation. Both must hold, and they are read as independent, so the chance is
 * `sponsorship.p` × h1bFactor × logistic(odds). O(1) per program.
 */
export type SignalTier = "gold" | "silver";

export interface InterviewOdds {
  /** P(interview), sponsorship included: `sponsorship.p` × logistic(`logit`). */
  estimate: number;
  low: number;
  high: number;
  /**
   * Log-odds of an interview if the program sponsors the visa needed (−Infinity when excluded): the
   * match kernel works on these, scaled by `sponsorship.p`.
   */
  logit: number;
  /**
   * The same log-odds without the applicant's strength (the program's rate for the applicant's
   * type, with any tie to its state): what a typical applicant of the type would see there, visa
   * aside (kept for a program excluded for its visa; −Infinity only without any rate).
   */
  baseLogit: number;
  /** The same chance if the program were signalled, per tier (sponsorship included), or null where the specialty has no signals. */
  signalled: { gold: number; silver: number } | null;
  signalledLogit: { gold: number; silver: number } | null;
  /**
   * What a signal of each tier rests on, as the row's basis says it when that tier is spent: the
   * program's own signalled vs unsignalled rates, or an odds ratio measured elsewhere (`borrowed`,
   * a stated assumption). Null where the specialty has no signals.
   */
  signalBasis: { gold: SignalBasis; silver: SignalBasis } | null;
  excluded: string | null;
  basis: string;
  /** The rate the odds start from: observed and shrunk, or the specialty's median (`estimated`). */
  rate: (PosteriorRate & { estimated: boolean }) | null;
  /** P(the program sponsors the visa the applicant needs), and what it rests on. */
  sponsorship: Sponsorship;
}

/** What one tier's signal lift rests on (`InterviewOdds.signalBasis`). */
export interface SignalBasis {
  /** Where the lift is not the program's own: what it is assumed to be, in words; else null. */
  borrowed: string | null;
  /** "gold signal", or "gold signal (lift assumed: …)". */
  text: string;
}

/** The row's basis: where the odds start, and the signal spent there with what its lift rests on. */
export function rowBasis(odds: InterviewOdds, signal: SignalTier | null): string {
  if (!signal) return odds.basis;
  return `${odds.basis}; ${odds.signalBasis?.[signal].text ?? `${signal} signal`}`;
}

/**
 * The list's record of the signals spent where the lift is not the program's own: how many, and the
 * model's assumption with its why. Null where every signal spent rests on the program's own rates.
 */
export function borrowedSignalBecause(
  model: ProgramModel,
  signalled: ReadonlyArray<{ odds: InterviewOdds; signal: SignalTier }>,
): Because | null {
  const borrowed = signalled.flatMap((x) => x.odds.signalBasis?.[x.signal].borrowed ?? []);
  if (borrowed.length === 0) return null;
  const f = model.interview.signalOddsRatioFallback;
  const said = [...new Set(borrowed)].join("; ");
  return {
    ruleId: "model.signal-lift-borrowed",
    value: {
      signalled: signalled.length,
      borrowed: borrowed.length,
      oddsRatio: f.value,
      measuredIn: f.measuredIn,
    },
    sources: f.sources,
    note: `The lift of ${borrowed.length} of the ${signalled.length} signals spent is assumed: ${said}. ${f.assumption}`,
  };
}

/** What the odds model needs to know about the applicant, derived once per plan. */
export interface ApplicantShift {
  applicantType: ApplicantType;
  /** Log-odds shift from strength (score, research, failures, letters, USCE). */
  strength: number;
  tieStates: ReadonlySet<string>;
  visa: Profile["visa"];
  /**
   * Multiplies the interview odds at programs this applicant reaches only through an H-1B (the
   * proclamation's payment for an applicant abroad, cycle/visa-reality.ts); 1 = no change.
   */
  h1bFactor: number;
  because: Because[];
}

/** Specialty-level inputs shared by every program of the plan. */
export interface SpecialtyOddsContext {
  /** Effective applicants behind each observed rate (for the interval). */
  effectiveApplicants: number;
  /** Median observed rate for the applicant's type across the specialty, for programs that report none. */
  medianRate: number | null;
  /** The specialty's prior for the type's rates (rate-shrinkage.ts); null with too few rates. */
  prior: RatePrior | null;
  signalsOffered: boolean;
  /**
   * Where a program reports no signal rates of its own, what its signal's lift is said to rest on:
   * the model's published odds ratio, measured in another specialty or in this one
   * (odds-context.ts). Null where the specialty has no signals.
   */
  signalFallbackText: string | null;
  /** P(sponsors the visa needed) of a program of this specialty (visa-sponsorship.ts). */
  sponsorship: (program: Program) => Sponsorship;
}

const clampP = (p: number, floor: number) => Math.min(1 - floor, Math.max(floor, p));
/** A rate with no information behind it spans the whole scale; beyond ±20 log-odds nothing changes. */
const MAX_LOGIT_HALF_WIDTH = 20;

export function estimateInterviewOdds(
  program: Program,
  applicant: ApplicantShift,
  ctx: SpecialtyOddsContext,
  model: ProgramModel,
): InterviewOdds {
  const im = model.interview;
  const floor = im.reportedPrecision.value / 2;
  const key = im.rateByApplicantType.value[applicant.applicantType] as RateKey;
  const rates = program.interviewRates;
  const sponsorship = ctx.sponsorship(program);
  const start = rateStart(program, key, floor, ctx, im.signalOddsRatioFallback.value);
  if (start === null)
    return noOdds(
      sponsorship,
      "no interview rate for this applicant type at the program or in the specialty",
      Number.NEGATIVE_INFINITY,
    );
  const { post, base } = start;

  let shift = applicant.strength;
  let tie = 0;
  if (
    program.state &&
    applicant.tieStates.has(program.state) &&
    rates?.inState != null &&
    rates.outOfState != null
  ) {
    tie = im.tieWeight.value * (logit(clampP(rates.inState, floor)) - logit(clampP(rates.outOfState, floor)));
    shift += tie;
  }
  const baseLogit = base + tie;
  // A program that does not sponsor the visa keeps its typical odds: the list's length is read
  // from them (plan-program-list.ts) and must not depend on the visa.
  if (sponsorship.excluded) return noOdds(sponsorship, sponsorship.excluded, baseLogit);

  const z = normalQuantile(0.5 + im.intervalCoverage.value / 2);
  const l0 = base + shift;
  const half = Math.min(z * post.logitSd, MAX_LOGIT_HALF_WIDTH);
  const lLow = l0 - half;
  const lHigh = l0 + half;

  let signalledLogit: InterviewOdds["signalledLogit"] = null;
  if (start.lift) {
    const share = im.signalLiftShare.value;
    signalledLogit = { gold: l0 + share * start.lift.gold, silver: l0 + share * start.lift.silver };
  }
  const s = sponsorship.p;
  const odds: InterviewOdds = {
    estimate: s * logistic(l0),
    low: s * logistic(lLow),
    high: s * Math.max(logistic(lHigh), logistic(l0)),
    logit: l0,
    baseLogit,
    signalled: signalledLogit
      ? { gold: s * logistic(signalledLogit.gold), silver: s * logistic(signalledLogit.silver) }
      : null,
    signalledLogit,
    signalBasis: start.signalBasis,
    excluded: null,
    basis: start.basis,
    rate: start.rate,
    sponsorship,
  };
  return reliesOnH1b(applicant.visa, program.visa) ? scaleOdds(odds, applicant.h1bFactor) : odds;
}

/** A program left out for this applicant: no chance, and why. */
function noOdds(sponsorship: Sponsorship, excluded: string, baseLogit: number): InterviewOdds {
  return {
    estimate: 0,
    low: 0,
    high: 0,
    logit: Number.NEGATIVE_INFINITY,
    baseLogit,
    signalled: null,
    signalledLogit: null,
    signalBasis: null,
    excluded,
    basis: "",
    rate: null,
    sponsorship,
  };
}

type RateKey = keyof NonNullable<Program["interviewRates"]>;

/**
 * Where a program's odds start for an applicant type, before anything about the applicant: its
 * rate shrunk toward the specialty (or the specialty's median where it reports none), that rate's
 * log-odds at the reported precision, the sentence saying so, and its signal lifts. Null without
 * any rate.
 */
interface RateStart {
  post: PosteriorRate;
  /** logit of the shrunk rate, clamped to the reported precision. */
  base: number;
  basis: string;
  /** The rate as every plan's row shows it: one frozen object per program and inputs, not one per plan. */
  rate: NonNullable<InterviewOdds["rate"]>;
  /**
   * Log-odds a signal adds before the model's share of it: the program's own signalled vs
   * unsignalled lift, else the published odds ratio. Null where the specialty has no signals.
   */
  lift: { gold: number; silver: number } | null;
  signalBasis: InterviewOdds["signalBasis"];
}

/**
 * `rateStart` is a pure function of the program and the inputs below; each program keeps its
 * answer for the last inputs it was asked with. Every plan for one applicant type in one
 * specialty asks with the same inputs (the context's prior and median are made once per catalog),
 * so the shrinkage, the log-odds and the sentence are worked out once per program, not per plan.
 */
const starts = new WeakMap<
  Program,
  {
    key: RateKey;
    floor: number;
    medianRate: number | null;
    prior: RatePrior | null;
    applicants: number;
    signals: boolean;
    signalFallbackText: string | null;
    fallback: { gold: number; silver: number };
    start: RateStart | null;
  }
>();

function rateStart(
  program: Program,
  key: RateKey,
  floor: number,
  ctx: SpecialtyOddsContext,
  fallback: { gold: number; silver: number },
): RateStart | null {
  const kept = starts.get(program);
  if (
    kept &&
    kept.key === key &&
    kept.floor === floor &&
    kept.medianRate === ctx.medianRate &&
    kept.prior === ctx.prior &&
    kept.applicants === ctx.effectiveApplicants &&
    kept.signals === ctx.signalsOffered &&
    kept.signalFallbackText === ctx.signalFallbackText &&
    kept.fallback === fallback
  )
    return kept.start;
  const start = workOutRateStart(program, key, floor, ctx, fallback);
  starts.set(program, {
    key,
    floor,
    medianRate: ctx.medianRate,
    prior: ctx.prior,
    applicants: ctx.effectiveApplicants,
    signals: ctx.signalsOffered,
    signalFallbackText: ctx.signalFallbackText,
    fallback,
    start,
  });
  return start;
}

function workOutRateStart(
  program: Program,
  key: RateKey,
  floor: number,
  ctx: SpecialtyOddsContext,
  fallback: { gold: number; silver: number },
): RateStart | null {
  const rates = program.interviewRates;
  const observed = rates ? (rates[key] as number | null) : null;
  const rate = observed ?? ctx.medianRate;
  if (rate === null) return null;
  const post = posteriorRate(observed, rate, ctx.prior, ctx.effectiveApplicants);
  const shrunk = (x: number) => Math.round(x * 1000) / 1000;
  const basis =
    observed !== null
      ? `observed ${key} interview rate ${observed}${ctx.prior ? `, ${shrunk(post.rate)} after shrinking toward the specialty's ${shrunk(ctx.prior.mean)} (own weight ${post.weight.toFixed(2)})` : ""}`
      : `estimated: the specialty median ${key} rate ${ctx.medianRate} (the program reports none)`;
  let lift: RateStart["lift"] = null;
  let signalBasis: RateStart["signalBasis"] = null;
  if (ctx.signalsOffered) {
    const s = rates?.signal;
    const liftOf = (tier: SignalTier): { lift: number; borrowed: boolean } => {
      const sig: number | null = s?.[tier] ?? s?.any ?? null;
      if (sig !== null && s?.none != null)
        return { lift: logit(clampP(sig, floor)) - logit(clampP(s.none, floor)), borrowed: false };
      return { lift: Math.log(fallback[tier]), borrowed: true };
    };
    // A gold signal says more than a silver one: where a program's published gold rate sits below
    // its silver rate (a small sample's noise), gold lifts as much as silver, never less — so
    // spending the stronger signal never lowers a program's odds, nor P(match) with it.
    const silver = liftOf("silver");
    const ownGold = liftOf("gold");
    const gold = ownGold.lift >= silver.lift ? ownGold : silver;
    lift = { gold: gold.lift, silver: silver.lift };
    const said = (tier: SignalTier, l: { borrowed: boolean }): SignalBasis => {
      const borrowed = l.borrowed ? (ctx.signalFallbackText ?? "the model's published odds ratio") : null;
      return { borrowed, text: borrowed ? `${tier} signal (lift assumed: ${borrowed})` : `${tier} signal` };
    };
    signalBasis = { gold: said("gold", gold), silver: said("silver", silver) };
  }
  const shown = Object.freeze({
    rate: post.rate,
    observed: post.observed,
    logitSd: post.logitSd,
    weight: post.weight,
    estimated: post.observed === null,
  });
  return { post, base: logit(clampP(post.rate, floor)), basis, rate: shown, lift, signalBasis };
}

/** Whether the applicant can reach this program only through an H-1B (unknown J-1 counts as possible). */
function reliesOnH1b(need: Profile["visa"], v: Program["visa"]): boolean {
  return need === "h1b" || (need === "j1-or-h1b" && v?.j1 === false);
}

/**
 * Interview odds multiplied by `f` on the probability scale (the log-odds follow). The program's
 * sponsorship stays apart in `sponsorship.p` and multiplies the displayed chances again.
 */
function scaleOdds(o: InterviewOdds, f: number): InterviewOdds {
  if (f === 1) return o;
  const p = (x: number) => x * f;
  const l = (x: number) => logit(clampP(p(logistic(x)), Number.MIN_VALUE));
  const s = o.sponsorship.p;
  const sl = o.signalledLogit ? { gold: l(o.signalledLogit.gold), silver: l(o.signalledLogit.silver) } : null;
  return {
    ...o,
    estimate: p(o.estimate),
    low: p(o.low),
    high: p(o.high),
    logit: l(o.logit),
    signalled: sl ? { gold: s * logistic(sl.gold), silver: s * logistic(sl.silver) } : null,
    signalledLogit: sl,
    basis: `${o.basis}; × ${f} for the H-1B proclamation (applying from outside the US)`,
  };
}

/**
 * Log-odds of the chance a program gives, sponsorship included: logit(s · logistic(l)). Programs
 * are ordered by it; the kernel itself takes l and s apart (match-probability.ts).
 */
export function chanceLogit(l: number, s: number): number {
  if (s >= 1) return l;
  if (s <= 0 || l === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const p = s * logistic(l);
  return Math.log(p / (1 - p));
}
