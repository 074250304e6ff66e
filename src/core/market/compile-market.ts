import type { CouplePair, MatchCouple, MatchInput, SupplementalList } from "./match-input.ts";

/**
 * A validated market flattened into typed arrays for the matching loop.
 *
 * A participant is a single applicant or a couple. Each participant's primary list becomes
 * entries (one per rank), and each entry one or two claims (applicant, program) that must all
 * be held together. A claim on an advanced program carries the supplemental list linked to it
 * for that applicant. Supplemental lists become items (program, rank). Every claim and every
 * item is a token a program can hold; a token's rank is the program's rank of its applicant
 * (−1 when the program did not rank them, so it can never be held). Programs keep an index of
 * the entries and items that name them, used to find who may block when a position frees up.
 * Everything is built with counting sorts over typed arrays: O(programs + applicants + ranks).
 */
export interface CompiledMarket {
  nPrograms: number;
  nApplicants: number;
  nParticipants: number;
  positions: Int32Array;
  participantOf: Int32Array;
  /** Entries of participant c are entryStart[c] … entryStart[c+1]−1, most preferred first. */
  entryStart: Int32Array;
  entryOwner: Int32Array;
  /** 1-based place of the entry on its primary list (a couple's pair number). */
  entryChoice: Int32Array;
  /** Claims of entry e are claimStart[e] … claimStart[e+1]−1. */
  claimStart: Int32Array;
  claimApplicant: Int32Array;
  claimProgram: Int32Array;
  /** Supplemental list linked to the claim's (advanced) program for its applicant, or −1. */
  claimList: Int32Array;
  nClaims: number;
  /** Items of supplemental list l are listStart[l] … listStart[l+1]−1. */
  listStart: Int32Array;
  itemProgram: Int32Array;
  itemList: Int32Array;
  itemApplicant: Int32Array;
  /** Tokens: claims first (0 … nClaims−1), then items (nClaims + i). */
  tokenRank: Int32Array;
  tokenParticipant: Int32Array;
  /** True for couples and for singles with a supplemental list: matched after the plain singles. */
  complex: Uint8Array;
  /** Entries naming program p: entryIndex[entryIndexStart[p] … entryIndexStart[p+1]−1], ascending. */
  entryIndexStart: Int32Array;
  entryIndex: Int32Array;
  itemIndexStart: Int32Array;
  itemIndex: Int32Array;
}

/** Gives zeroed Int32Arrays: new ones, or views of reused buffers (compile-season.ts). */
export interface Int32Source {
  int32(n: number): Int32Array;
}

const fresh: Int32Source = { int32: (n) => new Int32Array(n) };

/** CSR index of ids by program: ids of program p are out[start[p] … start[p+1]−1], in id order. */
export function indexBy(
  programOf: Int32Array,
  nPrograms: number,
  arrays: Int32Source = fresh,
): { start: Int32Array; out: Int32Array } {
  const start = arrays.int32(nPrograms + 1);
  for (let i = 0; i < programOf.length; i++) {
    const at = (programOf[i] as number) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let p = 0; p < nPrograms; p++) start[p + 1] = (start[p + 1] as number) + (start[p] as number);
  const fill = arrays.int32(nPrograms);
  fill.set(start.subarray(0, nPrograms));
  const out = arrays.int32(programOf.length);
  for (let i = 0; i < programOf.length; i++) {
    const p = programOf[i] as number;
    out[fill[p] as number] = i;
    fill[p] = (fill[p] as number) + 1;
  }
  return { start, out };
}

/**
 * Entry index: an entry is listed once under each distinct program it names (a couple may name one
 * twice). Entries of program p are index[start[p] … start[p+1]−1], in entry order.
 */
export function indexEntries(
  claimStart: Int32Array,
  claimProgram: Int32Array,
  nEntries: number,
  nPrograms: number,
  arrays: Int32Source = fresh,
): { start: Int32Array; index: Int32Array } {
  let nPairs = 0;
  for (let en = 0; en < nEntries; en++) {
    const k0 = claimStart[en] as number;
    const k1 = claimStart[en + 1] as number;
    nPairs += k1 - k0 === 2 && claimProgram[k0] === claimProgram[k0 + 1] ? 1 : k1 - k0;
  }
  const pairProgram = arrays.int32(nPairs);
  const pairEntry = arrays.int32(nPairs);
  let j = 0;
  for (let en = 0; en < nEntries; en++) {
    let last = -1;
    for (let kk = claimStart[en] as number; kk < (claimStart[en + 1] as number); kk++) {
      const p = claimProgram[kk] as number;
      if (p === last) continue;
      pairProgram[j] = p;
      pairEntry[j] = en;
      j++;
      last = p;
    }
  }
  const byProgram = indexBy(pairProgram, nPrograms, arrays);
  const index = arrays.int32(nPairs);
  for (let i = 0; i < nPairs; i++) index[i] = pairEntry[byProgram.out[i] as number] as number;
  return { start: byProgram.start, index };
}

