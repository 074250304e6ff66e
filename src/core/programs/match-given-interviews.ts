import { normalCdf } from "../math/normal.ts";
import type { ChartingOutcomes } from "../rulebook/schemas.ts";

/**
 * P(match | k interviews) for one specialty.
 *
 * Spec. Problem: turn Charting Outcomes' contiguous-ranks distributions of matched (M) and
 * unmatched (U) applicants and the specialty's match rate π into the chance of matching with k
 * ranks. Steps: fit each group a log-normal by moments (σ² = ln(1 + sd²/mean²), μ = ln mean − σ²/2),
 * discretise to whole ranks k ≥ 1, apply Bayes P(M | k) = π f_M(k) / (π f_M(k) + (1 − π) f_U(k)),
 * set P(M | 0) = 0 and make the curve non-decreasing (a running maximum: more interviews never
 * hurt). Complexity O(K). Ranks = interviews × ranksPerInterview (an assumption in data).
 */
export interface MatchCurve {
  specialty: string;
  matchRate: number;
  /** P(match | k) for k = 0..K; the last entry also serves all k > K. */
  byInterviews: Float64Array;
}

function lognormalFromMoments(mean: number, sd: number) {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

function discreteMass(k: number, mu: number, sigma: number): number {
  const cdf = (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
  return Math.max(Number.MIN_VALUE, cdf(k + 0.5) - cdf(k - 0.5));
}

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
  const fm = lognormalFromMoments(m.mean, Math.max(m.sd, 0.5));
  const fu = lognormalFromMoments(u.mean, Math.max(u.sd, 0.5));
  const pi = s.matchRate;
  const curve = new Float64Array(maxK + 1);
  let best = 0;
  for (let k = 1; k <= maxK; k++) {
    const ranks = Math.max(1, Math.round(k * ranksPerInterview));
    const a = pi * discreteMass(ranks, fm.mu, fm.sigma);
    const b = (1 - pi) * discreteMass(ranks, fu.mu, fu.sigma);
    best = Math.max(best, a / (a + b));
    curve[k] = best;
  }
  return { specialty: specialtyId, matchRate: pi, byInterviews: curve };
}
