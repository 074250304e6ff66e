import { logistic, logit } from "../math/normal.ts";
import type { MatchCurve } from "./match-given-interviews.ts";
import {
  interviewDistribution,
  type MatchEstimate,
  type MatchKernelOptions,
  matchCurveForList,
  meanOver,
} from "./match-probability.ts";

/**
 * The range shown beside P(match), from every uncertainty the model knows of (issue 13, item 7).
 *
 * Spec. Problem: the range over the shared strength term alone hides that each program's rate is
 * itself uncertain, that the curve P(match | k) rests on a finite count of applicants, and that an
 * untaken Step 2 CK is not yet a number. Steps, each an evaluation of the same list by the match
 * kernel (match-probability.ts), at the same coverage as the strength range (10th–90th):
 * (1) strength: the quantiles over the strength draws (already computed);
 * (2) untaken Step 2 CK: the same quantiles with the strength SD widened by the score's spread
 *     through the slope, √(sd² + (slope · σ_score)²) — replaces (1) when the exam is not taken;
 * (3) program rates: every program's log-odds moved down and up by z·s_i·c, where s_i is the SD of
 *     its (shrunk) rate on the log-odds scale and c = √Σ(w_i s_i)² ÷ Σ w_i s_i (w_i = σ_i p_i(1 − p_i), σ_i the program's chance of sponsoring the visa)
 *     scales a common shift down to what independent errors do to the expected interviews
 *     (delta method);
 * (4) curve: the curve with its prior at the low and high ends of its interval (type-curve.ts).
 * The parts are added on the log-odds scale of P(match) in quadrature: low = logistic(ℓ − √Σ d_low²),
 * high = logistic(ℓ + √Σ d_high²), ℓ = logit(estimate). The estimate itself is never moved: for an
 * untaken exam it stays the cautious stand-in's (untaken-step2ck.ts). O(parts · D · n · K).
 */
export const RANGE_PARTS = ["strength", "untaken-step2ck", "program-rates", "curve"] as const;
export type RangePart = (typeof RANGE_PARTS)[number];

export interface RangeBreakdown {
  /** Each part's own low and high, around the same estimate. */
  parts: Array<{ part: RangePart; low: number; high: number }>;
  /** Set when the shown range was widened to cover a published figure (calibration note). */
  widenedTo: number | null;
}

export interface RangeInputs {
  logits: ArrayLike<number>;
  /**
   * P(each program sponsors the visa needed), the kernel's scales (match-probability.ts); absent = 1.
   * Every evaluation below uses them, so the range is around the same P(match) as the estimate.
   */
  scales?: ArrayLike<number>;
  /** SD of each program's rate on the log-odds scale (rate-shrinkage.ts), same order as `logits`. */
  logitSds: ArrayLike<number>;
  curve: MatchCurve & { low: MatchCurve; high: MatchCurve };
  kernel: MatchKernelOptions;
  /** The list's P(match) with its range over the strength term. */
  strength: MatchEstimate;
  /** Log-odds SD an untaken Step 2 CK adds (slope × spread of the score), or null. */
  untakenLogitSd: number | null;
  /** z of the range's coverage (the strength quantiles' and the rates' intervals). */
  z: number;
}

/** Keeps log-odds finite at P(match) of 0 or 1. */
const EDGE = 1e-6;
const clamp = (p: number) => Math.min(1 - EDGE, Math.max(EDGE, p));

export function combinedRange(x: RangeInputs): { pMatch: MatchEstimate; breakdown: RangeBreakdown } {
  const e = x.strength.estimate;
  const parts: RangeBreakdown["parts"] = [];
  const n = x.logits.length;
  if (n === 0) return { pMatch: x.strength, breakdown: { parts: [], widenedTo: null } };
  const final = (logits: ArrayLike<number>, curve: MatchCurve, kernel = x.kernel) =>
    matchCurveForList(logits, curve, kernel, true, x.scales).final;

  if (x.untakenLogitSd !== null && x.untakenLogitSd > 0) {
    const wide = final(x.logits, x.curve, {
      ...x.kernel,
      strengthSd: Math.sqrt(x.kernel.strengthSd ** 2 + x.untakenLogitSd ** 2),
    });
    parts.push({ part: "untaken-step2ck", low: Math.min(e, wide.low), high: Math.max(e, wide.high) });
  } else parts.push({ part: "strength", low: x.strength.low, high: x.strength.high });

  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const l = x.logits[i] as number;
    const s = Math.min(x.logitSds[i] as number, MAX_SD);
    const scale = x.scales ? (x.scales[i] as number) : 1;
    if (l === Number.NEGATIVE_INFINITY || !(s > 0) || scale === 0) continue;
    // Weight of the program in the expected interviews: d(σ·p)/dl = σ·p(1 − p), σ its sponsorship.
    const p = logistic(l);
    const w = scale * p * (1 - p);
    num += (w * s) ** 2;
    den += w * s;
  }
  if (den > 0) {
    const c = Math.sqrt(num) / den;
    const shifted = (sign: number) =>
      Float64Array.from({ length: n }, (_, i) => {
        const l = x.logits[i] as number;
        return l + sign * x.z * Math.min(x.logitSds[i] as number, MAX_SD) * c;
      });
    parts.push({
      part: "program-rates",
      low: Math.min(e, final(shifted(-1), x.curve).estimate),
      high: Math.max(e, final(shifted(1), x.curve).estimate),
    });
  }
  // The curve only changes how the interview count is read: one pass, read three ways.
  const dist = interviewDistribution(x.logits, x.kernel, x.scales);
  parts.push({
    part: "curve",
    low: Math.min(e, meanOver(dist, x.curve.low, x.kernel)),
    high: Math.max(e, meanOver(dist, x.curve.high, x.kernel)),
  });

  const l0 = logit(clamp(e));
  let dl = 0;
  let dh = 0;
  for (const p of parts) {
    dl += (l0 - logit(clamp(p.low))) ** 2;
    dh += (logit(clamp(p.high)) - l0) ** 2;
  }
  return {
    pMatch: {
      estimate: e,
      low: Math.min(e, logistic(l0 - Math.sqrt(dl))),
      high: Math.max(e, logistic(l0 + Math.sqrt(dh))),
    },
    breakdown: { parts, widenedTo: null },
  };
}

/** A rate nothing is known about moves P(match) as far as it can go; beyond this SD nothing changes. */
const MAX_SD = 10;
