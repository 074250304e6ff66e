import type { MatchInput } from "./match-input.ts";

/**
 * An independent check of a Match result: it shares no code with the algorithm and reads the
 * market from the input as given, the slow and obvious way.
 *
 * Spec. A matching is stable when it is feasible and nobody would rather break it:
 * - feasible: no program holds more applicants than its positions (after reversions); everyone
 *   is matched only to a program they ranked and that ranked them; a couple only to a pair on
 *   its list; a PGY-1 position from a supplemental list only beside the advanced program that
 *   list is linked to (nrmp-supplemental-rol); reversions moved at most their stated number,
 *   kept every program's count consistent, and a donor left with room reverted all it could
 *   (nrmp-reversions).
 * - blocking: a single and a program ranked above its match that would take it; an applicant
 *   on an advanced program and a PGY-1 program of the linked supplemental list ranked above its
 *   PGY-1 match that would take it; a couple and a pair ranked above its pair whose programs
 *   would take each partner at once. "Would take" = the newcomers are among the program's best,
 *   by its rank list, of its current holders and the newcomers, up to its positions; a partner
 *   who already holds the program keeps its place. A program is never asked to give a partner's
 *   place to the other partner without preferring it: the couples definition of Klaus & Klijn
 *   (2005, "Stable matchings and preferences of couples", J. Econ. Theory 121).
 * Complexity O(ranks · q log q) for quota q; meant for tests and audits, not the inner loop.
 */
export interface BlockingPair {
  kind: "single" | "supplemental" | "couple";
  applicants: number[];
  /** The program (or pair of programs; null = "No Match") they would all rather be matched to. */
  programs: Array<number | null>;
}

export interface Violation {
  kind:
    | "over-capacity"
    | "not-ranked-by-applicant"
    | "not-ranked-by-program"
    | "supplemental-without-advanced"
    | "reversion";
  message: string;
}

export interface StabilityReport {
  stable: boolean;
  blockingPairs: BlockingPair[];
  violations: Violation[];
}

/** What the verifier needs of a result: every applicant's positions and the programs' final positions. */
export interface MatchingToVerify {
  program: ArrayLike<number>;
  supplemental: ArrayLike<number>;
  positions: ArrayLike<number>;
  reverted?: ArrayLike<number>;
}

