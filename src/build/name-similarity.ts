/**
 * Similarity of two program names, 0–1, for joining sources that spell names differently.
 * The left name is spelled out (ACGME); the right one may be abbreviated (NRMP).
 *
 * Each side is a set of `tokens` (the name, normalised) and `hints`: words about the program that
 * are not its name — its city, or the site in an NRMP track title ("Radiology-Diagnostic/Royal Oak").
 * A hint that matches the other side counts half, since a city shared by two different hospitals is
 * weaker evidence than a shared name; a hint that matches nothing costs a quarter of its weight.
 *
 * Words weigh by inverse document frequency over all names being joined, so "galveston" or
 * "zucker" count much; words that only say what kind of institution it is ("university",
 * "medical", "center") count a fifth as much, because ACGME and NRMP include them inconsistently.
 * Two words match when equal, or when the right one is cut short ("farm"/"farmington"); a right
 * word may also be the acronym of left words ("aimmc" for Advocate Illinois Masonic Medical Center).
 * The score averages the weighted Dice coefficient (penalises words either side lacks) and the
 * weighted overlap coefficient (forgives a long ACGME name that contains a short NRMP one).
 */

export interface NameDocument {
  tokens: readonly string[];
  hints: readonly string[];
  /** Initials of runs of 3–6 consecutive name words ("aimmc"). */
  acronyms: ReadonlySet<string>;
}

export type TokenWeight = (token: string) => number;

const MIN_PREFIX = 4;
const MIN_ACRONYM = 3;
const MAX_ACRONYM = 6;
const HINT_MATCH = 0.5;
const HINT_MISS = 0.25;
const GENERIC_SHARE = 0.2;
const GENERIC = new Set([
  "university",
  "universities",
  "college",
  "school",
  "medicine",
  "medical",
  "center",
  "centers",
  "health",
  "healthcare",
  "hospital",
  "hospitals",
  "system",
  "systems",
  "graduate",
  "education",
  "science",
  "sciences",
  "consortium",
  "affiliated",
  "institute",
  "foundation",
  "network",
  "services",
  "regional",
  "community",
  "general",
  "memorial",
  "teaching",
  "campus",
  "corporation",
  "gme",
]);

export function isGeneric(token: string): boolean {
  return GENERIC.has(token);
}

/** A name's document: its tokens, hint tokens the name does not already contain, and its acronyms. */
export function nameDocument(
  nameTokens: readonly string[],
  hintTokens: readonly string[] = [],
): NameDocument {
  const tokens = [...new Set(nameTokens)];
  const hints = [...new Set(hintTokens)].filter((h) => !tokens.includes(h));
  const acronyms = new Set<string>();
  for (let start = 0; start < nameTokens.length; start++) {
    for (let length = MIN_ACRONYM; length <= MAX_ACRONYM && start + length <= nameTokens.length; length++) {
      acronyms.add(
        nameTokens
          .slice(start, start + length)
          .map((t) => t[0])
          .join(""),
      );
    }
  }
  return { tokens, hints, acronyms };
}

/**
 * Whether `full` (a word of the spelled-out name) matches `abbreviated` (a word of the other):
 * equal, or `abbreviated` has at least 4 letters and begins `full`. Only the right side may be
 * cut short, so "mary" never matches "maryland" and "south" never matches "southeast".
 */
export function tokensMatch(full: string, abbreviated: string): boolean {
  return full === abbreviated || (abbreviated.length >= MIN_PREFIX && full.startsWith(abbreviated));
}

/** Whether a document names `token`: as a word, a hint, or an acronym of its words. */
export function mentions(doc: NameDocument, token: string): boolean {
  return doc.acronyms.has(token) || [...doc.tokens, ...doc.hints].some((t) => tokensMatch(t, token));
}

/** Inverse document frequency `ln(1 + N / df)`, generic words scaled down; an unseen word weighs as much as the rarest. */
export function inverseDocumentFrequency(documents: Iterable<NameDocument>): TokenWeight {
  const frequency = new Map<string, number>();
  let n = 0;
  for (const doc of documents) {
    n++;
    for (const token of new Set([...doc.tokens, ...doc.hints]))
      frequency.set(token, (frequency.get(token) ?? 0) + 1);
  }
  const rarest = Math.log(1 + Math.max(n, 1));
  return (token) => {
    const df = frequency.get(token);
    const idf = df === undefined ? rarest : Math.log(1 + n / df);
    return GENERIC.has(token) ? idf * GENERIC_SHARE : idf;
  };
}

interface Word {
  t: string;
  hint: boolean;
}

export function nameSimilarity(a: NameDocument, b: NameDocument, weight: TokenWeight): number {
  const words = (d: NameDocument): Word[] => [
    ...d.tokens.map((t) => ({ t, hint: false })),
    ...d.hints.map((t) => ({ t, hint: true })),
  ];
  const left = words(a);
  const right = words(b);
  const used = new Set<number>();
  let shared = 0;
  let leftWeight = 0;
  let rightWeight = 0;
  for (const l of left) {
    // Prefer a name word over a hint on the other side, so hints only fill gaps.
    const candidates = right
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => !used.has(i) && tokensMatch(l.t, r.t));
    const hit = candidates.find(({ r }) => !r.hint) ?? candidates[0];
    if (hit) {
      used.add(hit.i);
      const share = l.hint || hit.r.hint ? HINT_MATCH : 1;
      shared += (share * (weight(l.t) + weight(hit.r.t))) / 2;
      leftWeight += (l.hint ? HINT_MATCH : 1) * weight(l.t);
      rightWeight += (hit.r.hint ? HINT_MATCH : 1) * weight(hit.r.t);
    } else {
      leftWeight += (l.hint ? HINT_MISS : 1) * weight(l.t);
    }
  }
  right.forEach((r, i) => {
    if (used.has(i)) return;
    const share = r.hint ? HINT_MATCH : 1;
    if (a.acronyms.has(r.t)) {
      // The left's words behind the acronym are already in its weight.
      shared += share * weight(r.t);
      rightWeight += share * weight(r.t);
    } else {
      rightWeight += (r.hint ? HINT_MISS : 1) * weight(r.t);
    }
  });
  if (shared === 0) return 0;
  const dice = (2 * shared) / (leftWeight + rightWeight);
  const overlap = shared / Math.min(leftWeight, rightWeight);
  return Math.min(1, (dice + overlap) / 2);
}
