import { ok, type Result } from "../issues.ts";
import { permutation, seededRandom } from "../math/seeded-random.ts";
import { type CompiledMarket, compileMarket } from "./compile-market.ts";
import { type MatchInput, validateMatchInput } from "./match-input.ts";

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
  const m = compileMarket(input);
  const complex: number[] = [];
  for (let c = 0; c < m.nParticipants; c++) if (m.complex[c]) complex.push(c);
  const attempts = Math.max(1, options.attempts ?? ATTEMPTS);
  let last: MatchRun | null = null;
  for (let k = 0; k < attempts; k++) {
    const order =
      k === 0 ? complex : permutation(complex.length, seededRandom(k)).map((i) => complex[i] as number);
    const run = matchCompiled(m, input.reversions ?? [], options, Int32Array.from(order));
    last = { ...run, attempts: k + 1 };
    if (run.status === "stable" || complex.length === 0) break;
  }
  return ok(last as MatchRun);
}

/** The matching loop on a compiled market (steps 1–5 above). */
export function matchCompiled(
  m: CompiledMarket,
  reversions: MatchInput["reversions"] & object,
  options: MatchOptions,
  complexOrder: Int32Array,
): MatchRun {
  const nP = m.nPrograms;
  const nC = m.nParticipants;
  const nClaims = m.nClaims;
  const { entryStart, claimStart, claimProgram, claimApplicant, claimList, tokenRank, tokenParticipant } = m;
  const { listStart, itemProgram, itemApplicant, itemList, entryOwner, entryIndexStart, entryIndex } = m;
  const { itemIndexStart, itemIndex } = m;

  const totalRanks = entryOwner.length + itemProgram.length;
  const cap = options.maxProposals ?? PASSES_BEFORE_GIVING_UP * (totalRanks + nC) + nC;
  const quota = Int32Array.from(m.positions);
  /** Tokens each program holds, best (lowest rank) first. */
  const holds: number[][] = Array.from({ length: nP }, () => []);
  const held = new Int32Array(nC).fill(-1);
  const next = entryStart.slice(0, nC);
  const suppActive = new Int32Array(m.nApplicants).fill(-1);
  const suppCursor = new Int32Array(m.nApplicants);
  const suppHeld = new Int32Array(m.nApplicants).fill(-1);
  const dirty = new Uint8Array(nP);
  const dirtyQueue: number[] = [];
  /** Participants c as c; an applicant a proposing down a supplemental list as −(a + 1). */
  const stack: number[] = [];
  let proposals = 0;
  const reentries = new Int32Array(nC);
  let cycling = false;
  /** A participant moves back up its list; too many times means a cycle. */
  const reenter = (c: number) => {
    reentries[c] = (reentries[c] as number) + 1;
    if ((reentries[c] as number) > MAX_REENTRIES) cycling = true;
  };

  const markDirty = (p: number) => {
    if (!dirty[p]) {
      dirty[p] = 1;
      dirtyQueue.push(p);
    }
  };

  /** Holders of p ranked above r: binary search, holds being sorted by rank. */
  const better = (p: number, r: number): number => {
    const h = holds[p] as number[];
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokenRank[h[mid] as number] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** Whether p holds a token of rank r (ranks are one per applicant, so: holds that applicant). */
  const holdsRank = (p: number, r: number): boolean => {
    const h = holds[p] as number[];
    const i = better(p, r);
    return i < h.length && tokenRank[h[i] as number] === r;
  };

  const insert = (p: number, t: number) => {
    const h = holds[p] as number[];
    const r = tokenRank[t] as number;
    let i = h.length;
    h.push(t);
    while (i > 0 && (tokenRank[h[i - 1] as number] as number) > r) {
      h[i] = h[i - 1] as number;
      i--;
    }
    h[i] = t;
  };

  const remove = (p: number, t: number) => {
    const h = holds[p] as number[];
    const i = h.indexOf(t);
    if (i >= 0) h.splice(i, 1);
    markDirty(p);
  };

  /**
   * Would every claim of entry e be held, compared with everyone the programs hold now? A partner
   * who already holds the program keeps its place and is not counted twice (Klaus & Klijn 2005).
   */
  const accepts = (e: number): boolean => {
    const k0 = claimStart[e] as number;
    const k1 = claimStart[e + 1] as number;
    for (let k = k0; k < k1; k++) {
      const p = claimProgram[k] as number;
      const r = tokenRank[k] as number;
      const q = quota[p] as number;
      if (r < 0 || q === 0) return false;
      let n = better(p, r);
      for (let j = k0; j < k1; j++) {
        const rj = tokenRank[j] as number;
        if (j !== k && claimProgram[j] === p && rj < r && !holdsRank(p, rj)) n++;
      }
      if (n >= q) return false;
    }
    return true;
  };

  /** Drops a participant's primary rank and every PGY-1 position its applicants hold. */
  const withdraw = (c: number, except: number) => {
    const e = held[c] as number;
    for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++)
      if (k !== except) remove(claimProgram[k] as number, k);
    for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++) {
      const a = claimApplicant[k] as number;
      const i = suppHeld[a] as number;
      if (i >= 0) remove(itemProgram[i] as number, nClaims + i);
      suppHeld[a] = -1;
      suppActive[a] = -1;
    }
    held[c] = -1;
  };

  /** The program rejects its worst holder: a primary holder loses its rank, a PGY-1 holder its PGY-1 position. */
  const evict = (t: number) => {
    if (t < nClaims) {
      const c = tokenParticipant[t] as number;
      const e = held[c] as number;
      withdraw(c, t);
      next[c] = e + 1;
      stack.push(c);
    } else {
      const i = t - nClaims;
      const a = itemApplicant[i] as number;
      suppHeld[a] = -1;
      suppCursor[a] = i + 1;
      stack.push(-(a + 1));
    }
  };

  const trim = (p: number) => {
    const h = holds[p] as number[];
    while (h.length > (quota[p] as number)) evict(h.pop() as number);
  };

  const place = (c: number, e: number) => {
    held[c] = e;
    next[c] = e;
    const k0 = claimStart[e] as number;
    const k1 = claimStart[e + 1] as number;
    for (let k = k0; k < k1; k++) insert(claimProgram[k] as number, k);
    for (let k = k0; k < k1; k++) trim(claimProgram[k] as number);
    for (let k = k0; k < k1; k++) {
      const l = claimList[k] as number;
      if (l < 0) continue;
      const a = claimApplicant[k] as number;
      suppActive[a] = l;
      suppCursor[a] = listStart[l] as number;
      suppHeld[a] = -1;
      stack.push(-(a + 1));
    }
  };

  const proposeEntries = (c: number) => {
    if ((held[c] as number) >= 0) return;
    const end = entryStart[c + 1] as number;
    for (let e = next[c] as number; e < end; e++) {
      proposals++;
      if (accepts(e)) {
        place(c, e);
        return;
      }
    }
    next[c] = end;
  };

  const proposeSupplemental = (a: number) => {
    const l = suppActive[a] as number;
    if (l < 0 || (suppHeld[a] as number) >= 0) return;
    const end = listStart[l + 1] as number;
    for (let i = suppCursor[a] as number; i < end; i++) {
      proposals++;
      const p = itemProgram[i] as number;
      const r = tokenRank[nClaims + i] as number;
      if (r >= 0 && better(p, r) < (quota[p] as number)) {
        suppHeld[a] = i;
        suppCursor[a] = i;
        insert(p, nClaims + i);
        trim(p);
        return;
      }
    }
    suppCursor[a] = end;
  };

  /** Runs proposals until no one is left to propose or the cap is reached. */
  const drain = (): boolean => {
    while (stack.length > 0) {
      if (proposals > cap || cycling) return false;
      const x = stack.pop() as number;
      if (x >= 0) proposeEntries(x);
      else proposeSupplemental(-x - 1);
    }
    return proposals <= cap && !cycling;
  };

  /**
   * Program p may have room again: whoever passed a rank naming p and would now be taken
   * re-enters there, best first by p's list, and proposes at once so the next candidate sees
   * the room already taken.
   */
  const rescan = (p: number) => {
    const found: Array<{ rank: number; entry: number; item: number }> = [];
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
    found.sort((x, y) => x.rank - y.rank);
    for (const f of found) {
      if (f.entry >= 0) {
        const c = entryOwner[f.entry] as number;
        const h = held[c] as number;
        if (f.entry >= (h >= 0 ? h : (next[c] as number)) || !accepts(f.entry)) continue;
        if (h >= 0) withdraw(c, -1);
        proposals++;
        reenter(c);
        place(c, f.entry);
      } else {
        const i = f.item;
        const a = itemApplicant[i] as number;
        const h = suppHeld[a] as number;
        if (suppActive[a] !== itemList[i] || i >= (h >= 0 ? h : (suppCursor[a] as number))) continue;
        if (better(p, tokenRank[nClaims + i] as number) >= (quota[p] as number)) continue;
        if (h >= 0) remove(itemProgram[h] as number, nClaims + h);
        suppHeld[a] = -1;
        suppCursor[a] = i;
        reenter(tokenParticipant[nClaims + i] as number);
        proposeSupplemental(a);
      }
    }
  };

  const settle = (): boolean => {
    for (;;) {
      if (!drain()) return false;
      const p = dirtyQueue.shift();
      if (p === undefined) return true;
      dirty[p] = 0;
      rescan(p);
    }
  };

  const reverted = new Int32Array(reversions.length);
  const outcome = (): MatchOutcome => {
    const program = new Int32Array(m.nApplicants).fill(-1);
    const supplemental = new Int32Array(m.nApplicants).fill(-1);
    const choice = new Int32Array(m.nApplicants);
    for (let c = 0; c < nC; c++) {
      const e = held[c] as number;
      if (e < 0) continue;
      for (let k = claimStart[e] as number; k < (claimStart[e + 1] as number); k++) {
        const a = claimApplicant[k] as number;
        program[a] = claimProgram[k] as number;
        choice[a] = m.entryChoice[e] as number;
        const i = suppHeld[a] as number;
        if (i >= 0) supplemental[a] = itemProgram[i] as number;
      }
    }
    return {
      program,
      supplemental,
      choice,
      positions: Int32Array.from(quota),
      filled: Int32Array.from(holds, (h) => h.length),
      reverted: Int32Array.from(reverted),
      proposals,
    };
  };

  const giveUp = (): MatchRun => ({
    status: "no-stable-matching-found",
    reason: cycling ? "cycle" : "proposal-cap",
    attempts: 1,
    proposals,
    message: cycling
      ? `stopped after ${proposals} proposals: applicants kept moving round a cycle (the market may have no stable matching)`
      : `stopped after ${proposals} proposals without reaching a stable matching (the market may have none)`,
    stopped: outcome(),
  });

  // Step 1: plain singles, all at once; their order does not change the result.
  for (let c = nC - 1; c >= 0; c--) if (!m.complex[c]) stack.push(c);
  if (!settle()) return giveUp();
  // Step 2: couples and singles with supplemental lists, together, in the attempt's order.
  for (let i = complexOrder.length - 1; i >= 0; i--) stack.push(complexOrder[i] as number);
  if (!settle()) return giveUp();
  // Step 4: reversions until no position moves.
  for (;;) {
    let moved = false;
    reversions.forEach((rv, i) => {
      const unfilled = (quota[rv.from] as number) - (holds[rv.from] as number[]).length;
      const n = Math.min(unfilled, rv.max - (reverted[i] as number));
      if (n <= 0) return;
      quota[rv.from] = (quota[rv.from] as number) - n;
      quota[rv.to] = (quota[rv.to] as number) + n;
      reverted[i] = (reverted[i] as number) + n;
      markDirty(rv.to);
      moved = true;
    });
    if (!moved) break;
    if (!settle()) return giveUp();
  }

  return { status: "stable", outcome: outcome(), attempts: 1 };
}
