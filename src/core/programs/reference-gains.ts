import type { MatchCurve } from "./match-given-interviews.ts";
import { type MatchKernelOptions, matchCurveForList } from "./match-probability.ts";

/**
 * P(match) gained by each of the first `count` programs of `order`, for a typical applicant of the
 * type: the curve the list's length is read from (plan-program-list.ts) and the supplemental list
 * sized against (pgy1-list.ts). It does not depend on the applicant's strength, so every variant of
 * one profile (another score, more letters, a failure) reads the same curve: it is kept for the
 * last few distinct orders rather than recomputed per variant.
 *
 * A program's gain depends only on the programs before it (the kernel adds them one at a time), so
 * the gains of the first `count` are those of the whole order cut at `count`, bit for bit. The memo
 * is therefore keyed by the whole order — every budget's list is a prefix of it — and holds the
 * longest prefix asked for so far. Its keys name the curve object (curves are made once per loaded
 * rulebook and model, type-curve.ts), so other data never reads another's entries.
 */
const MEMO_SIZE = 256; // not a score: orders kept, a few specialties × the preferred-state sets in use; at most ~17 KB each (925 programs)
const memo = new Map<string, number[]>();
const curveIds = new WeakMap<MatchCurve, number>();
let curvesSeen = 0;

export function referenceGains(
  /** Every program's base log-odds, in the typical order. */
  order: readonly number[],
  count: number,
  curve: MatchCurve,
  kernel: MatchKernelOptions,
): number[] {
  const n = Math.min(count, order.length);
  let id = curveIds.get(curve);
  if (id === undefined) {
    id = curvesSeen++;
    curveIds.set(curve, id);
  }
  const key = `${id}|${kernel.strengthSd}|${kernel.draws}|${kernel.maxInterviews}|${exactKey(order)}`;
  const hit = memo.get(key);
  if (hit && hit.length >= n) return hit.slice(0, n);
  const means = matchCurveForList(order.slice(0, n), curve, kernel, false).meanByCount;
  const gains = means.map((e, i) => e - (i > 0 ? (means[i - 1] ?? 0) : 0));
  memo.delete(key);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, gains);
  return gains.slice();
}

/**
 * The numbers' exact bits as text (four UTF-16 code units per number): equal keys are equal
 * orders, with no rounding in a decimal rendering and at a fraction of its cost.
 */
function exactKey(xs: ArrayLike<number>): string {
  const words = new Uint16Array(Float64Array.from(xs).buffer);
  let s = "";
  const CHUNK = 4096; // code units per fromCharCode call, well under engines' argument limits
  for (let i = 0; i < words.length; i += CHUNK)
    s += String.fromCharCode.apply(null, words.subarray(i, i + CHUNK) as unknown as number[]);
  return s;
}
