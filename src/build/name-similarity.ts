/**
 * Similarity of two program names, 0–1, for joining sources that spell names differently.
 *
 * Each side is a set of `tokens` (the name, normalised) and `hints`: extra words that count only
 * when they match the other side (a program's city, the location in an NRMP track title such as
 * "Radiology-Diagnostic/Royal Oak"). A hint that matches is evidence; one that does not is not
 * a difference, because one source simply does not spell it out.
 *
 * Words weigh by inverse document frequency over all names being joined, so "university" or
 * "medical" count little and "galveston" or "zucker" count much. Two words match when equal, or
 * when the shorter (at least 4 letters) begins the longer ("hosps"/"hospitals" after expansion,
 * "farm"/"farmington"). The score averages the weighted Dice coefficient (penalises extra words on
 * either side) and the weighted overlap coefficient (forgives a long ACGME name containing a short
 * NRMP one).
 */

export interface NameDocument {
  tokens: readonly string[];
  hints: readonly string[];
}

export type TokenWeight = (token: string) => number;

/** A name's document: its tokens, plus hint tokens that the name does not already contain. */
export function nameDocument(nameTokens: readonly string[], hintTokens: readonly string[] = []): NameDocument {
  const tokens = [...new Set(nameTokens)];
  const hints = [...new Set(hintTokens)].filter((h) => !tokens.includes(h));
  return { tokens, hints };
}

const MIN_PREFIX = 4;

/** Inverse document frequency `ln(1 + N / df)`; a word never seen weighs as much as the rarest. */
export function inverseDocumentFrequency(documents: Iterable<NameDocument>): TokenWeight {
  const frequency = new Map<string, number>();
  let n = 0;
  for (const doc of documents) {
    n++;
    for (const token of new Set([...doc.tokens, ...doc.hints])) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  const rarest = Math.log(1 + Math.max(n, 1));
  return (token) => {
    const df = frequency.get(token);
    return df === undefined ? rarest : Math.log(1 + n / df);
  };
}

export function tokensMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_PREFIX && long.startsWith(short);
}

export function nameSimilarity(a: NameDocument, b: NameDocument, weight: TokenWeight): number {
  const left = [...a.tokens.map((t) => ({ t, hint: false })), ...a.hints.map((t) => ({ t, hint: true }))];
  const right = [...b.tokens.map((t) => ({ t, hint: false })), ...b.hints.map((t) => ({ t, hint: true }))];
  const used = new Set<number>();
  let shared = 0;
  let leftWeight = 0;
  let rightWeight = 0;
  for (const l of left) {
    const k = right.findIndex((r, i) => !used.has(i) && tokensMatch(l.t, r.t));
    if (k >= 0) {
      used.add(k);
      const r = right[k] as { t: string; hint: boolean };
      shared += (weight(l.t) + weight(r.t)) / 2;
      leftWeight += weight(l.t);
      rightWeight += weight(r.t);
    } else if (!l.hint) {
      leftWeight += weight(l.t);
    }
  }
  right.forEach((r, i) => {
    if (!used.has(i) && !r.hint) rightWeight += weight(r.t);
  });
  if (shared === 0) return 0;
  const dice = (2 * shared) / (leftWeight + rightWeight);
  const overlap = shared / Math.min(leftWeight, rightWeight);
  return (dice + overlap) / 2;
}
