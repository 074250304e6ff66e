import type { Profile } from "../profile/profile-schema.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { calibrationNote } from "./calibration-note.ts";
import type { MatchEstimate } from "./match-probability.ts";
import type { RangeBreakdown } from "./pmatch-range.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * The range shown beside a list's P(match), as the planner shows it and as every held list (the
 * page's edited list, the evaluate route, a saved plan's list) must show it: the combined range
 * (pmatch-range.ts), widened where a recorded calibration miss for the applicant's specialty, type
 * and Step 2 CK band compares it with a published rate outside it — so the range covers the
 * published figure the note beside it names. The estimate is never moved.
 */
export function reachPublished(
  pMatch: MatchEstimate | null,
  range: RangeBreakdown | null,
  published: number | null,
): { pMatch: MatchEstimate | null; range: RangeBreakdown | null } {
  if (!pMatch || !range || published === null || (published >= pMatch.low && published <= pMatch.high))
    return { pMatch, range };
  return {
    pMatch: { ...pMatch, low: Math.min(pMatch.low, published), high: Math.max(pMatch.high, published) },
    range: { ...range, widenedTo: published },
  };
}

/** `reachPublished` with the published figure of the applicant's own calibration note, if any. */
export function shownRange(
  model: ProgramModel,
  sp: Specialty,
  profile: Profile,
  pMatch: MatchEstimate | null,
  range: RangeBreakdown | null,
): { pMatch: MatchEstimate | null; range: RangeBreakdown | null } {
  const note = calibrationNote(model, sp, profile.applicantType, profile.step2ck.score);
  return reachPublished(pMatch, range, note?.publishedMatchRate ?? null);
}
