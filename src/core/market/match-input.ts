import { fail, type Issue, ok, type Result } from "../issues.ts";

/**
 * What the Match takes in: programs with their positions and rank order lists, applicants with
 * their primary and supplemental rank order lists, couples with their paired lists, and
 * reversions. Everything refers to programs and applicants by their index in these arrays, so
 * a market of thousands of applicants is plain numbers (the simulator builds it that way).
 *
 * The rules follow the NRMP's own descriptions (data/sources.yaml):
 * - nrmp-supplemental-rol: a supplemental list holds PGY-1 programs and is linked to one or more
 *   advanced (PGY-2) programs of the primary list; it is used only if the applicant matches the
 *   linked advanced program, and failing it does not send the applicant further down the primary list.
 * - nrmp-couples: a couple ranks pairs of programs, either side may be "No Match"; partners are
 *   matched only as a couple; each partner's supplemental lists are used individually, never as
 *   a pair.
 * - nrmp-reversions: a donor program's unfilled positions, up to a designated number, are added to
 *   a receiver program's quota during the Match.
 */
export interface MatchProgram {
  id: string;
  /** Positions offered (the quota) before any reversion. */
  positions: number;
  /** An advanced program (training starts at PGY-2): only these may carry a supplemental list. */
  advanced: boolean;
  /** The program's rank order list: applicant indices, most preferred first. Unranked = not acceptable. */
  ranks: readonly number[];
}

export interface SupplementalList {
  /** PGY-1 programs (indices of non-advanced programs), most preferred first. */
  ranks: readonly number[];
  /** The advanced programs this list is linked to; each must be on the applicant's primary list. */
  linkedTo: readonly number[];
}

export interface MatchApplicant {
  id: string;
  /** Primary rank order list: program indices, most preferred first. Empty for a partner of a couple. */
  ranks: readonly number[];
  supplemental?: readonly SupplementalList[];
}

/** One rank of a couple: the program of each partner, null = that partner goes unmatched ("No Match"). */
export type CouplePair = readonly [number | null, number | null];

export interface MatchCouple {
  /** The two partners (applicant indices). */
  members: readonly [number, number];
  /** Pairs, most preferred first. */
  ranks: readonly CouplePair[];
}

/** Up to `max` of the donor's unfilled positions are added to the receiver's quota. */
export interface Reversion {
  from: number;
  to: number;
  max: number;
}

export interface MatchInput {
  programs: readonly MatchProgram[];
  applicants: readonly MatchApplicant[];
  couples?: readonly MatchCouple[];
  reversions?: readonly Reversion[];
}

const isIndex = (x: unknown, n: number): x is number =>
  Number.isInteger(x) && (x as number) >= 0 && (x as number) < n;

/**
 * Checks that every index points somewhere, no list repeats an entry, supplemental lists hold
 * PGY-1 programs and are linked to advanced programs the applicant ranked, and couples are
 * well formed. Each problem names its field.
 */
