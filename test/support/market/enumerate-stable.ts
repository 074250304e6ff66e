import type { MatchInput } from "../../../src/core/market/match-input.ts";
import { verifyStability } from "../../../src/core/market/verify-stability.ts";

/**
 * Every stable matching of a small market of singles, by brute force: try every assignment of
 * each applicant to a program it ranked (and that ranked it) or to nothing, within quotas, and
 * keep those no applicant–program pair blocks. Exponential; for markets of a handful of
 * applicants only.
 */
export function enumerateStableSingles(input: MatchInput): number[][] {
  const nA = input.applicants.length;
  const rank = input.programs.map((p) => new Map(p.ranks.map((a, i) => [a, i] as const)));
  const options = input.applicants.map((a, i) => a.ranks.filter((p) => rank[p]?.has(i)));
  const quota = input.programs.map((p) => p.positions);
  const count = input.programs.map(() => 0);
  const assign = new Array<number>(nA).fill(-1);
  const stable: number[][] = [];

  const blocked = (): boolean => {
    for (let a = 0; a < nA; a++) {
      const list = input.applicants[a]?.ranks ?? [];
      const cur = assign[a] as number;
      const upTo = cur >= 0 ? list.indexOf(cur) : list.length;
      for (let i = 0; i < upTo; i++) {
        const p = list[i] as number;
        const r = rank[p]?.get(a);
        if (r === undefined) continue;
        if ((count[p] as number) < (quota[p] as number)) return true;
        for (let b = 0; b < nA; b++) if (assign[b] === p && (rank[p]?.get(b) as number) > r) return true;
      }
    }
    return false;
  };

  const walk = (a: number) => {
    if (a === nA) {
      if (!blocked()) stable.push([...assign]);
      return;
    }
    assign[a] = -1;
    walk(a + 1);
    for (const p of options[a] as number[]) {
      if ((count[p] as number) >= (quota[p] as number)) continue;
      count[p] = (count[p] as number) + 1;
      assign[a] = p;
      walk(a + 1);
      count[p] = (count[p] as number) - 1;
      assign[a] = -1;
    }
  };
  walk(0);
  return stable;
}

/**
 * Whether a small market with couples and supplemental lists has any stable matching: every
 * feasible assignment (each single to a rank or nothing, each couple to a pair or nothing, each
 * applicant on a linked advanced program to a PGY-1 program of that list or none) is judged by
 * the verifier. Exponential; for a handful of participants only.
 */
export function hasStableMatching(input: MatchInput): boolean {
  const nA = input.applicants.length;
  const nP = input.programs.length;
  const quota = input.programs.map((p) => p.positions);
  /** Per participant, its options as flat [applicant, program, …] lists; [] = unmatched. */
  const primary: Array<Array<number[]>> = [];
  const partnered = new Set<number>();
  for (const c of input.couples ?? []) {
    partnered.add(c.members[0]);
    partnered.add(c.members[1]);
  }
  input.applicants.forEach((a, i) => {
    if (!partnered.has(i)) primary.push([[], ...a.ranks.map((p) => [i, p])]);
  });
  for (const c of input.couples ?? []) {
    const opts: number[][] = [[]];
    for (const [p1, p2] of c.ranks) {
      const o: number[] = [];
      if (p1 !== null) o.push(c.members[0], p1);
      if (p2 !== null) o.push(c.members[1], p2);
      opts.push(o);
    }
    primary.push(opts);
  }
  const program = new Array<number>(nA).fill(-1);
  const supplemental = new Array<number>(nA).fill(-1);
  const count = new Array<number>(nP).fill(0);
  const fits = (p: number) => (count[p] as number) < (quota[p] as number);

  const linkedList = (a: number): readonly number[] => {
    const p = program[a] as number;
    if (p < 0 || !input.programs[p]?.advanced) return [];
    return input.applicants[a]?.supplemental?.find((l) => l.linkedTo.includes(p))?.ranks ?? [];
  };

  const pgy1 = (a: number, done: () => boolean): boolean => {
    if (a === nA) return done();
    const list = linkedList(a);
    if (pgy1(a + 1, done)) return true;
    for (const s of list) {
      if (!fits(s)) continue;
      count[s] = (count[s] as number) + 1;
      supplemental[a] = s;
      const found = pgy1(a + 1, done);
      supplemental[a] = -1;
      count[s] = (count[s] as number) - 1;
      if (found) return true;
    }
    return false;
  };

  const check = () =>
    verifyStability(input, {
      program,
      supplemental,
      positions: quota,
      reverted: (input.reversions ?? []).map(() => 0),
    }).stable;

  const walk = (i: number): boolean => {
    if (i === primary.length) return pgy1(0, check);
    for (const o of primary[i] as number[][]) {
      let ok = true;
      const placed: number[] = [];
      for (let j = 0; j < o.length; j += 2) {
        const a = o[j] as number;
        const p = o[j + 1] as number;
        if (!fits(p)) {
          ok = false;
          break;
        }
        count[p] = (count[p] as number) + 1;
        program[a] = p;
        placed.push(a, p);
      }
      if (ok && walk(i + 1)) return true;
      for (let j = 0; j < placed.length; j += 2) {
        program[placed[j] as number] = -1;
        count[placed[j + 1] as number] = (count[placed[j + 1] as number] as number) - 1;
      }
    }
    return false;
  };
  return walk(0);
}
