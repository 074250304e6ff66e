import { ok, type Result } from "../issues.ts";
import { permutation, seededRandom } from "../math/seeded-random.ts";
import { type CompiledMarket, compileMarket } from "./compile-market.ts";
import { type MatchInput, type Reversion, validateMatchInput } from "./match-input.ts";

/**
 * The Match: applicant-proposing deferred acceptance with couples, supplemental PGY-1 lists and
 * reversions, as the NRMP describes it (nrmp-match-algorithm, nrmp-supplemental-rol,
 * nrmp-couples, nrmp-reversions) and as Roth and Peranson designed it (roth-peranson-1999).
 *
 * Problem. Programs (quotas, rank lists of applicants) and applicants (rank lists of programs;
 * couples rank pairs; applicants to advanced PGY-2 programs may link supplemental lists of
 * PGY-1 programs) are to be matched so that no applicant or couple and program(s) would all
 * rather be matched to each other: a stable matching (for a couple, each program must prefer its
 * partner to someone it holds or have room, a partner already there keeping its place: Klaus &
 * Klijn 2005; verify-stability.ts checks exactly this). Without couples and supplemental lists a
 * stable matching always exists and this is the applicant-optimal one (Gale & Shapley 1962).
 * With couples one may not exist (Roth 1984); then the run stops and says so (step 5).
 *
 * Steps.
 * 1. Singles without a supplemental list propose one at a time (McVitie–Wilson order): each
 *    tries its next rank; a program holds the best applicants up to its quota and rejects the
 *    rest; a rejected applicant goes on to its next rank. The result does not depend on order.
 * 2. Couples and singles with supplemental lists then enter, in input order. Roth and Peranson
 *    add couples one at a time; here they enter together, because a partial market can have no
 *    stable matching (and cycle) where the whole market has one — on generated markets entering
 *    together never missed a stable matching that brute force found, one at a time did.
 *    A couple's pair is held only if both programs would take their partner at once; a single
 *    on an advanced program, or a partner of a couple, then proposes down the supplemental list
 *    linked to it (the NRMP applies supplemental lists to each applicant individually, never as
 *    a couple's pair). Losing a PGY-1 position moves the applicant down the supplemental list
 *    only; losing a primary position withdraws the whole rank (both partners' positions and any
 *    PGY-1 position) and the participant goes on to its next rank.
 * 3. A withdrawal frees a position, which may let an applicant rejected earlier block. Once no
 *    one is left to propose, every program that lost a holder is rescanned: those who passed a
 *    rank naming it and would now be taken, best first by the program's list, leave what they
 *    hold and take it. Repeat 1–3 until nothing changes.
 * 4. Reversions, as the NRMP describes the mechanism: a donor's unfilled positions, up to the
 *    stated number, move to the receiver, whose new positions are rescanned as in 3; repeat until
 *    no position moves. Which programs revert, and how many, is each institution's choice and is
 *    not published, so reversions are input data.
 * 5. A couples market can cycle for ever (Roth & Peranson 1999). An attempt stops when one
 *    participant has moved back up its list MAX_REENTRIES times, or at the proposal cap; the
 *    couples and supplemental-list applicants are then entered in another order, up to ATTEMPTS
 *    orders, and after that the run reports "no stable matching found" with the matching it
 *    stopped at. Otherwise the result is stable: every rank passed was refused by a full program
 *    and rescanned whenever that program had room again.
 *
 * Complexity. Without couples and supplemental lists every rank is proposed at most once, and a
 * proposal costs O(log quota) to judge and O(quota) to hold (holders are kept sorted): O(ranks ·
 * quota) at worst. Each withdrawal adds one rescan of the program's index (the ranks naming it).
 * Memory O(programs + ranks).
 *
 * Not modelled: the NRMP's exact processing order for couples and its handling of cycles,
 * which it does not publish; joint advanced/preliminary arrangements; the program-proposing
 * variant; SOAP after the Match.
 */
export interface MatchOutcome {
  /** Each applicant's primary program (categorical, advanced, preliminary…), or −1. */
  program: Int32Array;
  /** The PGY-1 program matched from a supplemental list, or −1: only beside an advanced program. */
  supplemental: Int32Array;
  /** 1-based place of the match on the applicant's primary list (a couple's pair number); 0 = unmatched. */
  choice: Int32Array;
  /** Each program's positions after reversions. */
  positions: Int32Array;
  filled: Int32Array;
  /** Positions moved by each reversion, in input order. */
  reverted: Int32Array;
  proposals: number;
}

