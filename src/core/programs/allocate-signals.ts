import type { SignalScheme } from "../rulebook/schemas.ts";
import { compareIds } from "./compare-ids.ts";
import type { InterviewOdds } from "./interview-odds.ts";

/**
 * Which programs get a gold or a silver signal.
 *
 * Spec. Problem: spend G gold and S silver signals where they help this applicant most, never
 * where the signalled chance is essentially zero (A4). Steps: over the candidates, rank by the
 * gold-signalled interview odds and give gold to the best G whose signalled odds reach the
 * minimum; from the rest, rank by silver-signalled odds and give silver to the best S likewise.
 * Complexity O(n log n). Ties break on the candidate key so the result is deterministic.
 */
export interface SignalCandidate {
  key: string;
  gold: number;
  silver: number;
}

export function allocateSignals(
  candidates: readonly SignalCandidate[],
  counts: { gold: number; silver: number },
  minimumOdds: number,
): Map<string, "gold" | "silver"> {
  const out = new Map<string, "gold" | "silver">();
  const byGold = [...candidates]
    .filter((c) => c.gold >= minimumOdds)
    .sort((a, b) => b.gold - a.gold || compareIds(a.key, b.key));
  for (const c of byGold.slice(0, counts.gold)) out.set(c.key, "gold");
  const bySilver = [...candidates]
    .filter((c) => !out.has(c.key) && c.silver >= minimumOdds)
    .sort((a, b) => b.silver - a.silver || compareIds(a.key, b.key));
  for (const c of bySilver.slice(0, counts.silver)) out.set(c.key, "silver");
  return out;
}

/** How many signals of each tier a specialty's scheme gives; a single-tier scheme counts as gold. */
export function signalCounts(scheme: NonNullable<SignalScheme>): { gold: number; silver: number } {
  return scheme.scheme === "gold-silver"
    ? { gold: scheme.gold, silver: scheme.silver }
    : { gold: scheme.count, silver: 0 };
}

/**
 * The signals an applicant spends on a list they hold: the specialty's whole allowance over the
 * listed programs that report signalled odds (allocateSignals). The planner, hand-edited lists
 * and what-if sweeps all spend signals through this one function.
 */
export function spendSignals(
  scheme: SignalScheme,
  minimumOdds: number,
  listed: ReadonlyArray<{ id: string; odds: Pick<InterviewOdds, "signalled"> }>,
): Map<string, "gold" | "silver"> {
  if (!scheme) return new Map();
  const candidates: SignalCandidate[] = [];
  for (const x of listed)
    if (x.odds.signalled)
      candidates.push({ key: x.id, gold: x.odds.signalled.gold, silver: x.odds.signalled.silver });
  return allocateSignals(candidates, signalCounts(scheme), minimumOdds);
}
