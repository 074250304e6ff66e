import type { InterviewOdds } from "./interview-odds.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * What a list shows for one program, shared by the planner's list and a list the applicant edits.
 * Interview odds are the signalled odds where a signal is spent, with the interval scaled by the
 * same factor; tiers are relative to the list's mean unsignalled odds (data/model/program-model.yaml).
 */
export function listedInterviewOdds(
  odds: InterviewOdds,
  signal: "gold" | "silver" | null,
): { estimate: number; low: number; high: number } {
  const p = signal && odds.signalled ? odds.signalled[signal] : odds.estimate;
  const scale = odds.estimate > 0 ? p / odds.estimate : 1;
  return {
    estimate: p,
    low: Math.min(p, odds.low * scale),
    high: Math.min(1, Math.max(p, odds.high * scale)),
  };
}

export function tierWithin(
  tiers: ProgramModel["tiers"],
  estimate: number,
  listMean: number,
): "reach" | "target" | "safety" {
  if (estimate >= tiers.safetyRatio * listMean) return "safety";
  if (estimate <= tiers.reachRatio * listMean) return "reach";
  return "target";
}

/** Mean unsignalled interview odds over a list (0 for an empty list). */
export function meanOdds(listed: ReadonlyArray<{ odds: Pick<InterviewOdds, "estimate"> }>): number {
  return listed.reduce((s, x) => s + x.odds.estimate, 0) / Math.max(1, listed.length);
}