export type MatchRun =
  | { status: "stable"; outcome: MatchOutcome; attempts: number }
  | {
      status: "no-stable-matching-found";
      reason: "cycle" | "proposal-cap";
      attempts: number;
      proposals: number;
      message: string;
      /**
       * Where the last attempt stopped: a feasible matching (quotas kept, everyone on a rank they
       * listed) that some applicant and program would block. Callers that must have a result, as
       * the NRMP must on Match Day, may use it and say so.
       */
      stopped: MatchOutcome;
    };

export interface MatchOptions {
  /** Proposals allowed per attempt before it gives up (default: PASSES_BEFORE_GIVING_UP × the number of ranks). */
  maxProposals?: number;
  /** Orders tried for couples and supplemental-list applicants (default ATTEMPTS). */
  attempts?: number;
  /**
   * Skip validateMatchInput: only for input built by code whose own tests prove it valid (the
   * market simulator's seasons, draw-season.test.ts), where checking costs more than matching.
   */
  prevalidated?: boolean;
}

/**
 * Engineering limits, not domain numbers. Without couples a run makes at most one proposal per
 * rank, so 50 passes over every rank leave room for the re-entries couples cause. A participant
 * that moves back up its list more than MAX_REENTRIES times is going round a cycle (each move up
 * needs a position freed by a couple's withdrawal; converging runs need a handful): the attempt
 * stops there rather than at the proposal cap, which keeps a cycling national market to milliseconds.
 * Roth and Peranson (1999) describe reprocessing in another order when a run cycles: ATTEMPTS
 * orders are tried, the input's first, then seeded shuffles.
 */
export const PASSES_BEFORE_GIVING_UP = 50;
export const MAX_REENTRIES = 25;
export const ATTEMPTS = 3;

export function runMatch(input: MatchInput, options: MatchOptions = {}): Result<MatchRun> {
  if (!options.prevalidated) {
    const valid = validateMatchInput(input);
    if (!valid.ok) return valid;
  }
  return ok(matchCompiledMarket(compileMarket(input), input.reversions ?? [], options));
}

/**
 * The Match on a market already compiled (compileMarket of a valid input, or compileSeason of a
 * drawn season, which gives the same arrays without building the input first).
 */
export function matchCompiledMarket(
  m: CompiledMarket,
  reversions: readonly Reversion[] = [],
  options: MatchOptions = {},
): MatchRun {
  const complex: number[] = [];
  for (let c = 0; c < m.nParticipants; c++) if (m.complex[c]) complex.push(c);
  const attempts = Math.max(1, options.attempts ?? ATTEMPTS);
  let last: MatchRun | null = null;
  for (let k = 0; k < attempts; k++) {
    const order =
      k === 0 ? complex : permutation(complex.length, seededRandom(k)).map((i) => complex[i] as number);
    const run = matchCompiled(m, reversions, options, Int32Array.from(order));
    last = { ...run, attempts: k + 1 };
    if (run.status === "stable" || complex.length === 0) break;
  }
  return last as MatchRun;
}

/**
 * One attempt of the matching loop: the market and everything the attempt changes. The steps are
 * module functions over it rather than closures made per call: the engine keeps a closure's
 * compiled code only while some closure made at that place is alive, so closures made anew for
 * every Match were compiled again after most garbage collections (in a thousand simulated seasons,
 * every few dozen seasons), where module functions are compiled once.
 */
class Attempt {
  proposals = 0;
  cycling = false;
  readonly nClaims: number;
  readonly cap: number;
  readonly quota: Int32Array;
  /** Tokens each program holds, best (lowest rank) first. */
  readonly holds: number[][];
  readonly held: Int32Array;
  readonly next: Int32Array;
  readonly suppActive: Int32Array;
  readonly suppCursor: Int32Array;
  readonly suppHeld: Int32Array;
  readonly dirty: Uint8Array;
  readonly dirtyQueue: number[] = [];
  /** Participants c as c; an applicant a proposing down a supplemental list as −(a + 1). */
  readonly stack: number[] = [];
  readonly reentries: Int32Array;

