import { type CompiledMarket, indexBy } from "./compile-market.ts";
import type { CouplePair } from "./match-input.ts";

/**
 * A drawn season compiled for the Match straight from the draw, without building its MatchInput
 * first: the same CompiledMarket that compileMarket gives for the season's input, array for array
 * (compile-season.test.ts checks it on seasons with and without couples), in about a third of the
 * time. A season's input is regular: couples are applicants 0 … 2·couples − 1, every applicant has
 * at most one supplemental list, linked to every advanced program on its side, and every program
 * ranks exactly the applicants that have an interview record there, best view first. So each
 * token's rank is its record's place in its program's sorted records, read through the record
 * instead of through the programs' rank lists, and nothing is validated (the draw's own tests
 * prove its seasons valid). Complexity O(programs + applicants + ranks).
 */
export interface DrawnMarket {
  /** Per program: positions, whether advanced, its unit (−1 for a PGY-1-only program). */
  positions: Int32Array;
  advanced: Uint8Array;
  unitOf: Int32Array;
  nCouples: number;
  /** Each applicant's primary list (a partner's own, from which its side of the pairs is drawn). */
  primary: readonly (readonly number[])[];
  /** The record of the first unit on each applicant's primary list; the next units' records follow. */
  primaryRecord: Int32Array;
  /** Each applicant's PGY-1 list, and the record of each of its programs at pgy1Record[pgy1From[a] + i]. */
  pgy1Lists: readonly (readonly number[])[];
  pgy1From: Int32Array;
  pgy1Record: Int32Array;
  /** Couple c's pairs (members 2c and 2c + 1). */
  pairs: readonly (readonly CouplePair[])[];
  /** Each interview record's place on its program's (or unit's) rank list. */
  recordRank: Int32Array;
}

/** Scratch for one couple: each partner's record at every program of its list (−1 elsewhere). */
function recordsAt(d: DrawnMarket, a: number, into: Int32Array, on: boolean): void {
  const list = d.primary[a] as readonly number[];
  let r = (d.primaryRecord[a] as number) - 1;
  let unit = -1;
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as number;
    if (d.unitOf[p] !== unit) {
      unit = d.unitOf[p] as number;
      r++;
    }
    into[p] = on ? r : -1;
  }
}