/** Sets (or clears) `into[p]` to the number of the supplemental list linked to advanced program p. */
function setLinks(lists: readonly SupplementalList[], first: number, into: Int32Array, on: boolean): void {
  for (let j = 0; j < lists.length; j++) {
    const linkedTo = (lists[j] as SupplementalList).linkedTo;
    for (let i = 0; i < linkedTo.length; i++) into[linkedTo[i] as number] = on ? first + j : -1;
  }
}

export function compileMarket(input: MatchInput): CompiledMarket {
  const nP = input.programs.length;
  const nA = input.applicants.length;
  const couples = input.couples ?? [];

  // Sizes first, so every array is allocated once. Plain indexed loops throughout, and no
  // closures over the running counters: a national market compiles in about a millisecond.
  const applicants = input.applicants;
  const inCouple = new Uint8Array(nA);
  for (let i = 0; i < couples.length; i++) {
    const m = (couples[i] as MatchCouple).members;
    inCouple[m[0]] = 1;
    inCouple[m[1]] = 1;
  }
  let nEntries = 0;
  let nClaims = 0;
  let nLists = 0;
  let nItems = 0;
  for (let a = 0; a < nA; a++) {
    const app = applicants[a];
    if (!app) continue;
    if (!inCouple[a]) {
      nEntries += app.ranks.length;
      nClaims += app.ranks.length;
    }
    const sup = app.supplemental;
    if (sup === undefined) continue;
    for (let j = 0; j < sup.length; j++) {
      nLists++;
      nItems += (sup[j] as SupplementalList).ranks.length;
    }
  }
  for (let i = 0; i < couples.length; i++) {
    const ranks = (couples[i] as MatchCouple).ranks;
    nEntries += ranks.length;
    for (let r = 0; r < ranks.length; r++) {
      const pair = ranks[r] as CouplePair;
      nClaims += (pair[0] === null ? 0 : 1) + (pair[1] === null ? 0 : 1);
    }
  }
  const nParticipants = nA - couples.length;

  // Supplemental lists, numbered across applicants.
  const listStart = new Int32Array(nLists + 1);
  const itemProgram = new Int32Array(nItems);
  const itemList = new Int32Array(nItems);
  const itemApplicant = new Int32Array(nItems);
  const firstList = new Int32Array(nA + 1);
  {
    let l = 0;
    let i = 0;
    for (let a = 0; a < nA; a++) {
      firstList[a] = l;
      const sup = applicants[a]?.supplemental;
      if (sup === undefined) continue;
      for (let j = 0; j < sup.length; j++) {
        const ranks = (sup[j] as SupplementalList).ranks;
        for (let r = 0; r < ranks.length; r++) {
          itemProgram[i] = ranks[r] as number;
          itemList[i] = l;
          itemApplicant[i] = a;
          i++;
        }
        l++;
        listStart[l] = i;
      }
    }
    firstList[nA] = l;
  }
  /** Scratch: the supplemental list linked to each program for the applicant (or each partner) being compiled, or −1. */
  const link = new Int32Array(nP).fill(-1);
  const link2 = new Int32Array(nP).fill(-1);

  const participantOf = new Int32Array(nA).fill(-1);
  const entryStart = new Int32Array(nParticipants + 1);
  const entryOwner = new Int32Array(nEntries);
  const entryChoice = new Int32Array(nEntries);
  const claimStart = new Int32Array(nEntries + 1);
  const claimApplicant = new Int32Array(nClaims);
  const claimProgram = new Int32Array(nClaims);
  const claimList = new Int32Array(nClaims);
  const complex = new Uint8Array(nParticipants);
  let c = 0;
  let e = 0;
  let k = 0;
  // Participants: singles in applicant order, then couples in input order.
  for (let a = 0; a < nA; a++) {
    if (inCouple[a]) continue;
    participantOf[a] = c;
    const app = applicants[a];
    const sup = app?.supplemental;
    if (sup !== undefined) setLinks(sup, firstList[a] as number, link, true);
    const ranks = app?.ranks ?? [];
    for (let r = 0; r < ranks.length; r++) {
      const p = ranks[r] as number;
      const l = link[p] as number;
      claimApplicant[k] = a;
      claimProgram[k] = p;
      claimList[k] = l;
      if (l >= 0) complex[c] = 1;
      k++;
      entryOwner[e] = c;
      entryChoice[e] = r + 1;
      e++;
      claimStart[e] = k;
    }
    if (sup !== undefined) setLinks(sup, firstList[a] as number, link, false);
    c++;
    entryStart[c] = e;
  }
  for (let i = 0; i < couples.length; i++) {
    const cp = couples[i] as MatchCouple;
    const [m1, m2] = cp.members;
    participantOf[m1] = c;
    participantOf[m2] = c;
    complex[c] = 1;
    const sup1 = applicants[m1]?.supplemental;
    const sup2 = applicants[m2]?.supplemental;
    if (sup1 !== undefined) setLinks(sup1, firstList[m1] as number, link, true);
    if (sup2 !== undefined) setLinks(sup2, firstList[m2] as number, link2, true);
    const ranks = cp.ranks;
    for (let r = 0; r < ranks.length; r++) {
      const pair = ranks[r] as CouplePair;
      const p1 = pair[0];
      const p2 = pair[1];
      if (p1 !== null) {
        claimApplicant[k] = m1;
        claimProgram[k] = p1;
        claimList[k] = link[p1] as number;
        k++;
      }
      if (p2 !== null) {
        claimApplicant[k] = m2;
        claimProgram[k] = p2;
        claimList[k] = link2[p2] as number;
        k++;
      }
      entryOwner[e] = c;
      entryChoice[e] = r + 1;
      e++;
      claimStart[e] = k;
    }
    if (sup1 !== undefined) setLinks(sup1, firstList[m1] as number, link, false);
    if (sup2 !== undefined) setLinks(sup2, firstList[m2] as number, link2, false);
    c++;
    entryStart[c] = e;
  }

  // Each token's rank at its program: programs write their lists into a scratch array once.
  const nTokens = nClaims + nItems;
  const tokenProgram = new Int32Array(nTokens);
  tokenProgram.set(claimProgram);
  tokenProgram.set(itemProgram, nClaims);
  const tokenApplicant = new Int32Array(nTokens);
  tokenApplicant.set(claimApplicant);
  tokenApplicant.set(itemApplicant, nClaims);
  const byProgram = indexBy(tokenProgram, nP);
  const rankOf = new Int32Array(nA).fill(-1);
  const tokenRank = new Int32Array(nTokens);
  for (let p = 0; p < nP; p++) {
    const ranks = input.programs[p]?.ranks ?? [];
    for (let r = 0; r < ranks.length; r++) rankOf[ranks[r] as number] = r;
    for (let j = byProgram.start[p] as number; j < (byProgram.start[p + 1] as number); j++) {
      const t = byProgram.out[j] as number;
      tokenRank[t] = rankOf[tokenApplicant[t] as number] as number;
    }
    for (let r = 0; r < ranks.length; r++) rankOf[ranks[r] as number] = -1;
  }
  const tokenParticipant = new Int32Array(nTokens);
  for (let en = 0; en < nEntries; en++)
    for (let j = claimStart[en] as number; j < (claimStart[en + 1] as number); j++)
      tokenParticipant[j] = entryOwner[en] as number;
  for (let i = 0; i < nItems; i++)
    tokenParticipant[nClaims + i] = participantOf[itemApplicant[i] as number] as number;

  const entryIdx = indexEntries(claimStart, claimProgram, nEntries, nP);
  const itemIdx = indexBy(itemProgram, nP);

  const positions = new Int32Array(nP);
  for (let p = 0; p < nP; p++) positions[p] = input.programs[p]?.positions ?? 0;
  return {
    nPrograms: nP,
    nApplicants: nA,
    nParticipants,
    positions,
    participantOf,
    entryStart,
    entryOwner,
    entryChoice,
    claimStart,
    claimApplicant,
    claimProgram,
    claimList,
    nClaims,
    listStart,
    itemProgram,
    itemList,
    itemApplicant,
    tokenRank,
    tokenParticipant,
    complex,
    entryIndexStart: entryIdx.start,
    entryIndex: entryIdx.index,
    itemIndexStart: itemIdx.start,
    itemIndex: itemIdx.out,
  };
}
