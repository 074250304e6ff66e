import { logistic, normalQuantile } from "../math/normal.ts";
import type { MatchCurve } from "./match-given-interviews.ts";

/**
 * P(match) for a list of programs, and how it grows as programs are added.
 *
 * Spec. Problem: programs' interview outcomes are correlated through the applicant's true
 * strength, so P(match | list) is not a product of independent chances. Model: a shared
 * strength term u ~ N(0, sd²) shifts every program's log-odds; given u, interviews are
 * independent Bernoulli(logistic(logit p_i + u)) and their count K is Poisson-binomial;
 * P(match | u) = Σ_k P(K = k | u) · P(match | k). Steps: take D stratified draws
 * u_j = sd · Φ⁻¹((j + ½)/D); for each draw keep the Poisson-binomial distribution of K (capped
 * at Kmax) and add programs one at a time (one O(Kmax) update each), reading P(match | u_j)
 * after every addition. The estimate is the mean over draws; the range is the chosen quantiles
 * over draws. Complexity O(D · n · Kmax) for the whole curve of n programs.
 * Reference: Poisson-binomial recursion (Chen & Liu, Statistica Sinica 1997).
 */
export interface MatchKernelOptions {
  strengthSd: number;
  draws: number;
  maxInterviews: number;
  rangeQuantiles: { low: number; high: number };
}

export interface MatchEstimate {
  estimate: number;
  low: number;
  high: number;
}

export interface MatchCurveResult {
  /** P(match) after the first n programs, n = 1..length. */
  byCount: MatchEstimate[];
  /** P(≥ 1 interview) after the first n programs (mean over draws). */
  atLeastOneInterview: number[];
  /** P(match | u_j) for the full list, per draw: lets callers combine lists under the same u. */
  perDraw: Float64Array;
}

export function strengthDraws(sd: number, draws: number): Float64Array {
  const u = new Float64Array(draws);
  for (let j = 0; j < draws; j++) u[j] = sd * normalQuantile((j + 0.5) / draws);
  return u;
}

function summarise(values: Float64Array, q: { low: number; high: number }): MatchEstimate {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? 0;
  let sum = 0;
  for (const v of values) sum += v;
  return { estimate: sum / values.length, low: at(q.low), high: at(q.high) };
}

/** P(match) curve for programs taken in the given order, with log-odds `logits` (−Infinity = no chance). */
export function matchCurveForList(
  logits: ArrayLike<number>,
  curve: MatchCurve,
  opts: MatchKernelOptions,
): MatchCurveResult {
  const D = opts.draws;
  const K = opts.maxInterviews;
  const u = strengthDraws(opts.strengthSd, D);
  const dist = new Float64Array(D * (K + 1));
  for (let j = 0; j < D; j++) dist[j * (K + 1)] = 1;
  const m = curve.byInterviews;
  const mLast = m[m.length - 1] ?? 0;
  const perDraw = new Float64Array(D);
  const byCount: MatchEstimate[] = [];
  const atLeastOne: number[] = [];
  for (let i = 0; i < logits.length; i++) {
    const li = logits[i] as number;
    let noneSum = 0;
    for (let j = 0; j < D; j++) {
      const p = li === Number.NEGATIVE_INFINITY ? 0 : logistic(li + (u[j] as number));
      const base = j * (K + 1);
      // Pool the top bin, then shift mass up by one interview with probability p.
      const top = dist[base + K] as number;
      for (let k = K; k >= 1; k--)
        dist[base + k] = (dist[base + k] as number) * (1 - p) + (dist[base + k - 1] as number) * p;
      dist[base + K] = (dist[base + K] as number) + top * p;
      dist[base] = (dist[base] as number) * (1 - p);
      let pm = 0;
      for (let k = 1; k <= K; k++)
        pm += (dist[base + k] as number) * ((k < m.length ? m[k] : mLast) as number);
      perDraw[j] = pm;
      noneSum += dist[base] as number;
    }
    byCount.push(summarise(perDraw, opts.rangeQuantiles));
    atLeastOne.push(1 - noneSum / D);
  }
  return { byCount, atLeastOneInterview: atLeastOne, perDraw };
}

/** P(match in at least one of several lists) under the same strength draws. */
export function combinePerDraw(lists: Float64Array[], q: { low: number; high: number }): MatchEstimate {
  const D = lists[0]?.length ?? 0;
  const out = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    let none = 1;
    for (const l of lists) none *= 1 - (l[j] as number);
    out[j] = 1 - none;
  }
  return summarise(out, q);
}
