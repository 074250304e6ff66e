import type { MatchInput, MatchProgram, SupplementalList } from "../../../src/core/market/match-input.ts";
import { permutation, type Random } from "../../../src/core/math/seeded-random.ts";

/**
 * Random markets for testing the Match: applicants rank a random subset of programs in a
 * random order, and programs rank most (not all) of those who ranked them, in a random order.
 * Optional couples, advanced programs with supplemental PGY-1 lists, and reversions.
 */
export interface MarketShape {
  applicants: number;
  programs: number;
  /** Positions per program are drawn from 0 (rarely) to this. */
  maxPositions: number;
  /** Longest primary (or couple) list. */
  maxList: number;
  /** Share of programs that are advanced (PGY-2); they may carry supplemental lists. */
  advancedShare?: number;
  /** Chance that an applicant ranking an advanced program links supplemental lists to it. */
  supplementalShare?: number;
  couples?: number;
  reversions?: number;
  /** Chance that a program ranks an applicant who ranked it. */
  rankShare?: number;
  /**
   * "random": programs rank in a random order. "contested": programs prefer the applicants who
   * prefer them least, so applicants' and programs' wishes conflict and a market has many stable
   * matchings — the cases where applicant-optimal and program-optimal differ.
   */
  programOrder?: "random" | "contested";
}

const pick = (rng: Random, pool: readonly number[], n: number): number[] =>
  permutation(pool.length, rng)
    .slice(0, n)
    .map((i) => pool[i] as number);

export function randomMarket(rng: Random, shape: MarketShape): MatchInput {
  const nP = shape.programs;
  const nA = shape.applicants;
  const advanced = Array.from({ length: nP }, () => rng.next() < (shape.advancedShare ?? 0));
  const all = Array.from({ length: nP }, (_, i) => i);
  const pgy1 = all.filter((p) => !advanced[p]);
  const nCouples = Math.min(shape.couples ?? 0, Math.floor(nA / 2));
  const order = permutation(nA, rng);
  const partnered = new Set(order.slice(0, 2 * nCouples));

  const applicants = Array.from({ length: nA }, (_, a) => {
    const len = rng.int(shape.maxList + 1);
    const ranks = partnered.has(a) ? [] : pick(rng, all, len);
    return { id: `a${a}`, ranks, supplemental: [] as SupplementalList[] };
  });

  const couples = Array.from({ length: nCouples }, (_, i) => {
    const members = [order[2 * i] as number, order[2 * i + 1] as number] as const;
    const seen = new Set<string>();
    const ranks: Array<readonly [number | null, number | null]> = [];
    const len = rng.int(shape.maxList + 1);
    for (let j = 0; j < len * 2 && ranks.length < len; j++) {
      const side = (): number | null => (rng.next() < 0.2 ? null : rng.int(nP));
      const pair = [side(), side()] as const;
      const key = `${pair[0]}|${pair[1]}`;
      if ((pair[0] === null && pair[1] === null) || seen.has(key)) continue;
      seen.add(key);
      ranks.push(pair);
    }
    return { members, ranks };
  });

  // Supplemental lists linked to the advanced programs on each applicant's primary side.
  const primaryOf = (a: number): number[] => {
    const own = applicants[a]?.ranks ?? [];
    const c = couples.find((x) => x.members.includes(a));
    if (!c) return [...own];
    const side = c.members[0] === a ? 0 : 1;
    return [...new Set(c.ranks.map((p) => p[side]).filter((p): p is number => p !== null))];
  };
  if ((shape.supplementalShare ?? 0) > 0 && pgy1.length > 0) {
    applicants.forEach((app, a) => {
      const adv = primaryOf(a).filter((p) => advanced[p] && rng.next() < (shape.supplementalShare ?? 0));
      if (adv.length === 0) return;
      const lists = 1 + rng.int(Math.min(2, adv.length));
      for (let l = 0; l < lists; l++) {
        const linkedTo = adv.filter((_, i) => i % lists === l);
        if (linkedTo.length === 0) continue;
        app.supplemental.push({
          ranks: pick(rng, pgy1, 1 + rng.int(Math.min(pgy1.length, shape.maxList))),
          linkedTo,
        });
      }
    });
  }

  // Programs rank most of those who named them anywhere.
  const named: Array<Set<number>> = all.map(() => new Set());
  applicants.forEach((app, a) => {
    for (const p of app.ranks) named[p]?.add(a);
    for (const s of app.supplemental) for (const p of s.ranks) named[p]?.add(a);
  });
  for (const c of couples)
    for (const [p1, p2] of c.ranks) {
      if (p1 !== null) named[p1]?.add(c.members[0]);
      if (p2 !== null) named[p2]?.add(c.members[1]);
    }
  const share = shape.rankShare ?? 0.85;
  const placeOn = (a: number, p: number) => {
    const list = applicants[a]?.ranks ?? [];
    const i = list.indexOf(p);
    return i < 0 ? 0 : i;
  };
  const programs: MatchProgram[] = all.map((p) => {
    const pool = [...(named[p] as Set<number>)].filter(() => rng.next() < share);
    const ranks =
      shape.programOrder === "contested"
        ? pool
            .map((a) => ({ a, key: placeOn(a, p) + rng.next() }))
            .sort((x, y) => y.key - x.key)
            .map((x) => x.a)
        : pick(rng, pool, pool.length);
    return {
      id: `p${p}`,
      positions: rng.next() < 0.05 ? 0 : 1 + rng.int(shape.maxPositions),
      advanced: advanced[p] as boolean,
      ranks,
    };
  });

  const reversions = Array.from({ length: nP > 1 ? (shape.reversions ?? 0) : 0 }, () => {
    const from = rng.int(nP);
    const to = (from + 1 + rng.int(nP - 1)) % nP;
    return { from, to, max: 1 + rng.int(2) };
  });

  return {
    programs,
    applicants: applicants.map((a) => (a.supplemental.length > 0 ? a : { id: a.id, ranks: a.ranks })),
    ...(couples.length > 0 ? { couples } : {}),
    ...(reversions.length > 0 ? { reversions } : {}),
  };
}
