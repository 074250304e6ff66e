import type { MatchCurve } from "../programs/match-given-interviews.ts";
import {
  type MatchEstimate,
  type MatchKernelOptions,
  matchCurveForList,
  perDrawAt,
  strengthDraws,
} from "../programs/match-probability.ts";

/**
 * Odds that learn: the planner's shared strength term, updated by what the season has shown.
 *
 * Spec. Problem: after applying, invitations, rejections and silence carry information about
 * the applicant's true strength u, which moves every program's odds together (the planner's
 * P(match) kernel, match-probability.ts). Model: u ~ N(0, sd²) as in the planner; a program
 * with plan-time log-odds l, applied to when a share F₀ of the season's invitations was already
 * out, invites with π(u) = logistic(l + u + ln(1 − F₀)) (a late application's odds scale by the
 * share still to be sent). By today a fraction s = (F − F₀)/(1 − F₀) of its decisions has been
 * sent; a program that will not invite sends a rejection with probability ρ·s. Likelihoods:
 * invited π; rejected 1 − π; silent π(1 − s) + (1 − π)(1 − ρs). A withdrawal before any
 * invitation says nothing. Given u and silence, a later invitation has log-odds
 * l + u + ln(1 − F₀) + ln(1 − s) − ln(1 − ρs) — still logistic in u, so P(match | u) is the
 * planner's sum Σ_k P(K = k | u) · P(match | k) with confirmed interviews certain; programs that
 * could still be added go through the planner's kernel itself (log-odds +∞ for a confirmed one). Steps: D stratified
 * draws u_j of the prior; weight w_j ∝ Π likelihoods (in logs); P(match) = Σ w_j P(match | u_j);
 * the range is the weighted quantiles of P(match | u_j); the interview count's distribution per
 * draw (Poisson-binomial) gives expected interviews and P(at least k). Complexity O(D·n·K).
 * Not modelled: programs that differ in timing (one curve for all), a rejection after an
 * invitation, and the information in an interview's outcome (ranks are not observed).
 */
export type ObservedState = "invited" | "rejected" | "silent" | "withdrawn" | "invited-withdrawn";

export interface Observation {
  id: string;
  /** Plan-time log-odds of an invitation (with the signal spent there); −∞ = no chance. */
  logit: number;
  state: ObservedState;
  /** Share of the season's invitations already sent when the applicant applied (F₀). */
  shareAtApplication: number;
}

export interface UpdateSettings {
  kernel: MatchKernelOptions;
  curve: MatchCurve;
  /** Draws of the strength term for the update (a finer grid over the same prior). */
  draws: number;
  /** Share of the season's invitations sent by today (F). */
  shareSent: number;
  /** ρ: share of programs that do not invite which send a rejection. */
  rejectionShare: number;
  atLeast: readonly number[];
  /** Log-odds of programs that could still be added today, best first (for "apply to more?"). */
  additions?: readonly number[];
}

export interface Range {
  estimate: number;
  low: number;
  high: number;
}

