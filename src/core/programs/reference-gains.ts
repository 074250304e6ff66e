import type { MatchCurve } from "./match-given-interviews.ts";
import { type MatchKernelOptions, matchCurveForList } from "./match-probability.ts";

/**
 * P(match) gained by each program, in order, for a typical applicant of the type: the curve the
 * list's length is read from (plan-program-list.ts). It does not depend on the applicant's
 * strength, so every variant of one profile (another score, more letters, a failure) reads the
 * same curve: it is kept for the last few distinct lists rather than recomputed per variant.
 */
const MEMO_SIZE = 64; // distinct (specialty, list) pairs kept: enough for a what-if sweep or a batch row's variants
const memo = new Map<string, number[]>();

export function referenceGains(
  baseLogits: readonly number[],
  curve: MatchCurve,
  kernel: MatchKernelOptions,
  /** Each program's P(sponsors the visa needed); absent = 1. */
  scales?: readonly number[],
): number[] {
  const key = `${curve.specialty}|${kernel.strengthSd}|${kernel.draws}|${kernel.maxInterviews}|${baseLogits.join(",")}|${scales?.join(",") ?? ""}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const means = matchCurveForList(baseLogits, curve, kernel, false, scales).meanByCount;
  const gains = means.map((e, i) => e - (i > 0 ? (means[i - 1] ?? 0) : 0));
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, gains);
  return gains;
}
