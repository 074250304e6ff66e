import { type NameDocument, nameSimilarity, type TokenWeight } from "./name-similarity.ts";

/**
 * Joins two lists of programs by name similarity within a state.
 *
 * Problem: pair items of `left` (e.g. Residency Explorer rows) with items of `right` (e.g. NRMP
 * codes) that name the same program, when no shared key exists.
 * Steps: (1) score every pair whose states are equal, and every pair whose right side has no
 * state; (2) drop pairs under the threshold (a stricter one without a state to confirm);
 * (3) take pairs best-first. A right item joins at most one left item. A left item joins one
 * right item or, with `manyPerLeft`, several right items of one `group` (the NRMP tracks of one
 * program share an institution). Ties break by input order, so the result is deterministic.
 * Complexity: O(pairs · name length) with pairs bounded by programs per state.
 */

export interface JoinItem {
  doc: NameDocument;
  state: string | null;
  /** Items of one group may join the same left item when `manyPerLeft` is set. */
  group: string;
}

export interface JoinOptions {
  threshold: number;
  /** Minimum score when the right item has no state. */
  unknownStateThreshold: number;
  manyPerLeft: boolean;
}

export interface JoinPair {
  left: number;
  right: number;
  score: number;
}

export function joinByName(
  left: readonly JoinItem[],
  right: readonly JoinItem[],
  weight: TokenWeight,
  options: JoinOptions,
): JoinPair[] {
  const rightByState = new Map<string | null, number[]>();
  right.forEach((item, i) => {
    const list = rightByState.get(item.state) ?? [];
    list.push(i);
    rightByState.set(item.state, list);
  });
  const candidates: JoinPair[] = [];
  left.forEach((l, li) => {
    const sameState = l.state === null ? [] : (rightByState.get(l.state) ?? []);
    for (const ri of sameState) {
      const score = nameSimilarity(l.doc, (right[ri] as JoinItem).doc, weight);
      if (score >= options.threshold) candidates.push({ left: li, right: ri, score });
    }
    for (const ri of rightByState.get(null) ?? []) {
      const score = nameSimilarity(l.doc, (right[ri] as JoinItem).doc, weight);
      if (score >= options.unknownStateThreshold) candidates.push({ left: li, right: ri, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.left - b.left || a.right - b.right);

  const rightTaken = new Set<number>();
  const leftGroup = new Map<number, string>();
  const pairs: JoinPair[] = [];
  for (const pair of candidates) {
    if (rightTaken.has(pair.right)) continue;
    const group = (right[pair.right] as JoinItem).group;
    const taken = leftGroup.get(pair.left);
    if (taken !== undefined && !(options.manyPerLeft && taken === group)) continue;
    rightTaken.add(pair.right);
    leftGroup.set(pair.left, group);
    pairs.push(pair);
  }
  return pairs.sort((a, b) => a.left - b.left || a.right - b.right);
}
