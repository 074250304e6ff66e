import { mentions, type NameDocument, nameSimilarity, type TokenWeight } from "./name-similarity.ts";

/**
 * Joins two lists of programs one-to-one by name similarity within a state.
 *
 * Problem: pair items of `left` (e.g. Residency Explorer rows) with items of `right` (e.g. NRMP
 * programs) that name the same program, when no shared key exists.
 * Steps: (1) score every pair whose states are equal, and every pair whose right item has no
 * state; a right item specific to a site (`sites`) that the left does not mention scores
 * `SITE_MISMATCH` times less, so "McLaren Health Care Corp | Internal Medicine/Oakland" goes to
 * "McLaren Health Care/Oakland/MSU" rather than to the sponsor's program elsewhere;
 * (2) drop pairs under the threshold, a stricter one when no state confirms the pair;
 * (3) take pairs best-first, each item at most once. Ties break by input order, so the result is
 * deterministic.
 * Complexity: O(pairs · name length), pairs bounded by programs per state.
 */

export interface JoinItem {
  doc: NameDocument;
  state: string | null;
  /** Site words the item is specific to (right items only). */
  sites?: readonly string[];
}

export interface JoinOptions {
  threshold: number;
  /** Minimum score when the right item has no state. */
  unknownStateThreshold: number;
}

export interface JoinPair {
  left: number;
  right: number;
  score: number;
}

/** Thresholds chosen by reading the pairs either side of them in the 2023–2025 inputs (docs/data.md). */
export const JOIN_OPTIONS: JoinOptions = { threshold: 0.55, unknownStateThreshold: 0.8 };
export const SITE_MISMATCH = 0.6;

export function joinByName(
  left: readonly JoinItem[],
  right: readonly JoinItem[],
  weight: TokenWeight,
  options: JoinOptions = JOIN_OPTIONS,
): JoinPair[] {
  const rightByState = new Map<string | null, number[]>();
  right.forEach((item, i) => {
    rightByState.set(item.state, [...(rightByState.get(item.state) ?? []), i]);
  });
  const score = (l: JoinItem, r: JoinItem) => {
    const similarity = nameSimilarity(l.doc, r.doc, weight);
    const sites = r.sites ?? [];
    return sites.length > 0 && !sites.some((s) => mentions(l.doc, s))
      ? similarity * SITE_MISMATCH
      : similarity;
  };
  const candidates: JoinPair[] = [];
  left.forEach((l, li) => {
    const sameState = l.state === null ? [] : (rightByState.get(l.state) ?? []);
    for (const ri of sameState) {
      const s = score(l, right[ri] as JoinItem);
      if (s >= options.threshold) candidates.push({ left: li, right: ri, score: s });
    }
    for (const ri of rightByState.get(null) ?? []) {
      const s = score(l, right[ri] as JoinItem);
      if (s >= options.unknownStateThreshold) candidates.push({ left: li, right: ri, score: s });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.left - b.left || a.right - b.right);

  const leftTaken = new Set<number>();
  const rightTaken = new Set<number>();
  const pairs: JoinPair[] = [];
  for (const pair of candidates) {
    if (leftTaken.has(pair.left) || rightTaken.has(pair.right)) continue;
    leftTaken.add(pair.left);
    rightTaken.add(pair.right);
    pairs.push(pair);
  }
  return pairs.sort((a, b) => a.left - b.left);
}
