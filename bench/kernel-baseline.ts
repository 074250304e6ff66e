import { performance } from "node:perf_hooks";
import { kernelOptions } from "../src/core/programs/kernel-options.ts";
import { matchCurve } from "../src/core/programs/match-given-interviews.ts";
import { matchCurveForList, strengthDraws } from "../src/core/programs/match-probability.ts";
import type { ProgramData } from "../src/core/programs/program-data.ts";
import type { Rulebook } from "../src/core/rulebook/rulebook.ts";

/**
 * The match kernel against a hand-written Float64Array loop doing the same draws: the same
 * stratified strength draws, the same Poisson-binomial recursion and the same P(match | k) read
 * once at the end. Both must agree; the ratio shows what the kernel's structure costs.
 */
function baseline(logits: Float64Array, m: Float64Array, u: Float64Array, K: number): number {
  const D = u.length;
  const dist = new Float64Array(K + 1);
  let total = 0;
  for (let j = 0; j < D; j++) {
    dist.fill(0);
    dist[0] = 1;
    for (let i = 0; i < logits.length; i++) {
      const p = 1 / (1 + Math.exp(-((logits[i] as number) + (u[j] as number))));
      const q = 1 - p;
      dist[K] = (dist[K] as number) + (dist[K - 1] as number) * p;
      for (let k = K - 1; k >= 1; k--) dist[k] = (dist[k] as number) * q + (dist[k - 1] as number) * p;
      dist[0] = (dist[0] as number) * q;
    }
    let pm = 0;
    for (let k = 1; k <= K; k++) pm += (dist[k] as number) * (m[k] as number);
    total += pm;
  }
  return total / D;
}

export function benchKernel(rb: Rulebook, data: ProgramData, fmt: (ms: number) => string): void {
  const opts = kernelOptions(data.model);
  const curve = matchCurve(
    rb.chartingOutcomes,
    "internal-medicine",
    opts.maxInterviews,
    data.model.match.ranksPerInterview.value["non-us-img"],
  );
  if (!curve) throw new Error("no match curve");
  const n = 120;
  const logits = Float64Array.from({ length: n }, (_, i) => -4 + (3 * i) / n);
  const u = strengthDraws(opts.strengthSd, opts.draws);
  const m = new Float64Array(opts.maxInterviews + 1);
  for (let k = 0; k <= opts.maxInterviews; k++)
    m[k] = curve.byInterviews[Math.min(k, curve.byInterviews.length - 1)] ?? 0;
  const a = matchCurveForList(logits, curve, opts, true).final.estimate;
  const b = baseline(logits, m, u, opts.maxInterviews);
  if (Math.abs(a - b) > 1e-9) throw new Error(`kernel ${a} and baseline ${b} disagree`);
  const time = (f: () => void, reps: number) => {
    for (let i = 0; i < 20; i++) f();
    const t = performance.now();
    for (let i = 0; i < reps; i++) f();
    return (performance.now() - t) / reps;
  };
  const reps = 400;
  const tk = time(() => matchCurveForList(logits, curve, opts, true), reps);
  const tb = time(() => baseline(logits, m, u, opts.maxInterviews), reps);
  console.log(
    `Monte Carlo kernel (${opts.draws} draws × ${n} programs × ${opts.maxInterviews} interview bins): ${fmt(tk)} vs hand-written Float64Array loop ${fmt(tb)} — ratio ${(tk / tb).toFixed(2)}× (target ≤ 3×); results agree to 1e-9`,
  );
}