  constructor(
    readonly m: CompiledMarket,
    options: MatchOptions,
  ) {
    const nP = m.nPrograms;
    const nC = m.nParticipants;
    this.nClaims = m.nClaims;
    const totalRanks = m.entryOwner.length + m.itemProgram.length;
    this.cap = options.maxProposals ?? PASSES_BEFORE_GIVING_UP * (totalRanks + nC) + nC;
    this.quota = Int32Array.from(m.positions);
    this.holds = Array.from({ length: nP }, () => []);
    this.held = new Int32Array(nC).fill(-1);
    this.next = m.entryStart.slice(0, nC);
    this.suppActive = new Int32Array(m.nApplicants).fill(-1);
    this.suppCursor = new Int32Array(m.nApplicants);
    this.suppHeld = new Int32Array(m.nApplicants).fill(-1);
    this.dirty = new Uint8Array(nP);
    this.reentries = new Int32Array(nC);
  }
}

/** A participant moves back up its list; too many times means a cycle. */
function reenter(s: Attempt, c: number): void {
  s.reentries[c] = (s.reentries[c] as number) + 1;
  if ((s.reentries[c] as number) > MAX_REENTRIES) s.cycling = true;
}

function markDirty(s: Attempt, p: number): void {
  if (!s.dirty[p]) {
    s.dirty[p] = 1;
    s.dirtyQueue.push(p);
  }
}

/** Holders of p ranked above r: binary search, holds being sorted by rank. */
function better(s: Attempt, p: number, r: number): number {
  const tokenRank = s.m.tokenRank;
  const h = s.holds[p] as number[];
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokenRank[h[mid] as number] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether p holds a token of rank r (ranks are one per applicant, so: holds that applicant). */
function holdsRank(s: Attempt, p: number, r: number): boolean {
  const h = s.holds[p] as number[];
  const i = better(s, p, r);
  return i < h.length && s.m.tokenRank[h[i] as number] === r;
}

function insert(s: Attempt, p: number, t: number): void {
  const tokenRank = s.m.tokenRank;
  const h = s.holds[p] as number[];
  const r = tokenRank[t] as number;
  let i = h.length;
  h.push(t);
  while (i > 0 && (tokenRank[h[i - 1] as number] as number) > r) {
    h[i] = h[i - 1] as number;
    i--;
  }
  h[i] = t;
}

function remove(s: Attempt, p: number, t: number): void {
  const h = s.holds[p] as number[];
  const i = h.indexOf(t);
  if (i >= 0) h.splice(i, 1);
  markDirty(s, p);
}

/**
 * Would every claim of entry e be held, compared with everyone the programs hold now? A partner
 * who already holds the program keeps its place and is not counted twice (Klaus & Klijn 2005).
 */
function accepts(s: Attempt, e: number): boolean {
  const { claimStart, claimProgram, tokenRank } = s.m;
  const quota = s.quota;
  const k0 = claimStart[e] as number;
  const k1 = claimStart[e + 1] as number;
  for (let k = k0; k < k1; k++) {
    const p = claimProgram[k] as number;
    const r = tokenRank[k] as number;
    const q = quota[p] as number;
    if (r < 0 || q === 0) return false;
    let n = better(s, p, r);
    for (let j = k0; j < k1; j++) {
      const rj = tokenRank[j] as number;
      if (j !== k && claimProgram[j] === p && rj < r && !holdsRank(s, p, rj)) n++;
    }
    if (n >= q) return false;
  }
  return true;
}

/** Drops a participant's primary rank and every PGY-1 position its applicants hold. */
function withdraw(s: Attempt, c: number, except: number): void {
  const { claimStart, claimProgram, claimApplicant, itemProgram } = s.m;
  const { held, suppHeld, suppActive, nClaims } = s;
  const e = held[c] as number;
  for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++)
    if (k !== except) remove(s, claimProgram[k] as number, k);
  for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++) {
    const a = claimApplicant[k] as number;
    const i = suppHeld[a] as number;
    if (i >= 0) remove(s, itemProgram[i] as number, nClaims + i);
    suppHeld[a] = -1;
    suppActive[a] = -1;
  }
  held[c] = -1;
}

/** The program rejects its worst holder: a primary holder loses its rank, a PGY-1 holder its PGY-1 position. */
function evict(s: Attempt, t: number): void {
  if (t < s.nClaims) {
    const c = s.m.tokenParticipant[t] as number;
    const e = s.held[c] as number;
    withdraw(s, c, t);
    s.next[c] = e + 1;
    s.stack.push(c);
  } else {
    const i = t - s.nClaims;
    const a = s.m.itemApplicant[i] as number;
    s.suppHeld[a] = -1;
    s.suppCursor[a] = i + 1;
    s.stack.push(-(a + 1));
  }
}

