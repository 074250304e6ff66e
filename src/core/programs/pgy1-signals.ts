import type { FactStatus } from "../cycle/schemas.ts";
import { signalsFor } from "../cycle/signal-schemes.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { signalCounts } from "./allocate-signals.ts";
import type { SupplementalProgram } from "./plan-program-list.ts";

/**
 * Signals on the PGY-1 (supplemental) list of an advanced-specialty applicant.
 *
 * Spec. Problem: a DR applicant's preliminary and transitional programs are signalled too, but
 * signals go to the institution, not the track (AAMC): a preliminary IM program is signalled from
 * Internal Medicine's allowance, and one IM signal covers the categorical and preliminary IM
 * programs of an institution. Steps: (1) one pool per allowance (the track's `signalsThrough`, or
 * the track itself), with the Match year's counts (cycle/signal-schemes.ts; an unknown count gives
 * no signals and says so); (2) signals already spent from a pool on the main or parallel list
 * are taken out of it, and the institutions they went to are marked; (3) the PGY-1 list in its
 * order (nearest the chosen advanced programs first — no interview odds exist for these tracks, so
 * nearness is the only order there is): a program at an institution already signalled from its
 * pool shares that signal; otherwise it takes the pool's next gold, then silver. Complexity O(n).
 */
export interface Pgy1Signals {
  programs: SupplementalProgram[];
  tracks: Array<{
    specialty: string;
    allowanceOf: string;
    /** "single" where the allowance has no gold/silver tiers (its signals are counted as gold); null when the count is unknown. */
    scheme: "single" | "gold-silver" | null;
    /** The allowance in words, with its confidence mark. */
    text: string;
    confidence: FactStatus;
    spent: { gold: number; silver: number };
    /** PGY-1 programs whose institution already holds a signal from the same allowance. */
    covered: number;
    sources: string[];
    /** When the allowance's count was last verified; null when unknown. */
    verified: string | null;
  }>;
  rule: string;
  note: string;
  sources: string[];
}

interface Pool {
  gold: number;
  silver: number;
  byInstitution: Map<string, "gold" | "silver">;
}

export function signalPgy1(
  rb: Rulebook,
  matchYear: number,
  supplemental: readonly SupplementalProgram[],
  listed: ReadonlyArray<{
    specialty: string;
    institution: string | null;
    name: string;
    signal: "gold" | "silver" | null;
  }>,
): Pgy1Signals {
  const pools = new Map<string, Pool>();
  const poolOf = (specialty: string): Pool | undefined => {
    const a = signalsFor(rb, specialty, matchYear);
    if (!a.scheme) return undefined;
    let pool = pools.get(a.allowanceOf);
    if (!pool) {
      pool = { ...signalCounts(a.scheme), byInstitution: new Map() };
      pools.set(a.allowanceOf, pool);
    }
    return pool;
  };
  const institution = (p: { institution: string | null; name: string }) => p.institution ?? p.name;

  for (const p of listed) {
    if (!p.signal) continue;
    const pool = poolOf(p.specialty);
    if (!pool || pool.byInstitution.has(institution(p))) continue;
    pool[p.signal] = Math.max(0, pool[p.signal] - 1);
    pool.byInstitution.set(institution(p), p.signal);
  }

  const spent = new Map<string, { gold: number; silver: number; covered: number }>();
  const programs = supplemental.map((p): SupplementalProgram => {
    const pool = poolOf(p.specialty);
    const tally = spent.get(p.specialty) ?? { gold: 0, silver: 0, covered: 0 };
    spent.set(p.specialty, tally);
    if (!pool) return { ...p, signal: null };
    const held = pool.byInstitution.get(institution(p));
    if (held) {
      tally.covered++;
      return { ...p, signal: held };
    }
    const tier: "gold" | "silver" | null = pool.gold > 0 ? "gold" : pool.silver > 0 ? "silver" : null;
    if (!tier) return { ...p, signal: null };
    pool[tier]--;
    pool.byInstitution.set(institution(p), tier);
    tally[tier]++;
    return { ...p, signal: tier };
  });

  const rule = rb.cycles.signalsToInstitution;
  const tracks = [...new Set(supplemental.map((p) => p.specialty))].map((specialty) => {
    const a = signalsFor(rb, specialty, matchYear);
    const t = spent.get(specialty) ?? { gold: 0, silver: 0, covered: 0 };
    return {
      specialty,
      allowanceOf: a.allowanceOf,
      scheme: a.scheme?.scheme ?? null,
      text: a.text,
      confidence: a.confidence,
      spent: { gold: t.gold, silver: t.silver },
      covered: t.covered,
      sources: a.sources,
      verified: a.verified,
    };
  });
  return {
    programs,
    tracks,
    rule: rule.value,
    note: `${rule.note ?? ""} No interview odds exist for PGY-1 tracks, so signals follow the list's order (nearest the chosen programs first).`.trim(),
    sources: [...new Set([...rule.sources, ...tracks.flatMap((t) => t.sources)])],
  };
}