export function verifyStability(input: MatchInput, matching: MatchingToVerify): StabilityReport {
  const blockingPairs: BlockingPair[] = [];
  const violations: Violation[] = [];
  const programs = input.programs;
  const rankOf = programs.map((p) => new Map(p.ranks.map((a, i) => [a, i] as const)));
  const positions = (p: number) => matching.positions[p] as number;

  const holders: number[][] = programs.map(() => []);
  input.applicants.forEach((_, a) => {
    const p = matching.program[a] as number;
    const s = matching.supplemental[a] as number;
    if (p >= 0) holders[p]?.push(a);
    if (s >= 0) holders[s]?.push(a);
  });

  holders.forEach((h, p) => {
    if (h.length > positions(p))
      violations.push({
        kind: "over-capacity",
        message: `program ${p} holds ${h.length} applicants for ${positions(p)} positions`,
      });
    for (const a of h)
      if (!rankOf[p]?.has(a))
        violations.push({
          kind: "not-ranked-by-program",
          message: `program ${p} did not rank applicant ${a}`,
        });
  });

  checkReversions(input, matching, holders, violations);

  /** Would program p take all the newcomers, compared with everyone it holds now? */
  const wouldTake = (p: number, newcomers: number[]): boolean => {
    const ranks = rankOf[p] as Map<number, number>;
    if (newcomers.some((a) => !ranks.has(a))) return false;
    const pool = [...new Set([...(holders[p] as number[]), ...newcomers])];
    pool.sort(
      (x, y) => (ranks.get(x) ?? Number.POSITIVE_INFINITY) - (ranks.get(y) ?? Number.POSITIVE_INFINITY),
    );
    const kept = pool.slice(0, positions(p));
    return newcomers.every((a) => kept.includes(a));
  };

  /** The supplemental part: the applicant's PGY-1 match against the list linked to its advanced program. */
  const checkSupplemental = (a: number) => {
    const p = matching.program[a] as number;
    const s = matching.supplemental[a] as number;
    const list =
      p >= 0 && programs[p]?.advanced
        ? (input.applicants[a]?.supplemental ?? []).find((l) => l.linkedTo.includes(p))
        : undefined;
    if (!list) {
      if (s >= 0)
        violations.push({
          kind: "supplemental-without-advanced",
          message: `applicant ${a} holds PGY-1 program ${s} without the advanced program its list is linked to`,
        });
      return;
    }
    const at = s >= 0 ? list.ranks.indexOf(s) : list.ranks.length;
    if (at < 0) {
      violations.push({
        kind: "not-ranked-by-applicant",
        message: `applicant ${a} holds PGY-1 program ${s}, not on the list linked to program ${p}`,
      });
      return;
    }
    for (let j = 0; j < at; j++) {
      const q = list.ranks[j] as number;
      if (wouldTake(q, [a])) blockingPairs.push({ kind: "supplemental", applicants: [a], programs: [q] });
    }
  };

  const partnered = new Set<number>();
  for (const c of input.couples ?? []) {
    partnered.add(c.members[0]);
    partnered.add(c.members[1]);
  }

  input.applicants.forEach((app, a) => {
    if (partnered.has(a)) return;
    const p = matching.program[a] as number;
    const at = p >= 0 ? app.ranks.indexOf(p) : app.ranks.length;
    if (at < 0) {
      violations.push({
        kind: "not-ranked-by-applicant",
        message: `applicant ${a} holds program ${p}, which it did not rank`,
      });
      return;
    }
    for (let i = 0; i < at; i++) {
      const q = app.ranks[i] as number;
      if (wouldTake(q, [a])) blockingPairs.push({ kind: "single", applicants: [a], programs: [q] });
    }
    checkSupplemental(a);
  });

  for (const c of input.couples ?? []) {
    const [m1, m2] = c.members;
    const cur1 = matching.program[m1] as number;
    const cur2 = matching.program[m2] as number;
    const same = (x: number | null, cur: number) => (x === null ? cur < 0 : x === cur);
    const at =
      cur1 < 0 && cur2 < 0 ? c.ranks.length : c.ranks.findIndex(([x, y]) => same(x, cur1) && same(y, cur2));
    if (at < 0) {
      violations.push({
        kind: "not-ranked-by-applicant",
        message: `couple (${m1}, ${m2}) holds (${cur1}, ${cur2}), a pair it did not rank`,
      });
      continue;
    }
    for (let i = 0; i < at; i++) {
      const [p1, p2] = c.ranks[i] as readonly [number | null, number | null];
      const both = [m1, m2];
      const takes =
        p1 !== null && p1 === p2
          ? wouldTake(p1, both)
          : (p1 === null || wouldTake(p1, [m1])) && (p2 === null || wouldTake(p2, [m2]));
      if (takes) blockingPairs.push({ kind: "couple", applicants: both, programs: [p1, p2] });
    }
    checkSupplemental(m1);
    checkSupplemental(m2);
  }

  return { stable: blockingPairs.length === 0 && violations.length === 0, blockingPairs, violations };
}

function checkReversions(
  input: MatchInput,
  matching: MatchingToVerify,
  holders: number[][],
  violations: Violation[],
): void {
  const reversions = input.reversions ?? [];
  const moved = (i: number) => (matching.reverted ? (matching.reverted[i] as number) : 0);
  const expected = input.programs.map((p) => p.positions);
  reversions.forEach((r, i) => {
    const n = moved(i);
    if (n < 0 || n > r.max)
      violations.push({
        kind: "reversion",
        message: `reversion ${i} moved ${n} positions; at most ${r.max} allowed`,
      });
    expected[r.from] = (expected[r.from] as number) - n;
    expected[r.to] = (expected[r.to] as number) + n;
  });
  expected.forEach((n, p) => {
    if (n !== matching.positions[p])
      violations.push({
        kind: "reversion",
        message: `program ${p} ends with ${matching.positions[p]} positions; its reversions account for ${n}`,
      });
  });
  reversions.forEach((r, i) => {
    const room = (matching.positions[r.from] as number) - (holders[r.from] as number[]).length;
    if (room > 0 && moved(i) < r.max)
      violations.push({
        kind: "reversion",
        message: `program ${r.from} kept ${room} unfilled positions but reversion ${i} moved only ${moved(i)} of ${r.max}`,
      });
  });
}
