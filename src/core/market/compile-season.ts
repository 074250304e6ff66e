import { type CompiledMarket, type Int32Source, indexBy } from "./compile-market.ts";
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
/**
 * The buffers a compiled season lives in, reused by the next season compiled with the same pool:
 * every array is a view of exactly its length. A season's compiled arrays came to about 0.7 MB of
 * typed arrays; allocated anew they were most of what made the engine collect its young generation
 * (it collects once the young generation's typed arrays hold more than about 32 MB).
 */
export class CompilePool implements Int32Source {
  private readonly ints: Int32Array[] = [];
  private readonly bytes: Uint8Array[] = [];
  private nInts = 0;
  private nBytes = 0;

  /** Starts a season: every buffer may be handed out again. */
  reset(): void {
    this.nInts = 0;
    this.nBytes = 0;
  }

  /** A zeroed Int32Array of length n. Asked for in the same order every season, so each buffer keeps one use. */
  int32(n: number): Int32Array {
    let b = this.ints[this.nInts];
    if (!b || b.length < n) {
      b = new Int32Array(n + (n >> 3));
      this.ints[this.nInts] = b;
    }
    this.nInts++;
    const view = b.subarray(0, n);
    view.fill(0);
    return view;
  }

  uint8(n: number): Uint8Array {
    let b = this.bytes[this.nBytes];
    if (!b || b.length < n) {
      b = new Uint8Array(n + (n >> 3));
      this.bytes[this.nBytes] = b;
    }
    this.nBytes++;
    const view = b.subarray(0, n);
    view.fill(0);
    return view;
  }
}

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

/**
 * The season compiled, in the pool's buffers: valid until the pool compiles the next season (the
 * caller runs the Match before then). Without a pool, in arrays of its own.
 */
export function compileSeason(d: DrawnMarket, pool: CompilePool = new CompilePool()): CompiledMarket {
  pool.reset();
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
  const tokenRank = pool.int32(nTokens);

  // Supplemental lists, numbered in applicant order: one per applicant with PGY-1 interviews.
  const listStart = pool.int32(nLists + 1);
  const itemProgram = pool.int32(nItems);
  const itemList = pool.int32(nItems);
  const itemApplicant = pool.int32(nItems);
  const listOf = pool.int32(nA).fill(-1);
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

  const participantOf = pool.int32(nA).fill(-1);
  const entryStart = pool.int32(nParticipants + 1);
  const entryOwner = pool.int32(nEntries);
  const entryChoice = pool.int32(nEntries);
  const claimStart = pool.int32(nEntries + 1);
  const claimApplicant = pool.int32(nClaims);
  const claimProgram = pool.int32(nClaims);
  const claimList = pool.int32(nClaims);
  const complex = pool.uint8(nParticipants);
  const tokenParticipant = pool.int32(nTokens);
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
  const at1 = pool.int32(nP).fill(-1);
  const at2 = pool.int32(nP).fill(-1);
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
  const pairProgram = pool.int32(nPairs);
  const pairEntry = pool.int32(nPairs);
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
  const entryIdx = indexBy(pairProgram, nP, pool);
  const entryIndex = pool.int32(nPairs);
  for (let j = 0; j < nPairs; j++) entryIndex[j] = pairEntry[entryIdx.out[j] as number] as number;
  const itemIdx = indexBy(itemProgram, nP, pool);

  const positions = pool.int32(nP);
  positions.set(d.positions);
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
    entryIndex,
    itemIndexStart: itemIdx.start,
    itemIndex: itemIdx.out,
  };
}
