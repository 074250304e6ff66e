import { normalQuantile } from "../math/normal.ts";
import type { MatchCurve } from "./match-given-interviews.ts";
import { wasmInterviewDistribution, wasmKernelSums } from "./match-kernel.ts";

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
 * over draws. A program may carry a scale s_i (P(it sponsors the visa needed)): its interview
 * chance is then s_i · logistic(logit p_i + u), since a program that does not sponsor interviews
 * nobody who needs the visa, however strong. Complexity O(D · n · Kmax) for the whole curve of n programs.
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
  /** P(match) after the first n programs (mean over draws), n = 1..length; only the last without prefixes. */
  meanByCount: number[];
  /** P(match) for the whole list, with its range over draws. */
  final: MatchEstimate;
  /** P(≥ 1 interview) after the first n programs (mean over draws). */
  atLeastOneInterview: number[];
  /** P(match | u_j) for the full list, per draw: lets callers combine lists under the same u. */
  perDraw: Float64Array;
  /** P(match | u_j) after each prefix: row i (length D) is the list cut after program i. */
  prefixPerDraw: Float64Array | null;
}

export function strengthDraws(sd: number, draws: number): Float64Array {
  const u = new Float64Array(draws);
  for (let j = 0; j < draws; j++) u[j] = sd * normalQuantile((j + 0.5) / draws);
  return u;
}

/** e^-u for each stratified draw, kept per (sd, draws): the model fixes both, so this is computed once. */
const expNegDrawsCache = new Map<string, Float64Array>();
function expNegDraws(sd: number, draws: number): Float64Array {
  const key = `${sd}/${draws}`;
  let v = expNegDrawsCache.get(key);
  if (!v) {
    v = Float64Array.from(strengthDraws(sd, draws), (x) => Math.exp(-x));
    expNegDrawsCache.set(key, v);
  }
  return v;
}

/** The mean of per-draw values with their chosen quantiles: how every P(match) is reported. */
export function summariseDraws(values: Float64Array, q: { low: number; high: number }): MatchEstimate {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? 0;
  let sum = 0;
  for (const v of values) sum += v;
  return { estimate: sum / values.length, low: at(q.low), high: at(q.high) };
}

/**
 * P(match) curve for programs taken in the given order, with log-odds `logits` (−Infinity = no
 * chance) and optional `scales` multiplying each program's chance (1 when absent). With
 * `finalOnly`, P(match) is read once at the end (what-if sweeps); otherwise after every program,
 * keeping each prefix's per-draw values so a caller can cut the list anywhere.
 */
export function matchCurveForList(
  logits: ArrayLike<number>,
  curve: MatchCurve,
  opts: MatchKernelOptions,
  finalOnly = false,
  scales?: ArrayLike<number>,
): MatchCurveResult {
  const D = opts.draws;
  const n = logits.length;
  const { perDraw, noneSum, pmSum, prefixPerDraw } = kernelSums(
    kernelInput(logits, curve, opts, !finalOnly, scales),
  );
  const meanByCount: number[] = [];
  const atLeastOne: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pmSum) meanByCount.push((pmSum[i] as number) / D);
    atLeastOne.push(1 - (noneSum[i] as number) / D);
  }
  if (finalOnly && n > 0) {
    let sum = 0;
    for (let j = 0; j < D; j++) sum += perDraw[j] as number;
    meanByCount.push(sum / D);
  }
  return {
    meanByCount,
    final: summariseDraws(perDraw, opts.rangeQuantiles),
    atLeastOneInterview: atLeastOne,
    perDraw,
    prefixPerDraw,
  };
}

/**
 * P(match) of the whole list alone: `matchCurveForList(…, true, scales).final.estimate`, the same
 * bits (the same kernel and the same sum over draws, in the same order), without the per-program
 * chances of an interview or the quantiles. For callers that read only the estimate, many times a
 * plan ("what moves your number", the market's sums of P(match)).
 */
export function pMatchForList(
  logits: ArrayLike<number>,
  curve: MatchCurve,
  opts: MatchKernelOptions,
  scales?: ArrayLike<number>,
): number {
  const { perDraw } = kernelSums(kernelInput(logits, curve, opts, false, scales));
  let sum = 0;
  for (const v of perDraw) sum += v;
  return sum / perDraw.length;
}

