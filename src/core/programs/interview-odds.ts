import type { Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import { logistic, logit, wilsonInterval } from "../math/normal.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";
import type { Sponsorship } from "./visa-sponsorship.ts";

/**
 * Interview odds for one applicant at one program.
 *
 * Spec. Start from the program's observed interview rate for the applicant's type (Residency
 * Explorer); on the log-odds scale add: the applicant's strength relative to the specialty's
 * applicants (Step 2 CK and research slopes from Charting Outcomes; failures, specialty letters
 * and USCE as stated odds ratios); a stated tie to the program's state (a share of the program's
 * own in-state vs out-of-state lift); a signal (the program's own signalled vs unsignalled lift,
 * else the published odds ratio). The chance is then multiplied by P(the program sponsors the visa
 * needed) (visa-sponsorship.ts); a program known not to sponsor it is excluded. The interval is
 * the Wilson interval of the observed rate at the program's effective number of applicants,
 * carried through the same shifts. O(1) per program.
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
  excluded: string | null;
  basis: string;
  /** P(the program sponsors the visa the applicant needs), and what it rests on. */
  sponsorship: Sponsorship;
}

/** What the odds model needs to know about the applicant, derived once per plan. */
export interface ApplicantShift {
  applicantType: ApplicantType;
  /** Log-odds shift from strength (score, research, failures, letters, USCE). */
  strength: number;
  tieStates: ReadonlySet<string>;
  visa: Profile["visa"];
  because: Because[];
}

/** Specialty-level inputs shared by every program of the plan. */
export interface SpecialtyOddsContext {
  /** Effective applicants behind each observed rate (for the interval). */
  effectiveApplicants: number;
  /** Median observed rate for the applicant's type across the specialty, for programs that report none. */
  medianRate: number | null;
  signalsOffered: boolean;
  /** P(sponsors the visa needed) of a program of this specialty (visa-sponsorship.ts). */
  sponsorship: (program: Program) => Sponsorship;
}

const clampP = (p: number, floor: number) => Math.min(1 - floor, Math.max(floor, p));

export function estimateInterviewOdds(
  program: Program,
  applicant: ApplicantShift,
  ctx: SpecialtyOddsContext,
  model: ProgramModel,
): InterviewOdds {
  const im = model.interview;
  const floor = im.reportedPrecision.value / 2;
  const key = im.rateByApplicantType.value[applicant.applicantType] as keyof NonNullable<
    Program["interviewRates"]
  >;
  const rates = program.interviewRates;
  const observed = rates ? (rates[key] as number | null) : null;
  const sponsorship = ctx.sponsorship(program);
  const none: InterviewOdds = {
    estimate: 0,
    low: 0,
    high: 0,
    logit: Number.NEGATIVE_INFINITY,
    baseLogit: Number.NEGATIVE_INFINITY,
    signalled: null,
    signalledLogit: null,
    excluded: null,
    basis: "",
    sponsorship,
  };
  const rate = observed ?? ctx.medianRate;
  if (rate === null)
    return {
      ...none,
      excluded: "no interview rate for this applicant type at the program or in the specialty",
    };
  const basis =
    observed !== null
      ? `observed ${key} interview rate ${observed}`
      : `specialty median ${key} rate ${ctx.medianRate} (the program reports none)`;

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
  const baseLogit = logit(clampP(rate, floor)) + tie;
  // A program that does not sponsor the visa keeps its typical odds: the list's length is read
  // from them (plan-program-list.ts) and must not depend on the visa.
  if (sponsorship.excluded) return { ...none, baseLogit, excluded: sponsorship.excluded };

  const n = ctx.effectiveApplicants;
  const wil = wilsonInterval(rate, n, im.intervalCoverage.value);
  const l0 = logit(clampP(rate, floor)) + shift;
  const lLow = logit(clampP(wil.low, floor / 10)) + shift;
  const lHigh = logit(clampP(wil.high, floor)) + shift;

  let signalledLogit: InterviewOdds["signalledLogit"] = null;
  if (ctx.signalsOffered) {
    const s = rates?.signal;
    const lift = (tier: SignalTier): number => {
      const sig: number | null = s?.[tier] ?? s?.any ?? null;
      if (sig !== null && s?.none != null) return logit(clampP(sig, floor)) - logit(clampP(s.none, floor));
      return Math.log(im.signalOddsRatioFallback.value[tier]);
    };
    const share = im.signalLiftShare.value;
    signalledLogit = { gold: l0 + share * lift("gold"), silver: l0 + share * lift("silver") };
  }
  const s = sponsorship.p;
  return {
    estimate: s * logistic(l0),
    low: s * logistic(lLow),
    high: s * Math.max(logistic(lHigh), logistic(l0)),
    logit: l0,
    baseLogit,
    signalled: signalledLogit
      ? { gold: s * logistic(signalledLogit.gold), silver: s * logistic(signalledLogit.silver) }
      : null,
    signalledLogit,
    excluded: null,
    basis,
    sponsorship,
  };
}