function trim(s: Attempt, p: number): void {
  const h = s.holds[p] as number[];
  while (h.length > (s.quota[p] as number)) evict(s, h.pop() as number);
}

function place(s: Attempt, c: number, e: number): void {
  const { claimStart, claimProgram, claimList, claimApplicant, listStart } = s.m;
  s.held[c] = e;
  s.next[c] = e;
  const k0 = claimStart[e] as number;
  const k1 = claimStart[e + 1] as number;
  for (let k = k0; k < k1; k++) insert(s, claimProgram[k] as number, k);
  for (let k = k0; k < k1; k++) trim(s, claimProgram[k] as number);
  for (let k = k0; k < k1; k++) {
    const l = claimList[k] as number;
    if (l < 0) continue;
    const a = claimApplicant[k] as number;
    s.suppActive[a] = l;
    s.suppCursor[a] = listStart[l] as number;
    s.suppHeld[a] = -1;
    s.stack.push(-(a + 1));
  }
}

function proposeEntries(s: Attempt, c: number): void {
  if ((s.held[c] as number) >= 0) return;
  const end = s.m.entryStart[c + 1] as number;
  for (let e = s.next[c] as number; e < end; e++) {
    s.proposals++;
    if (accepts(s, e)) {
      place(s, c, e);
      return;
    }
  }
  s.next[c] = end;
}

function proposeSupplemental(s: Attempt, a: number): void {
  const { listStart, itemProgram, tokenRank } = s.m;
  const l = s.suppActive[a] as number;
  if (l < 0 || (s.suppHeld[a] as number) >= 0) return;
  const end = listStart[l + 1] as number;
  for (let i = s.suppCursor[a] as number; i < end; i++) {
    s.proposals++;
    const p = itemProgram[i] as number;
    const r = tokenRank[s.nClaims + i] as number;
    if (r >= 0 && better(s, p, r) < (s.quota[p] as number)) {
      s.suppHeld[a] = i;
      s.suppCursor[a] = i;
      insert(s, p, s.nClaims + i);
      trim(s, p);
      return;
    }
  }
  s.suppCursor[a] = end;
}

/** Runs proposals until no one is left to propose or the cap is reached. */
function drain(s: Attempt): boolean {
  const stack = s.stack;
  while (stack.length > 0) {
    if (s.proposals > s.cap || s.cycling) return false;
    const x = stack.pop() as number;
    if (x >= 0) proposeEntries(s, x);
    else proposeSupplemental(s, -x - 1);
  }
  return s.proposals <= s.cap && !s.cycling;
}

/** A rank found by rescan: a primary entry, or an item of a supplemental list (the other is −1). */
interface Found {
  rank: number;
  entry: number;
  item: number;
}

/**
 * Program p may have room again: whoever passed a rank naming p and would now be taken
 * re-enters there, best first by p's list, and proposes at once so the next candidate sees
 * the room already taken.
 */
function rescan(s: Attempt, p: number): void {
  const { entryIndexStart, entryIndex, entryOwner, claimStart, claimProgram, tokenRank } = s.m;
  const { itemIndexStart, itemIndex, itemApplicant, itemList, itemProgram, tokenParticipant } = s.m;
  const { held, next, suppActive, suppHeld, suppCursor, nClaims } = s;
  const found: Found[] = [];
  for (let j = entryIndexStart[p] as number; j < (entryIndexStart[p + 1] as number); j++) {
    const e = entryIndex[j] as number;
    const c = entryOwner[e] as number;
    const h = held[c] as number;
    if (e >= (h >= 0 ? h : (next[c] as number))) continue;
    let r = Number.POSITIVE_INFINITY;
    for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++)
      if (claimProgram[k] === p) r = Math.min(r, tokenRank[k] as number);
    if (r >= 0) found.push({ rank: r, entry: e, item: -1 });
  }
  for (let j = itemIndexStart[p] as number; j < (itemIndexStart[p + 1] as number); j++) {
    const i = itemIndex[j] as number;
    const a = itemApplicant[i] as number;
    if (suppActive[a] !== itemList[i]) continue;
    const h = suppHeld[a] as number;
    if (i >= (h >= 0 ? h : (suppCursor[a] as number))) continue;
    const r = tokenRank[nClaims + i] as number;
    if (r >= 0) found.push({ rank: r, entry: -1, item: i });
  }
  found.sort(byRank);
  for (const f of found) {
    if (f.entry >= 0) {
      const c = entryOwner[f.entry] as number;
      const h = held[c] as number;
      if (f.entry >= (h >= 0 ? h : (next[c] as number)) || !accepts(s, f.entry)) continue;
      if (h >= 0) withdraw(s, c, -1);
      s.proposals++;
      reenter(s, c);
      place(s, c, f.entry);
    } else {
      const i = f.item;
      const a = itemApplicant[i] as number;
      const h = suppHeld[a] as number;
      if (suppActive[a] !== itemList[i] || i >= (h >= 0 ? h : (suppCursor[a] as number))) continue;
      if (better(s, p, tokenRank[nClaims + i] as number) >= (s.quota[p] as number)) continue;
      if (h >= 0) remove(s, itemProgram[h] as number, nClaims + h);
      suppHeld[a] = -1;
      suppCursor[a] = i;
      reenter(s, tokenParticipant[nClaims + i] as number);
      proposeSupplemental(s, a);
    }
  }
}