/** P(match | k) for k = 0..K as the kernel reads it, kept per curve: the last entry serves every k past the curve's end. */
const curveTerms = new WeakMap<Float64Array, Map<number, Float64Array>>();
function curveTermsOf(curve: MatchCurve, K: number): Float64Array {
  const src = curve.byInterviews;
  let byK = curveTerms.get(src);
  if (!byK) {
    byK = new Map();
    curveTerms.set(src, byK);
  }
  let m = byK.get(K);
  if (!m) {
    m = new Float64Array(K + 1);
    for (let k = 0; k <= K; k++) m[k] = (k < src.length ? src[k] : src[src.length - 1]) ?? 0;
    byK.set(K, m);
  }
  return m;
}

function kernelInput(
  logits: ArrayLike<number>,
  curve: MatchCurve,
  opts: MatchKernelOptions,
  prefix: boolean,
  scales: ArrayLike<number> | undefined,
): KernelInput {
  return {
    ...programTerms(logits, scales),
    m: curveTermsOf(curve, opts.maxInterviews),
    expNegU: expNegDraws(opts.strengthSd, opts.draws),
    maxInterviews: opts.maxInterviews,
    prefix,
  };
}

/** What the kernel's inner loops read: the programs' terms, the curve by interviews, the draws. */
export interface KernelInput {
  /** e^-l per program, +Infinity for no chance (`programTerms`). */
  expNegL: Float64Array;
  scale: Float64Array;
  /** P(match | k interviews), k = 0..K. */
  m: Float64Array;
  /** e^-u per stratified draw. */
  expNegU: Float64Array;
  maxInterviews: number;
  /** Read P(match) after every program (a curve), not only after the last. */
  prefix: boolean;
}

/** The kernel's sums over draws, per program: what `matchCurveForList` summarises. */
export interface KernelSums {
  /** P(match | u_j) for the whole list. */
  perDraw: Float64Array;
  /** Σ_j P(K = 0 | u_j) after each program. */
  noneSum: Float64Array;
  /** Σ_j P(match | u_j) after each program; null without `prefix`. */
  pmSum: Float64Array | null;
  /** P(match | u_j) after each program, row i of length D; null without `prefix`. */
  prefixPerDraw: Float64Array | null;
}

/**
 * The kernel's sums, by the WebAssembly kernel (match-kernel.wat, two draws per instruction)
 * where it runs, else by the JavaScript one. The two make the same floating-point operations in
 * the same order, so they give the same bits (match-kernel.test.ts checks it on generated lists);
 * the WebAssembly one takes a fraction of the time.
 */
export function kernelSums(x: KernelInput): KernelSums {
  return wasmKernelSums(x) ?? jsKernelSums(x);
}

/** The reference kernel in JavaScript: draw by draw, one draw's distribution of K carried through every program in order. */
export function jsKernelSums(x: KernelInput): KernelSums {
  const { expNegL, scale, m, expNegU, prefix } = x;
  const D = expNegU.length;
  const K = x.maxInterviews;
  const n = expNegL.length;
  const perDraw = new Float64Array(D);
  // Per program, summed over the draws in draw order (so each mean is the same sum however the loops nest).
  const noneSum = new Float64Array(n);
  const pmSum = prefix ? new Float64Array(n) : null;
  const prefixPerDraw = prefix ? new Float64Array(n * D) : null;
  const row = new Float64Array(K + 1);
  for (let j = 0; j < D; j++) {
    row.fill(0);
    row[0] = 1;
    const eu = expNegU[j] as number;
    for (let i = 0; i < n; i++) {
      const top = addProgram(row, K, i, expNegL[i] as number, scale[i] as number, eu);
      noneSum[i] = (noneSum[i] as number) + (row[0] as number);
      if (pmSum || i === n - 1) {
        let pm = 0;
        for (let k = 1; k <= top; k++) pm += (row[k] as number) * (m[k] as number);
        if (i === n - 1) perDraw[j] = pm;
        if (pmSum && prefixPerDraw) {
          pmSum[i] = (pmSum[i] as number) + pm;
          prefixPerDraw[i * D + j] = pm;
        }
      }
    }
  }
  return { perDraw, noneSum, pmSum, prefixPerDraw };
}

/**
 * Each program's e^-l (Infinity for no chance: l = −Infinity or a scale of 0) and scale:
 * p = s / (1 + e^-l · e^-u), one exp per program and per draw rather than per pair.
 */
