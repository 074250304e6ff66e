import type { Issue } from "../core/issues.ts";
import { logit } from "../core/math/normal.ts";
import type { Profile } from "../core/profile/profile-schema.ts";
import { feeScheduleFor, specialtyFee } from "../core/programs/application-fees.ts";
import { curveFor, kernelOptions } from "../core/programs/kernel-options.ts";
import type { MatchCurve } from "../core/programs/match-given-interviews.ts";
import { matchCurveForList } from "../core/programs/match-probability.ts";
import { type ProgramPlan, planProgramList } from "../core/programs/plan-program-list.ts";
import type { ProgramData } from "../core/programs/program-data.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";

/**
 * What a user with this profile gets from the planner when they can afford `applications`
 * programs in the specialty, and what it implies.
 *
 * Spec. The planner is called as the product calls it (planProgramList, signals spent as it
 * chooses), with a budget that buys `applications` programs of the specialty on top of whatever
 * it reserves first (the supplemental PGY-1 list of an advanced specialty, the parallel list of an
 * alternative pathway, in its own proportions). It stops earlier where one more program adds less
 * than its threshold, as for a user. Steps: plan at the fee of the count; while the list is short
 * and the budget, not the threshold, stopped it, add the missing fee (grossed up by the list's
 * share of the budget) and the reserved fees, and plan again (at most `MAX_PLANS` times). The
 * expected number of interviews is read from the same kernel, over the same strength draws, by
 * giving it the curve P(match | k) = k: the kernel then returns E[min(K, Kmax)].
 */
export interface ListMeasurement {
  plan: ProgramPlan;
  /** The P(match) shown, with its range. */
  pMatch: { estimate: number; low: number; high: number };
  pAtLeastOneInterview: number;
  /**
   * P(match | ≥ 1 interview) = P(match) ÷ P(≥ 1 interview): a match needs an interview. For an
   * advanced specialty, P(match) of the advanced position alone (`pgy1.advancedOnly`): the published
   * rate counts a match to the specialty, whatever became of the PGY-1 year.
   */
  conditional: number;
  /** E[interviews | ≥ 1 interview] on the planned list. */
  interviews: number;
  /** The contiguous ranks those interviews stand for: × the type's ranks per interview (model data). */
  ranks: number;
  programs: number;
  budgetUsd: number;
}

/** Plans tried before the list is taken as it is (the budget search converges in two). */
const MAX_PLANS = 4;

export function planAtApplications(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialty: string,
  asOf: string,
  matchYear: number,
  applications: number,
): { ok: true; value: ListMeasurement } | { ok: false; issues: Issue[] } {
  const schedule = feeScheduleFor(rb, specialty, matchYear);
  const want = specialtyFee(schedule, applications);
  let budget = want;
  let plan: ProgramPlan | null = null;
  let lastReach = -1;
  for (let i = 0; i < MAX_PLANS; i++) {
    const r = planProgramList(rb, data, { profile, specialty, asOf, budgetUsd: budget });
    if (!r.ok) return r;
    plan = r.value;
    const have = plan.programs.length;
    const reach = plan.marginal.length;
    // Long enough, stopped by the threshold (the curve runs past the list), or no more programs.
    if (have >= applications || reach > have || reach === lastReach) break;
    lastReach = reach;
    const share = mainShare(plan);
    const reserved = plan.fees
      .filter((f) => f.specialty !== plan?.specialty && f.specialty !== plan?.parallel?.specialty)
      .reduce((s, f) => s + f.usd, 0);
    const next = reserved + want / share;
    budget = next > budget ? next : budget + (want - specialtyFee(schedule, have)) / share;
  }
  const p = plan as ProgramPlan;
  const pMatch = p.pMatch ?? { estimate: 0, low: 0, high: 0 };
  const interviews = expectedInterviews(data, p);
  const one = p.pAtLeastOneInterview;
  return {
    ok: true,
    value: {
      plan: p,
      pMatch,
      pAtLeastOneInterview: one,
      conditional: one > 0 ? (p.pgy1?.advancedOnly ?? pMatch).estimate / one : 0,
      interviews: one > 0 ? interviews.expected / one : 0,
      ranks:
        (one > 0 ? interviews.expected / one : 0) *
        (curveFor(rb, data.model, specialty, profile.applicantType)?.ranksPerInterview ?? 1),
      programs: p.programs.length,
      budgetUsd: budget,
    },
  };
}

/** The main list's share of the budget left after the supplemental list (1 without a parallel list). */
function mainShare(plan: ProgramPlan): number {
  if (!plan.parallel) return 1;
  for (const b of plan.because) {
    const v = b.value as { mainShare?: unknown } | null;
    if (v && typeof v === "object" && typeof v.mainShare === "number" && v.mainShare > 0) return v.mainShare;
  }
  return 1;
}

/**
 * The planned list as the match kernel takes it: each program's log-odds of an interview if it
 * sponsors the visa needed, and its chance of sponsoring it apart. The shown chance is
 * sponsorship × logistic(log-odds); folding the two into one log-odds would let a strong draw of
 * the applicant's strength lift an interview past the program's chance of sponsoring at all.
 */
export function kernelInputs(plan: ProgramPlan): { logits: number[]; scales: number[] } {
  const scales = plan.programs.map((x) => x.sponsorship.p);
  const logits = plan.programs.map((x, i) => {
    const s = scales[i] as number;
    return s > 0 ? logit(Math.min(1, x.pInterview.estimate / s)) : Number.NEGATIVE_INFINITY;
  });
  return { logits, scales };
}

/**
 * E[min(K, Kmax)] and P(K ≥ 1) for the planned list, from the planner's own interview odds (the
 * shown odds are the kernel's: logistic of each program's log-odds, signalled where signalled).
 */
export function expectedInterviews(
  data: ProgramData,
  plan: ProgramPlan,
): { expected: number; atLeastOne: number } {
  const opts = kernelOptions(data.model);
  const counting: MatchCurve = {
    specialty: plan.specialty,
    matchRate: 1,
    byInterviews: Float64Array.from({ length: opts.maxInterviews + 1 }, (_, k) => k),
  };
  const { logits, scales } = kernelInputs(plan);
  if (logits.length === 0) return { expected: 0, atLeastOne: 0 };
  const r = matchCurveForList(logits, counting, opts, true, scales);
  return { expected: r.final.estimate, atLeastOne: r.atLeastOneInterview[logits.length - 1] ?? 0 };
}
