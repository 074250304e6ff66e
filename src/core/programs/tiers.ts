import { pct } from "../math/percent.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * Reach, target and safety: read off the interview odds a list shows for a program (signalled
 * odds where a signal is spent), with the cut-offs of `data/model/program-model.yaml` (`tiers`).
 * Because the tier is a step function of the same odds the list is sorted by, a list sorted by
 * odds is also sorted by tier: a safety row never sits below a target or a reach.
 */
export const PROGRAM_TIERS = ["safety", "target", "reach"] as const;
export type ProgramTier = (typeof PROGRAM_TIERS)[number];

export function tierOf(tiers: ProgramModel["tiers"], listedOdds: number): ProgramTier {
  if (listedOdds >= tiers.safetyFrom) return "safety";
  if (listedOdds < tiers.reachBelow) return "reach";
  return "target";
}

export interface TierLegendEntry {
  tier: ProgramTier;
  /** Interview-odds interval the tier covers: from `min` (inclusive) to `max` (exclusive); null = open. */
  min: number | null;
  max: number | null;
  text: string;
}

export interface TierLegend {
  entries: TierLegendEntry[];
  /** Why the cut-offs are what they are (the data's assumption). */
  basis: string;
}

/** What each tier means, in the words every surface shows next to a list. */
export function tierLegend(model: ProgramModel): TierLegend {
  const t = model.tiers;
  return {
    entries: [
      {
        tier: "safety",
        min: t.safetyFrom,
        max: null,
        text: `Safety: an interview chance of ${pct(t.safetyFrom, 0)} or more at this program.`,
      },
      {
        tier: "target",
        min: t.reachBelow,
        max: t.safetyFrom,
        text: `Target: an interview chance from ${pct(t.reachBelow, 0)} up to ${pct(t.safetyFrom, 0)}.`,
      },
      {
        tier: "reach",
        min: null,
        max: t.reachBelow,
        text: `Reach: an interview chance below ${pct(t.reachBelow, 0)}.`,
      },
    ],
    basis: `Tiers come from the interview odds shown for each program (signalled odds where a signal is spent), so the list's order and its tiers agree. ${t.assumption}`,
  };
}
