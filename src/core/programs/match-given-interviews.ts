import { normalCdf } from "../math/normal.ts";
import type { ChartingOutcomes } from "../rulebook/schemas.ts";

/**
 * P(match | k interviews) for one specialty.
 *
 * Spec. Problem: turn the contiguous-ranks distributions of matched (M) and unmatched (U)
 * applicants and the match rate π into the chance of matching with k interviews. Steps: fit each
 * group a log-normal by moments (σ² = ln(1 + sd²/mean²), μ = ln mean − σ²/2); k interviews stand
 * for r = k·ρ contiguous ranks (ρ = ranks per interview, data), so take each group's mass on
 * [r − ρ/2, r + ρ/2] (whole ranks when ρ = 1); apply Bayes P(M | k) = π f_M / (π f_M + (1 − π) f_U),
 * set P(M | 0) = 0 and make the curve non-decreasing (a running maximum: more interviews never
 * hurt). Complexity O(K).
 */
export interface MatchCurve {
  specialty: string;
  matchRate: number;
  /** P(match | k) for k = 0..K; the last entry also serves all k > K. */
  byInterviews: Float64Array;
}

export interface CurveInputs {
  /** The prior: P(match | ranked the specialty). */
  matchRate: number;
  matched: { mean: number; sd: number };
  notMatched: { mean: number; sd: number };
}

function lognormalFromMoments(mean: number, sd: number) {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

function mass(lo: number, hi: number, mu: number, sigma: number): number {
  const cdf = (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
  return Math.max(Number.MIN_VALUE, cdf(hi) - cdf(lo));
}

/** The smallest spread a ranks distribution is given: a published SD of 0 would make the curve a step. */
const MIN_RANKS_SD = 0.5;

export function matchCurveFrom(
  specialtyId: string,
  inputs: CurveInputs,
  maxK: number,
  ranksPerInterview = 1,
): MatchCurve {
  const fm = lognormalFromMoments(inputs.matched.mean, Math.max(inputs.matched.sd, MIN_RANKS_SD));
  const fu = lognormalFromMoments(inputs.notMatched.mean, Math.max(inputs.notMatched.sd, MIN_RANKS_SD));
  const pi = inputs.matchRate;
  const rho = ranksPerInterview;
  const curve = new Float64Array(maxK + 1);
  let best = 0;
  for (let k = 1; k <= maxK; k++) {
    const lo = k * rho - rho / 2;
    const hi = k * rho + rho / 2;
    const a = pi * mass(lo, hi, fm.mu, fm.sigma);
    const b = (1 - pi) * mass(lo, hi, fu.mu, fu.sigma);
    best = Math.max(best, a / (a + b));
    curve[k] = best;
  }
  return { specialty: specialtyId, matchRate: pi, byInterviews: curve };
}

/** The non-US IMG curve straight from Charting Outcomes 2026 (kept for the kernel's benchmarks and tests). */
export function matchCurve(
  co: ChartingOutcomes,
  specialtyId: string,
  maxK: number,
  ranksPerInterview = 1,
): MatchCurve | null {
  const s = co.specialties[specialtyId];
  if (!s) return null;
  const m = s.contiguousRanks.matched;
  const u = s.contiguousRanks.notMatched;
  if (m.mean === null || m.sd === null || u.mean === null || u.sd === null || m.mean <= 0 || u.mean <= 0)
    return null;
  return matchCurveFrom(
    specialtyId,
    { matchRate: s.matchRate, matched: { mean: m.mean, sd: m.sd }, notMatched: { mean: u.mean, sd: u.sd } },
    maxK,
    ranksPerInterview,
  );
}