export function compileSeason(d: DrawnMarket): CompiledMarket {
  const { primary, pgy1Lists, pairs, advanced, unitOf, recordRank, primaryRecord } = d;
  const nP = d.positions.length;
  const nA = primary.length;
  const nCouples = d.nCouples;
  const firstSingle = 2 * nCouples;

  let nEntries = 0;
  let nClaims = 0;
  let nLists = 0;
  let nItems = 0;
  for (let a = 0; a < nA; a++) {
    if (a >= firstSingle) {
      const n = (primary[a] as readonly number[]).length;
      nEntries += n;
      nClaims += n;
    }
    const n = (pgy1Lists[a] as readonly number[]).length;
    if (n > 0) {
      nLists++;
      nItems += n;
    }
  }
  for (let c = 0; c < nCouples; c++) {
    const ps = pairs[c] as readonly CouplePair[];
    nEntries += ps.length;
    for (let r = 0; r < ps.length; r++) {
      const pair = ps[r] as CouplePair;
      nClaims += (pair[0] === null ? 0 : 1) + (pair[1] === null ? 0 : 1);
    }
  }
  const nParticipants = nA - nCouples;
  const nTokens = nClaims + nItems;
  const tokenRank = new Int32Array(nTokens);

  // Supplemental lists, numbered in applicant order: one per applicant with PGY-1 interviews.
  const listStart = new Int32Array(nLists + 1);
  const itemProgram = new Int32Array(nItems);
  const itemList = new Int32Array(nItems);
  const itemApplicant = new Int32Array(nItems);
  const listOf = new Int32Array(nA).fill(-1);
  {
    let l = 0;
    let i = 0;
    for (let a = 0; a < nA; a++) {
      const ranks = pgy1Lists[a] as readonly number[];
      if (ranks.length === 0) continue;
      const from = d.pgy1From[a] as number;
      listOf[a] = l;
      for (let r = 0; r < ranks.length; r++) {
        itemProgram[i] = ranks[r] as number;
        itemList[i] = l;
        itemApplicant[i] = a;
        tokenRank[nClaims + i] = recordRank[d.pgy1Record[from + r] as number] as number;
        i++;
      }
      l++;
      listStart[l] = i;
    }
  }

  const participantOf = new Int32Array(nA).fill(-1);
  const entryStart = new Int32Array(nParticipants + 1);
  const entryOwner = new Int32Array(nEntries);
  const entryChoice = new Int32Array(nEntries);
  const claimStart = new Int32Array(nEntries + 1);
  const claimApplicant = new Int32Array(nClaims);
  const claimProgram = new Int32Array(nClaims);
  const claimList = new Int32Array(nClaims);
  const complex = new Uint8Array(nParticipants);
  const tokenParticipant = new Int32Array(nTokens);
  let c = 0;
  let e = 0;
  let k = 0;
  // Singles in applicant order (after the couples' partners), then couples in order.
  for (let a = firstSingle; a < nA; a++) {
    participantOf[a] = c;
    const l = listOf[a] as number;
    // A single's supplemental list is linked to every advanced program on its list.
    if (l >= 0) complex[c] = 1;
    const ranks = primary[a] as readonly number[];
    let r0 = (primaryRecord[a] as number) - 1;
    let unit = -1;
    for (let r = 0; r < ranks.length; r++) {
      const p = ranks[r] as number;
      if (unitOf[p] !== unit) {
        unit = unitOf[p] as number;
        r0++;
      }
      claimApplicant[k] = a;
      claimProgram[k] = p;
      claimList[k] = advanced[p] ? l : -1;
      tokenRank[k] = recordRank[r0] as number;
      tokenParticipant[k] = c;
      k++;
      entryOwner[e] = c;
      entryChoice[e] = r + 1;
      e++;
      claimStart[e] = k;
    }
    c++;
    entryStart[c] = e;
  }
  const at1 = new Int32Array(nP).fill(-1);
  const at2 = new Int32Array(nP).fill(-1);
  for (let i = 0; i < nCouples; i++) {
    const m1 = 2 * i;
    const m2 = 2 * i + 1;
    participantOf[m1] = c;
    participantOf[m2] = c;
    complex[c] = 1;
    const l1 = listOf[m1] as number;
    const l2 = listOf[m2] as number;
    recordsAt(d, m1, at1, true);
    recordsAt(d, m2, at2, true);
    const ps = pairs[i] as readonly CouplePair[];
    for (let r = 0; r < ps.length; r++) {
      const pair = ps[r] as CouplePair;
      const p1 = pair[0];
      const p2 = pair[1];
      if (p1 !== null) {
        claimApplicant[k] = m1;
        claimProgram[k] = p1;
        claimList[k] = advanced[p1] ? l1 : -1;
        tokenRank[k] = recordRank[at1[p1] as number] as number;
        tokenParticipant[k] = c;
        k++;
      }
      if (p2 !== null) {
        claimApplicant[k] = m2;
        claimProgram[k] = p2;
        claimList[k] = advanced[p2] ? l2 : -1;
        tokenRank[k] = recordRank[at2[p2] as number] as number;
        tokenParticipant[k] = c;
        k++;
      }
      entryOwner[e] = c;
      entryChoice[e] = r + 1;
      e++;
      claimStart[e] = k;
    }
    recordsAt(d, m1, at1, false);
    recordsAt(d, m2, at2, false);
    c++;
    entryStart[c] = e;
  }
  for (let i = 0; i < nItems; i++)
    tokenParticipant[nClaims + i] = participantOf[itemApplicant[i] as number] as number;

  // Entry index: an entry is listed once under each distinct program it names (a couple may name one twice).
  let nPairs = 0;
  for (let en = 0; en < nEntries; en++) {
    const k0 = claimStart[en] as number;
    const k1 = claimStart[en + 1] as number;
    nPairs += k1 - k0 === 2 && claimProgram[k0] === claimProgram[k0 + 1] ? 1 : k1 - k0;
  }
  const pairProgram = new Int32Array(nPairs);
  const pairEntry = new Int32Array(nPairs);
  {
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
  }
  const entryIdx = indexBy(pairProgram, nP);
  const entryIndex = new Int32Array(nPairs);
  for (let j = 0; j < nPairs; j++) entryIndex[j] = pairEntry[entryIdx.out[j] as number] as number;
  const itemIdx = indexBy(itemProgram, nP);

  return {
    nPrograms: nP,
    nApplicants: nA,
    nParticipants,
    positions: Int32Array.from(d.positions),
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
    entryIndex,
    itemIndexStart: itemIdx.start,
    itemIndex: itemIdx.out,
  };
}