export interface UpdatedOdds {
  pMatch: MatchEstimate;
  planPMatch: MatchEstimate;
  /**
   * P(match) before anything was heard had every program been applied to on time (F₀ = 0): the
   * plan's own figure for the list on this kernel, which `planPMatch` lowers for late applications.
   */
  onTimePMatch: number;
  expectedInterviews: Range;
  planExpectedInterviews: number;
  atLeast: Array<{ k: number; p: number; plan: number }>;
  confirmedInterviews: number;
  /** Posterior of the strength term (log-odds), against its prior N(0, sd²). */
  strength: { mean: number; sd: number; priorSd: number };
  /** Each silent program's chance of a later invitation, now and at plan time. */
  pending: Array<{ id: string; now: number; plan: number }>;
  counts: Record<ObservedState, number>;
  /** P(match) now after adding the first n of `additions`, n = 1..length. */
  withAdditions: number[];
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const log1m = (x: number) => Math.log(Math.max(1e-12, 1 - x));

export function updateOdds(obs: readonly Observation[], s: UpdateSettings): UpdatedOdds {
  const D = s.draws;
  const sd = s.kernel.strengthSd;
  const u = strengthDraws(sd, D);
  // logistic(l + u) = 1 / (1 + e^-l · e^-u): one exp per program, not per (program, draw).
  const expNegU = Float64Array.from(u, (x) => Math.exp(-x));
  const kernel = { ...s.kernel, draws: D };
  const rho = s.rejectionShare;
  const counts: Record<ObservedState, number> = {
    invited: 0,
    rejected: 0,
    silent: 0,
    withdrawn: 0,
    "invited-withdrawn": 0,
  };
  // ── posterior weights over the draws ──
  const logW = new Float64Array(D);
  const silentLogits: number[] = [];
  const silentIds: string[] = [];
  const planLogits: number[] = [];
  const onTimeLogits: number[] = [];
  let confirmed = 0;
  for (const o of obs) {
    counts[o.state]++;
    const base = o.logit + log1m(o.shareAtApplication);
    // The plan is the list as applied, before anything was heard: withdrawn programs included.
    planLogits.push(base);
    onTimeLogits.push(o.logit);
    if (o.state === "withdrawn") continue;
    const frac =
      o.shareAtApplication >= 1
        ? 1
        : Math.min(1, Math.max(0, (s.shareSent - o.shareAtApplication) / (1 - o.shareAtApplication)));
    if (o.state === "invited") confirmed++;
    if (o.state === "silent") {
      silentLogits.push(base + log1m(frac) - log1m(rho * frac));
      silentIds.push(o.id);
    }
    if (base === Number.NEGATIVE_INFINITY) continue;
    const expNegL = Math.exp(-base);
    for (let j = 0; j < D; j++) {
      const p = 1 / (1 + expNegL * (expNegU[j] as number));
      const lik =
        o.state === "rejected"
          ? 1 - p
          : o.state === "silent"
            ? p * (1 - frac) + (1 - p) * (1 - rho * frac)
            : p;
      logW[j] = (logW[j] as number) + Math.log(Math.max(Number.MIN_VALUE, lik));
    }
  }
  let maxLog = Number.NEGATIVE_INFINITY;
  for (const v of logW) maxLog = Math.max(maxLog, v);
  const w = new Float64Array(D);
  let total = 0;
  for (let j = 0; j < D; j++) {
    w[j] = Math.exp((logW[j] as number) - maxLog);
    total += w[j] as number;
  }
  for (let j = 0; j < D; j++) w[j] = (w[j] as number) / total;
  const prior = new Float64Array(D).fill(1 / D);

  // ── P(match | u_j) from the planner's kernel: confirmed interviews certain, silent ones pending ──
  const nowLogits = [
    ...Array.from({ length: Math.min(confirmed, s.kernel.maxInterviews) }, () => Number.POSITIVE_INFINITY),
    ...silentLogits,
  ];
  // With additions, the planner's kernel gives P(match) after each added program (its prefixes).
  const additions = s.additions ?? [];
  const addCurve =
    additions.length > 0 ? matchCurveForList([...nowLogits, ...additions], s.curve, kernel) : null;
  const withAdditions = additions.map((_, i) => {
    const row = addCurve ? perDrawAt(addCurve, nowLogits.length + i + 1, D) : null;
    let v = 0;
    if (row) for (let j = 0; j < D; j++) v += (w[j] as number) * (row[j] as number);
    return v;
  });
  const q = s.kernel.rangeQuantiles;

  // ── the interview count per draw ──
  const K = s.kernel.maxInterviews;
  const nowDist = countDistribution(silentLogits, expNegU, K, Math.min(confirmed, K));
  const planDist = countDistribution(planLogits, expNegU, K, 0);
  const late = obs.some((o) => o.shareAtApplication > 0);
  const onTimeDist = late ? countDistribution(onTimeLogits, expNegU, K, 0) : planDist;
  // P(match | u_j) = Σ_k P(K = k | u_j) · P(match | k): the kernel's sum over the same
  // Poisson-binomial counts, read here from the count distribution already needed for P(≥ k).
  const m = matchByCount(s.curve, K);
  const perDrawNow = new Float64Array(D);
  const perDrawPlan = new Float64Array(D);
  const expected = new Float64Array(D);
  let planExpected = 0;
  let onTime = 0;
  for (let j = 0; j < D; j++) {
    expected[j] = meanOf(nowDist, j, K);
    perDrawNow[j] = dotOf(nowDist, j, K, m);
    perDrawPlan[j] = dotOf(planDist, j, K, m);
    onTime += (prior[j] as number) * dotOf(onTimeDist, j, K, m);
    planExpected += (prior[j] as number) * meanOf(planDist, j, K);
  }
  const atLeast = s.atLeast.map((k) => ({
    k,
    p: weightedTail(nowDist, w, k, K),
    plan: weightedTail(planDist, prior, k, K),
  }));

  let mean = 0;
  for (let j = 0; j < D; j++) mean += (w[j] as number) * (u[j] as number);
  let varU = 0;
  for (let j = 0; j < D; j++) varU += (w[j] as number) * ((u[j] as number) - mean) ** 2;

  const pending = silentIds.map((id, i) => {
    const l = silentLogits[i] as number;
    let now = 0;
    let plan = 0;
    for (let j = 0; j < D; j++) {
      now += (w[j] as number) * logistic(l + (u[j] as number));
      plan += (prior[j] as number) * logistic(l + (u[j] as number));
    }
    return { id, now, plan };
  });

  return {
    pMatch: weightedSummary(perDrawNow, w, q),
    planPMatch: weightedSummary(perDrawPlan, prior, q),
    onTimePMatch: onTime,
    expectedInterviews: weightedSummary(expected, w, q),
    planExpectedInterviews: planExpected,
    atLeast,
    confirmedInterviews: confirmed,
    strength: { mean, sd: Math.sqrt(varU), priorSd: sd },
    pending,
    counts,
    withAdditions,
  };
}

/** Posterior weights' P(match) and its range: the weighted mean and weighted quantiles over draws. */
export function weightedSummary(
  values: Float64Array,
  w: Float64Array,
  q: { low: number; high: number },
): MatchEstimate {
  const idx = Array.from(values.keys()).sort((a, b) => (values[a] as number) - (values[b] as number));
  let est = 0;
  for (let j = 0; j < values.length; j++) est += (w[j] as number) * (values[j] as number);
  const at = (p: number) => {
    let c = 0;
    for (const j of idx) {
      c += w[j] as number;
      if (c >= p) return values[j] as number;
    }
    return values[idx[idx.length - 1] as number] as number;
  };
  return { estimate: est, low: at(q.low), high: at(q.high) };
}

/**
 * Per draw, the distribution of the interview count: `fixed` certain interviews plus one
 * Bernoulli(logistic(l + u_j)) per log-odds (from e^-u_j) (Poisson-binomial recursion); the last bin pools K or more.
 */
function countDistribution(
  logits: readonly number[],
  expNegU: Float64Array,
  K: number,
  fixed: number,
): Float64Array {
  const D = expNegU.length;
  const dist = new Float64Array(D * (K + 1));
  for (let j = 0; j < D; j++) dist[j * (K + 1) + fixed] = 1;
  let top = fixed;
  for (const l of logits) {
    top = Math.min(K, top + 1);
    if (l === Number.NEGATIVE_INFINITY) continue;
    const expNegL = Math.exp(-l);
    for (let j = 0; j < D; j++) {
      const p = 1 / (1 + expNegL * (expNegU[j] as number));
      const b = j * (K + 1);
      if (top === K) dist[b + K] = (dist[b + K] as number) + (dist[b + K - 1] as number) * p;
      for (let k = top === K ? K - 1 : top; k >= 1; k--)
        dist[b + k] = (dist[b + k] as number) * (1 - p) + (dist[b + k - 1] as number) * p;
      dist[b] = (dist[b] as number) * (1 - p);
    }
  }
  return dist;
}

/** P(match | k) for k = 0..K, the last entry serving K or more (as in the planner's kernel). */
function matchByCount(curve: MatchCurve, K: number): Float64Array {
  const src = curve.byInterviews;
  const m = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) m[k] = (k < src.length ? src[k] : src[src.length - 1]) ?? 0;
  return m;
}

function dotOf(dist: Float64Array, j: number, K: number, m: Float64Array): number {
  let v = 0;
  for (let k = 1; k <= K; k++) v += (dist[j * (K + 1) + k] as number) * (m[k] as number);
  return v;
}

function meanOf(dist: Float64Array, j: number, K: number): number {
  let m = 0;
  for (let k = 1; k <= K; k++) m += k * (dist[j * (K + 1) + k] as number);
  return m;
}

function weightedTail(dist: Float64Array, w: Float64Array, k: number, K: number): number {
  let p = 0;
  const from = Math.min(k, K);
  for (let j = 0; j < w.length; j++) {
    let t = 0;
    for (let x = from; x <= K; x++) t += dist[j * (K + 1) + x] as number;
    p += (w[j] as number) * t;
  }
  // A probability: rounding in the sums must not carry it past 1.
  return Math.min(1, p);
}