export function validateMatchInput(input: MatchInput): Result<MatchInput> {
  const issues: Issue[] = [];
  const nP = input.programs.length;
  const nA = input.applicants.length;
  const bad = (path: string, message: string, allowed?: string) =>
    issues.push({ code: "invalid_value", path, message, ...(allowed ? { allowed } : {}) });
  const programRange = `0–${nP - 1}`;
  const applicantRange = `0–${nA - 1}`;

  // Duplicates are found with a stamp per list rather than a set: markets run to tens of thousands of lists.
  const seenProgram = new Int32Array(nP).fill(-1);
  const seenApplicant = new Int32Array(nA).fill(-1);
  let stamp = 0;
  /** Checks one list; its path is spelled out only when there is something to report. */
  const listOf = (list: readonly number[], of: "programs" | "applicants", path: () => string) => {
    const programs = of === "programs";
    const seen = programs ? seenProgram : seenApplicant;
    const n = programs ? nP : nA;
    stamp++;
    for (let i = 0; i < list.length; i++) {
      const x = list[i] as number;
      // The common case (a small non-negative integer in range, not seen) is settled by one test.
      if (x >= 0 && x < n && (x | 0) === x && seen[x] !== stamp) {
        seen[x] = stamp;
        continue;
      }
      if (!isIndex(x, n))
        bad(`${path()}.${i}`, `${x} is not an index`, programs ? programRange : applicantRange);
      else bad(`${path()}.${i}`, `${x} is listed twice`);
    }
  };

  input.programs.forEach((p, i) => {
    if (!Number.isInteger(p.positions) || p.positions < 0)
      bad(`programs.${i}.positions`, `${p.positions} is not a count of positions`, "an integer ≥ 0");
    listOf(p.ranks, "applicants", () => `programs.${i}.ranks`);
  });

  const partnerOf = new Map<number, number>();
  (input.couples ?? []).forEach((c, i) => {
    const [m1, m2] = c.members;
    if (!isIndex(m1, nA) || !isIndex(m2, nA) || m1 === m2) {
      bad(`couples.${i}.members`, "must be two different applicants", applicantRange);
      return;
    }
    for (const m of [m1, m2]) {
      if (partnerOf.has(m)) bad(`couples.${i}.members`, `applicant ${m} is already in a couple`);
      partnerOf.set(m, i);
      if ((input.applicants[m]?.ranks.length ?? 0) > 0)
        bad(`applicants.${m}.ranks`, "a partner of a couple ranks only through the couple's pairs");
    }
    // A pair as one number, (p1 + 1) · (nP + 1) + (p2 + 1) with null as 0, when every pair of the
    // couple holds valid indices; otherwise as the text "p1|p2", so malformed values compare as written.
    const numeric = c.ranks.every(
      ([p1, p2]) => (p1 === null || isIndex(p1, nP)) && (p2 === null || isIndex(p2, nP)),
    );
    const seen = new Set<number | string>();
    c.ranks.forEach((pair, j) => {
      const [p1, p2] = pair;
      if (p1 === null && p2 === null) bad(`couples.${i}.ranks.${j}`, "a pair needs at least one program");
      if (p1 !== null && !isIndex(p1, nP))
        bad(`couples.${i}.ranks.${j}.0`, `${p1} is not an index`, programRange);
      if (p2 !== null && !isIndex(p2, nP))
        bad(`couples.${i}.ranks.${j}.1`, `${p2} is not an index`, programRange);
      const key = numeric ? ((p1 ?? -1) + 1) * (nP + 1) + ((p2 ?? -1) + 1) : `${p1}|${p2}`;
      if (seen.has(key)) bad(`couples.${i}.ranks.${j}`, "this pair is listed twice");
      seen.add(key);
    });
  });

  // Programs on each applicant's primary side, and those already given a supplemental list, by stamp.
  const primary = new Int32Array(nP).fill(-1);
  const linked = new Int32Array(nP).fill(-1);
  input.applicants.forEach((a, i) => {
    listOf(a.ranks, "programs", () => `applicants.${i}.ranks`);
    if (!a.supplemental || a.supplemental.length === 0) return;
    for (const p of a.ranks) if (isIndex(p, nP)) primary[p] = i;
    const couple = partnerOf.get(i);
    if (couple !== undefined) {
      const c = input.couples?.[couple];
      const side = c?.members[0] === i ? 0 : 1;
      for (const pair of c?.ranks ?? []) {
        const p = pair[side];
        if (p !== null && p !== undefined && isIndex(p, nP)) primary[p] = i;
      }
    }
    a.supplemental.forEach((s, j) => {
      const path = () => `applicants.${i}.supplemental.${j}`;
      listOf(s.ranks, "programs", () => `${path()}.ranks`);
      s.ranks.forEach((p, k) => {
        if (input.programs[p]?.advanced)
          bad(`${path()}.ranks.${k}`, `program ${p} is advanced, not a PGY-1 program`);
      });
      if (s.linkedTo.length === 0)
        bad(`${path()}.linkedTo`, "a supplemental list is linked to at least one advanced program");
      s.linkedTo.forEach((p, k) => {
        const at = () => `${path()}.linkedTo.${k}`;
        if (!isIndex(p, nP)) bad(at(), `${p} is not an index`, programRange);
        else if (!input.programs[p]?.advanced) bad(at(), `program ${p} is not an advanced program`);
        else if (primary[p] !== i) bad(at(), `program ${p} is not on the applicant's primary list`);
        else if (linked[p] === i) bad(at(), `program ${p} already has a supplemental list`);
        else linked[p] = i;
      });
    });
  });

  (input.reversions ?? []).forEach((r, i) => {
    if (!isIndex(r.from, nP)) bad(`reversions.${i}.from`, `${r.from} is not an index`, programRange);
    if (!isIndex(r.to, nP)) bad(`reversions.${i}.to`, `${r.to} is not an index`, programRange);
    if (r.from === r.to) bad(`reversions.${i}.to`, "a program cannot revert positions to itself");
    if (!Number.isInteger(r.max) || r.max < 0)
      bad(`reversions.${i}.max`, `${r.max} is not a count`, "an integer ≥ 0");
  });

  return issues.length > 0 ? fail(issues) : ok(input);
}
