import { type CompiledMarket, type Int32Source, indexBy, indexEntries } from "./compile-market.ts";
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

/** Sizes of a compiled season. */
interface Sizes {
  entries: number;
  claims: number;
  lists: number;
  items: number;
}

function sizesOf(d: DrawnMarket): Sizes {
  const { primary, pgy1Lists, pairs } = d;
  const nA = primary.length;
  const firstSingle = 2 * d.nCouples;
  let entries = 0;
  let lists = 0;
  let items = 0;
  for (let a = firstSingle; a < nA; a++) entries += (primary[a] as readonly number[]).length;
  let claims = entries;
  for (let a = 0; a < nA; a++) {
    const n = (pgy1Lists[a] as readonly number[]).length;
    if (n > 0) {
      lists++;
      items += n;
    }
  }
  for (let c = 0; c < d.nCouples; c++) {
    const ps = pairs[c] as readonly CouplePair[];
    entries += ps.length;
    for (let r = 0; r < ps.length; r++) {
      const pair = ps[r] as CouplePair;
      claims += (pair[0] === null ? 0 : 1) + (pair[1] === null ? 0 : 1);
    }
  }
  return { entries, claims, lists, items };
}

/**
 * The season compiled, in the pool's buffers: valid until the pool compiles the next season (the
 * caller runs the Match before then). Without a pool, in arrays of its own. Each step is a function
 * of its own, so that the engine compiles each with the feedback of a whole run of it (one
 * function of every step was compiled midway through its first loops and compiled again and
 * again as later steps ran).
 */
export function compileSeason(d: DrawnMarket, pool: CompilePool = new CompilePool()): CompiledMarket {
  pool.reset();
  const nP = d.positions.length;
  const nA = d.primary.length;
  const nParticipants = nA - d.nCouples;
  const n = sizesOf(d);
  const nTokens = n.claims + n.items;
  const m: CompiledMarket = {
    nPrograms: nP,
    nApplicants: nA,
    nParticipants,
    positions: pool.int32(nP),
    participantOf: pool.int32(nA).fill(-1),
    entryStart: pool.int32(nParticipants + 1),
    entryOwner: pool.int32(n.entries),
    entryChoice: pool.int32(n.entries),
    claimStart: pool.int32(n.entries + 1),
    claimApplicant: pool.int32(n.claims),
    claimProgram: pool.int32(n.claims),
    claimList: pool.int32(n.claims),
    nClaims: n.claims,
    listStart: pool.int32(n.lists + 1),
    itemProgram: pool.int32(n.items),
    itemList: pool.int32(n.items),
    itemApplicant: pool.int32(n.items),
    tokenRank: pool.int32(nTokens),
    tokenParticipant: pool.int32(nTokens),
    complex: pool.uint8(nParticipants),
    entryIndexStart: EMPTY,
    entryIndex: EMPTY,
    itemIndexStart: EMPTY,
    itemIndex: EMPTY,
  };
  m.positions.set(d.positions);
  const listOf = pool.int32(nA).fill(-1);
  compileLists(d, m, listOf);
  const e = compileSingles(d, m, listOf);
  compileCouples(d, m, listOf, pool.int32(nP).fill(-1), pool.int32(nP).fill(-1), e);
  for (let i = 0; i < n.items; i++)
    m.tokenParticipant[n.claims + i] = m.participantOf[m.itemApplicant[i] as number] as number;
  indexSeasonEntries(m, pool);
  const itemIdx = indexBy(m.itemProgram, nP, pool);
  m.itemIndexStart = itemIdx.start;
  m.itemIndex = itemIdx.out;
  return m;
}

const EMPTY = new Int32Array(0);

/** Supplemental lists, numbered in applicant order: one per applicant with PGY-1 interviews. */
function compileLists(d: DrawnMarket, m: CompiledMarket, listOf: Int32Array): void {
  const { pgy1Lists, recordRank, pgy1Record, pgy1From } = d;
  const { listStart, itemProgram, itemList, itemApplicant, tokenRank, nClaims } = m;
  let l = 0;
  let i = 0;
  for (let a = 0; a < pgy1Lists.length; a++) {
    const ranks = pgy1Lists[a] as readonly number[];
    if (ranks.length === 0) continue;
    const from = pgy1From[a] as number;
    listOf[a] = l;
    for (let r = 0; r < ranks.length; r++) {
      itemProgram[i] = ranks[r] as number;
      itemList[i] = l;
      itemApplicant[i] = a;
      tokenRank[nClaims + i] = recordRank[pgy1Record[from + r] as number] as number;
      i++;
    }
    l++;
    listStart[l] = i;
  }
}

/** Singles in applicant order (after the couples' partners), an entry of one claim per rank; returns the entries written. */
function compileSingles(d: DrawnMarket, m: CompiledMarket, listOf: Int32Array): number {
  const { primary, advanced, unitOf, recordRank, primaryRecord } = d;
  const { participantOf, complex, claimApplicant, claimProgram, claimList, tokenRank, tokenParticipant } = m;
  const { entryOwner, entryChoice, claimStart, entryStart } = m;
  let c = 0;
  let e = 0;
  for (let a = 2 * d.nCouples; a < primary.length; a++) {
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
      claimApplicant[e] = a;
      claimProgram[e] = p;
      claimList[e] = advanced[p] ? l : -1;
      tokenRank[e] = recordRank[r0] as number;
      tokenParticipant[e] = c;
      entryOwner[e] = c;
      entryChoice[e] = r + 1;
      e++;
      claimStart[e] = e;
    }
    c++;
    entryStart[c] = e;
  }
  return e;
}

/** Couples after the singles, an entry per pair, a claim per partner named; `at1`, `at2` are scratch (−1). */
function compileCouples(
  d: DrawnMarket,
  m: CompiledMarket,
  listOf: Int32Array,
  at1: Int32Array,
  at2: Int32Array,
  firstEntry: number,
): void {
  const { advanced, recordRank, pairs } = d;
  const { participantOf, complex, claimApplicant, claimProgram, claimList, tokenRank, tokenParticipant } = m;
  const { entryOwner, entryChoice, claimStart, entryStart } = m;
  let c = m.nApplicants - 2 * d.nCouples;
  let e = firstEntry;
  let k = firstEntry;
  for (let i = 0; i < d.nCouples; i++) {
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
}

/** The entry index (see indexEntries in compile-market.ts), in the pool's buffers. */
function indexSeasonEntries(m: CompiledMarket, pool: CompilePool): void {
  const idx = indexEntries(m.claimStart, m.claimProgram, m.entryOwner.length, m.nPrograms, pool);
  m.entryIndexStart = idx.start;
  m.entryIndex = idx.index;
}
