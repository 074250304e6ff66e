import type { Program } from "../catalog/program.ts";

/**
 * Each program's interview rate shrunk toward its specialty before anything is ranked (issue 13,
 * item 2: no winner's curse).
 *
 * Spec. Problem: the planner puts the programs with the highest observed rates first, and an
 * observed rate is high partly by chance; ranked unshrunk, the top of every list holds the luckiest
 * noise, and P(match) read off those rates is optimistic. Model: a program's true rate for the
 * applicant type is drawn from the specialty's Beta(α, β); its observed rate is the share of its n
 * applicants of the type it interviewed (n = the effective applicants per program, odds-context.ts).
 * Steps: (1) the prior by the method of moments over the specialty's reported rates: mean m,
 * between-program variance τ² = observed variance − mean binomial variance r(1 − r)/n (at least
 * `minimumSpread`²), prior strength S = α + β = m(1 − m)/τ² − 1; (2) each program's posterior
 * Beta(α + r·n, β + (1 − r)·n): its mean is the rate used, and its spread on the log-odds scale
 * (trigamma(a) + trigamma(b))^½ the rate's own uncertainty, which the range of P(match) carries.
 * A program with no rate gets the specialty's median with the prior's spread. Complexity O(N) per
 * specialty and type, once (memo); O(1) per program.
 * Reference: Efron & Morris, "Stein's paradox in statistics", Sci. Am. 1977; Casella, "An
 * introduction to empirical Bayes data analysis", Am. Stat. 1985 (beta-binomial).
 */
export interface RatePrior {
  mean: number;
  /** α + β: how many applicants' outcomes the prior is worth. */
  strength: number;
  /** Effective applicants behind each observed rate. */
  applicants: number;
  /** Programs reporting a rate. */
  programs: number;
}

export interface PosteriorRate {
  /** The rate used: the posterior mean, or the specialty's median where the program reports none. */
  rate: number;
  /** The rate the program reports, or null. */
  observed: number | null;
  /** SD of the rate on the log-odds scale. */
  logitSd: number;
  /** Weight the program's own rate receives: n / (n + α + β); 0 when it reports none. */
  weight: number;
}

type RateKey = "md" | "do" | "usImg" | "nonUsImg";

const memo = new WeakMap<readonly Program[], Map<string, RatePrior | null>>();

/** The specialty's prior for one rate column at `applicants` per program; null with fewer than two rates. */
export function ratePrior(
  programs: readonly Program[],
  key: RateKey,
  applicants: number,
  minimumSpread: number,
): RatePrior | null {
  let byKey = memo.get(programs);
  if (!byKey) {
    byKey = new Map();
    memo.set(programs, byKey);
  }
  const k = `${key}|${applicants}|${minimumSpread}`;
  if (byKey.has(k)) return byKey.get(k) ?? null;
  const rates: number[] = [];
  for (const p of programs) {
    const r = p.interviewRates?.[key];
    if (typeof r === "number") rates.push(r);
  }
  let prior: RatePrior | null = null;
  if (rates.length >= 2) {
    const mean = rates.reduce((a, x) => a + x, 0) / rates.length;
    const variance = rates.reduce((a, x) => a + (x - mean) ** 2, 0) / (rates.length - 1);
    const sampling = rates.reduce((a, x) => a + (x * (1 - x)) / applicants, 0) / rates.length;
    const tau2 = Math.max(minimumSpread ** 2, variance - sampling);
    const m = Math.min(1 - 1e-6, Math.max(1e-6, mean));
    prior = { mean: m, strength: Math.max(0, (m * (1 - m)) / tau2 - 1), applicants, programs: rates.length };
  }
  byKey.set(k, prior);
  return prior;
}

/** Trigamma ψ₁(x) by its asymptotic series after shifting x above 6 (error below 1e-8). */
function trigamma(x: number): number {
  let acc = 0;
  let y = x;
  while (y < 6) {
    acc += 1 / (y * y);
    y += 1;
  }
  const y2 = y * y;
  return acc + 1 / y + 1 / (2 * y2) + 1 / (6 * y2 * y) - 1 / (30 * y2 * y2 * y) + 1 / (42 * y2 * y2 * y2 * y);
}

/**
 * The rate a program is taken at, with its uncertainty: its observed rate shrunk by the prior, or
 * (no observed rate) `fill` with the prior's own spread. Without a prior the observed rate stands,
 * with the binomial spread at `applicants`.
 */
export function posteriorRate(
  observed: number | null,
  fill: number,
  prior: RatePrior | null,
  applicants: number,
): PosteriorRate {
  if (observed === null) {
    const s = prior?.strength ?? 0;
    const a = Math.max(fill * s, Number.MIN_VALUE);
    const b = Math.max((1 - fill) * s, Number.MIN_VALUE);
    return {
      rate: fill,
      observed: null,
      logitSd: s > 0 ? Math.sqrt(trigamma(a) + trigamma(b)) : Number.POSITIVE_INFINITY,
      weight: 0,
    };
  }
  if (!prior) {
    const a = Math.max(observed * applicants, 0.5);
    const b = Math.max((1 - observed) * applicants, 0.5);
    return { rate: observed, observed, logitSd: Math.sqrt(trigamma(a) + trigamma(b)), weight: 1 };
  }
  const a = prior.mean * prior.strength + observed * applicants;
  const b = (1 - prior.mean) * prior.strength + (1 - observed) * applicants;
  return {
    rate: a / (a + b),
    observed,
    logitSd: Math.sqrt(trigamma(a) + trigamma(b)),
    weight: applicants / (applicants + prior.strength),
  };
}
