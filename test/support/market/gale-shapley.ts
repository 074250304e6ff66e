import type { MatchInput } from "../../../src/core/market/match-input.ts";

/**
 * The textbook applicant-proposing deferred acceptance of Gale & Shapley (1962), in rounds:
 * every free applicant proposes to the next program on its list; each program keeps the best
 * of its proposals and its current holders up to its quota and rejects the rest; repeat until
 * no free applicant has a program left to try. Singles only. Written plainly, to be compared
 * with the Match's own loop.
 */
export function galeShapley(input: MatchInput): number[] {
  const rank = input.programs.map((p) => new Map(p.ranks.map((a, i) => [a, i] as const)));
  const next = input.applicants.map(() => 0);
  const match = input.applicants.map(() => -1);
  let held: number[][] = input.programs.map(() => []);
  for (;;) {
    const proposals: number[][] = input.programs.map(() => []);
    let any = false;
    input.applicants.forEach((a, i) => {
      if (match[i] !== -1) return;
      const n = next[i] as number;
      if (n >= a.ranks.length) return;
      next[i] = n + 1;
      proposals[a.ranks[n] as number]?.push(i);
      any = true;
    });
    if (!any) break;
    held = held.map((h, p) => {
      const r = rank[p] as Map<number, number>;
      const pool = [...h, ...(proposals[p] as number[])].filter((a) => r.has(a));
      pool.sort((x, y) => (r.get(x) as number) - (r.get(y) as number));
      const keep = pool.slice(0, input.programs[p]?.positions ?? 0);
      for (const a of h) if (!keep.includes(a)) match[a] = -1;
      for (const a of proposals[p] as number[]) match[a] = keep.includes(a) ? p : -1;
      return keep;
    });
  }
  return match;
}