function programTerms(
  logits: ArrayLike<number>,
  scales: ArrayLike<number> | undefined,
): { expNegL: Float64Array; scale: Float64Array } {
  const n = logits.length;
  const expNegL = new Float64Array(n);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const li = logits[i] as number;
    const si = scales ? (scales[i] as number) : 1;
    scale[i] = si;
    expNegL[i] = li === Number.NEGATIVE_INFINITY || si === 0 ? Number.POSITIVE_INFINITY : Math.exp(-li);
  }
  return { expNegL, scale };
}

/**
 * Adds the i-th program (0-based) to one draw's distribution of the interview count `row`
 * (length K + 1, the last bin pooling K or more): mass moves up one interview with probability p.
 * Returns the highest bin that can hold mass now, min(i + 1, K). Each bin's new value is
 * `old · q + below · p`, the one below read before it is overwritten.
 */
function addProgram(
  row: Float64Array,
  K: number,
  i: number,
  expNegL: number,
  s: number,
  expNegU: number,
): number {
  const top = i + 1 < K ? i + 1 : K;
  const p = expNegL === Number.POSITIVE_INFINITY ? 0 : s / (1 + expNegL * expNegU);
  const q = 1 - p;
  let k = top;
  let above = row[k] as number;
  if (top === K) {
    const below = row[K - 1] as number;
    row[K] = above + below * p;
    above = below;
    k = K - 1;
  }
  for (; k >= 1; k--) {
    const below = row[k - 1] as number;
    row[k] = above * q + below * p;
    above = below;
  }
  row[0] = above * q;
  return top;
}

/**
 * The distribution of the interview count K (capped at Kmax) for the whole list, per strength draw:
 * row j (length Kmax + 1) is P(K = k | u_j). Reading several curves off one list costs one pass.
 */
export function interviewDistribution(
  logits: ArrayLike<number>,
  opts: MatchKernelOptions,
  /** Each program's P(sponsors the visa needed), as in `matchCurveForList`; absent = 1. */
  scales?: ArrayLike<number>,
): Float64Array {
  const K = opts.maxInterviews;
  const x: KernelInput = {
    ...programTerms(logits, scales),
    m: new Float64Array(K + 1),
    expNegU: expNegDraws(opts.strengthSd, opts.draws),
    maxInterviews: K,
    prefix: false,
  };
  // The WebAssembly kernel adds a program with no chance as p = 0, which leaves every bin as it
  // was, to the bit: the same distribution as skipping it.
  return wasmInterviewDistribution(x) ?? jsInterviewDistribution(x);
}

/** The reference for `interviewDistribution`, in JavaScript: each draw's distribution, programs with no chance skipped. */
export function jsInterviewDistribution(x: KernelInput): Float64Array {
  const { expNegL, scale, expNegU } = x;
  const D = expNegU.length;
  const K = x.maxInterviews;
  const dist = new Float64Array(D * (K + 1));
  for (let j = 0; j < D; j++) {
    const row = dist.subarray(j * (K + 1), (j + 1) * (K + 1));
    row[0] = 1;
    const eu = expNegU[j] as number;
    // A program with no chance leaves the distribution as it is.
    for (let i = 0; i < expNegL.length; i++)
      if (expNegL[i] !== Number.POSITIVE_INFINITY)
        addProgram(row, K, i, expNegL[i] as number, scale[i] as number, eu);
  }
  return dist;
}

/** Mean P(match) over the draws of a distribution from `interviewDistribution`, for one curve. */
export function meanOver(dist: Float64Array, curve: MatchCurve, opts: MatchKernelOptions): number {
  const D = opts.draws;
  const K = opts.maxInterviews;
  const src = curve.byInterviews;
  let sum = 0;
  for (let j = 0; j < D; j++) {
    const base = j * (K + 1);
    for (let k = 1; k <= K; k++)
      sum += (dist[base + k] as number) * ((k < src.length ? src[k] : src[src.length - 1]) ?? 0);
  }
  return sum / D;
}

/** P(match) with its range for the first `count` programs, from a curve computed with prefixes. */
export function estimateAt(
  result: MatchCurveResult,
  count: number,
  q: { low: number; high: number },
): MatchEstimate | null {
  const row = perDrawAt(result, count, result.perDraw.length);
  return row ? summariseDraws(row, q) : null;
}

/** The per-draw P(match) of the first `count` programs, from a curve computed with prefixes. */
export function perDrawAt(result: MatchCurveResult, count: number, draws: number): Float64Array | null {
  if (!result.prefixPerDraw || count < 1) return null;
  return result.prefixPerDraw.slice((count - 1) * draws, count * draws);
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
  return summariseDraws(out, q);
}
