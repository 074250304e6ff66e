import type { InterviewOdds } from "./interview-odds.ts";
import type { ProgramModel } from "./program-model.ts";
import { type ProgramTier, tierOf } from "./tiers.ts";

/**
 * What a list shows for one program, shared by the planner's list and a list the applicant edits:
 * the interview odds (signalled odds where a signal is spent, the interval scaled by the same
 * factor) and the tier read off those same odds (tiers.ts).
 */
export function listedRow(
  tiers: ProgramModel["tiers"],
  odds: InterviewOdds,
  signal: "gold" | "silver" | null,
): { tier: ProgramTier; pInterview: { estimate: number; low: number; high: number } } {
  const pInterview = listedInterviewOdds(odds, signal);
  return { tier: tierOf(tiers, pInterview.estimate), pInterview };
}

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
