import type { MatchInput } from "./match-input.ts";

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

/** Counting sort of (program → ids) pairs into a CSR index, ids kept in ascending order. */
function indexBy(programOf: (id: number) => number, count: number, nPrograms: number) {
  const start = new Int32Array(nPrograms + 1);
  for (let i = 0; i < count; i++) {
    const at = programOf(i) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let p = 0; p < nPrograms; p++) start[p + 1] = (start[p + 1] as number) + (start[p] as number);
  const fill = start.slice(0, nPrograms);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const p = programOf(i);
    out[fill[p] as number] = i;
    fill[p] = (fill[p] as number) + 1;
  }
  return { start, out };
}

export function compileMarket(input: MatchInput): CompiledMarket {
  const nP = input.programs.length;
  const nA = input.applicants.length;
  const couples = input.couples ?? [];

  // The program's rank of each applicant it ranked, keyed program × applicant.
  const rankAt = new Map<number, number>();
  input.programs.forEach((p, pi) => {
    p.ranks.forEach((a, r) => {
      rankAt.set(pi * nA + a, r);
    });
  });
  const rankOf = (p: number, a: number) => rankAt.get(p * nA + a) ?? -1;

  // Supplemental lists, numbered across applicants; for each applicant, advanced program → list.
  const listStartArr: number[] = [0];
  const itemProgramArr: number[] = [];
  const itemListArr: number[] = [];
  const itemApplicantArr: number[] = [];
  const linkOf: Array<Map<number, number> | null> = new Array(nA).fill(null);
  input.applicants.forEach((a, ai) => {
    for (const s of a.supplemental ?? []) {
      const id = listStartArr.length - 1;
      for (const p of s.ranks) {
        itemProgramArr.push(p);
        itemListArr.push(id);
        itemApplicantArr.push(ai);
      }
      listStartArr.push(itemProgramArr.length);
      const links = linkOf[ai] ?? new Map<number, number>();
      for (const adv of s.linkedTo) links.set(adv, id);
      linkOf[ai] = links;
    }
  });
  const listOf = (a: number, p: number) => linkOf[a]?.get(p) ?? -1;

  // Participants: singles in applicant order, then couples in input order.
  const participantOf = new Int32Array(nA).fill(-1);
  const inCouple = new Uint8Array(nA);
  for (const c of couples) {
    inCouple[c.members[0]] = 1;
    inCouple[c.members[1]] = 1;
  }
  const entryStartArr: number[] = [0];
  const entryOwnerArr: number[] = [];
  const entryChoiceArr: number[] = [];
  const claimStartArr: number[] = [0];
  const claimApplicantArr: number[] = [];
  const claimProgramArr: number[] = [];
  const claimListArr: number[] = [];
  const complexArr: number[] = [];
  const claim = (a: number, p: number) => {
    claimApplicantArr.push(a);
    claimProgramArr.push(p);
    claimListArr.push(listOf(a, p));
  };
  let c = 0;
  input.applicants.forEach((a, ai) => {
    if (inCouple[ai]) return;
    participantOf[ai] = c;
    let complex = 0;
    a.ranks.forEach((p, r) => {
      claim(ai, p);
      if (claimListArr[claimListArr.length - 1] !== -1) complex = 1;
      entryOwnerArr.push(c);
      entryChoiceArr.push(r + 1);
      claimStartArr.push(claimApplicantArr.length);
    });
    entryStartArr.push(entryOwnerArr.length);
    complexArr.push(complex);
    c++;
  });
  for (const cp of couples) {
    const [m1, m2] = cp.members;
    participantOf[m1] = c;
    participantOf[m2] = c;
    cp.ranks.forEach(([p1, p2], r) => {
      if (p1 !== null) claim(m1, p1);
      if (p2 !== null) claim(m2, p2);
      entryOwnerArr.push(c);
      entryChoiceArr.push(r + 1);
      claimStartArr.push(claimApplicantArr.length);
    });
    entryStartArr.push(entryOwnerArr.length);
    complexArr.push(1);
    c++;
  }

  const nClaims = claimApplicantArr.length;
  const nItems = itemProgramArr.length;
  const claimApplicant = Int32Array.from(claimApplicantArr);
  const claimProgram = Int32Array.from(claimProgramArr);
  const itemProgram = Int32Array.from(itemProgramArr);
  const itemApplicant = Int32Array.from(itemApplicantArr);
  const entryOwner = Int32Array.from(entryOwnerArr);
  const claimStart = Int32Array.from(claimStartArr);

  const tokenRank = new Int32Array(nClaims + nItems);
  const tokenParticipant = new Int32Array(nClaims + nItems);
  const claimEntry = new Int32Array(nClaims);
  for (let e = 0; e < entryOwner.length; e++)
    for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++) claimEntry[k] = e;
  for (let k = 0; k < nClaims; k++) {
    tokenRank[k] = rankOf(claimProgram[k] as number, claimApplicant[k] as number);
    tokenParticipant[k] = entryOwner[claimEntry[k] as number] as number;
  }
  for (let i = 0; i < nItems; i++) {
    const a = itemApplicant[i] as number;
    tokenRank[nClaims + i] = rankOf(itemProgram[i] as number, a);
    tokenParticipant[nClaims + i] = participantOf[a] as number;
  }

  // Entry index: an entry is listed once under each distinct program it names.
  const pairs: Array<[number, number]> = [];
  for (let e = 0; e < entryOwner.length; e++) {
    let last = -1;
    for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++) {
      const p = claimProgram[k] as number;
      if (p !== last) pairs.push([p, e]);
      last = p;
    }
  }
  const entryIdx = indexBy((i) => (pairs[i] as [number, number])[0], pairs.length, nP);
  const entryIndex = entryIdx.out.map((i) => (pairs[i] as [number, number])[1]);
  const itemIdx = indexBy((i) => itemProgram[i] as number, nItems, nP);

  return {
    nPrograms: nP,
    nApplicants: nA,
    nParticipants: c,
    positions: Int32Array.from(input.programs, (p) => p.positions),
    participantOf,
    entryStart: Int32Array.from(entryStartArr),
    entryOwner,
    entryChoice: Int32Array.from(entryChoiceArr),
    claimStart,
    claimApplicant,
    claimProgram,
    claimList: Int32Array.from(claimListArr),
    nClaims,
    listStart: Int32Array.from(listStartArr),
    itemProgram,
    itemList: Int32Array.from(itemListArr),
    itemApplicant,
    tokenRank,
    tokenParticipant,
    complex: Uint8Array.from(complexArr),
    entryIndexStart: entryIdx.start,
    entryIndex,
    itemIndexStart: itemIdx.start,
    itemIndex: itemIdx.out,
  };
}