const byRank = (x: Found, y: Found): number => x.rank - y.rank;

function settle(s: Attempt): boolean {
  for (;;) {
    if (!drain(s)) return false;
    const p = s.dirtyQueue.shift();
    if (p === undefined) return true;
    s.dirty[p] = 0;
    rescan(s, p);
  }
}

function outcome(s: Attempt, reverted: Int32Array): MatchOutcome {
  const { nApplicants, nParticipants, claimStart, claimApplicant, claimProgram, entryChoice, itemProgram } =
    s.m;
  const { held, suppHeld } = s;
  const program = new Int32Array(nApplicants).fill(-1);
  const supplemental = new Int32Array(nApplicants).fill(-1);
  const choice = new Int32Array(nApplicants);
  for (let c = 0; c < nParticipants; c++) {
    const e = held[c] as number;
    if (e < 0) continue;
    for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++) {
      const a = claimApplicant[k] as number;
      program[a] = claimProgram[k] as number;
      choice[a] = entryChoice[e] as number;
      const i = suppHeld[a] as number;
      if (i >= 0) supplemental[a] = itemProgram[i] as number;
    }
  }
  return {
    program,
    supplemental,
    choice,
    positions: Int32Array.from(s.quota),
    filled: Int32Array.from(s.holds, holdCount),
    reverted: Int32Array.from(reverted),
    proposals: s.proposals,
  };
}

const holdCount = (h: number[]): number => h.length;

function giveUp(s: Attempt, reverted: Int32Array): MatchRun {
  const { proposals, cycling } = s;
  return {
    status: "no-stable-matching-found",
    reason: cycling ? "cycle" : "proposal-cap",
    attempts: 1,
    proposals,
    message: cycling
      ? `stopped after ${proposals} proposals: applicants kept moving round a cycle (the market may have no stable matching)`
      : `stopped after ${proposals} proposals without reaching a stable matching (the market may have none)`,
    stopped: outcome(s, reverted),
  };
}

/** The matching loop on a compiled market (steps 1–5 above). */
export function matchCompiled(
  m: CompiledMarket,
  reversions: MatchInput["reversions"] & object,
  options: MatchOptions,
  complexOrder: Int32Array,
): MatchRun {
  const s = new Attempt(m, options);
  const reverted = new Int32Array(reversions.length);
  // Step 1: plain singles, all at once; their order does not change the result.
  for (let c = m.nParticipants - 1; c >= 0; c--) if (!m.complex[c]) s.stack.push(c);
  if (!settle(s)) return giveUp(s, reverted);
  // Step 2: couples and singles with supplemental lists, together, in the attempt's order.
  for (let i = complexOrder.length - 1; i >= 0; i--) s.stack.push(complexOrder[i] as number);
  if (!settle(s)) return giveUp(s, reverted);
  // Step 4: reversions until no position moves.
  const quota = s.quota;
  for (;;) {
    let moved = false;
    for (let i = 0; i < reversions.length; i++) {
      const rv = reversions[i] as Reversion;
      const unfilled = (quota[rv.from] as number) - (s.holds[rv.from] as number[]).length;
      const n = Math.min(unfilled, rv.max - (reverted[i] as number));
      if (n <= 0) continue;
      quota[rv.from] = (quota[rv.from] as number) - n;
      quota[rv.to] = (quota[rv.to] as number) + n;
      reverted[i] = (reverted[i] as number) + n;
      markDirty(s, rv.to);
      moved = true;
    }
    if (!moved) break;
    if (!settle(s)) return giveUp(s, reverted);
  }

  return { status: "stable", outcome: outcome(s, reverted), attempts: 1 };
}
