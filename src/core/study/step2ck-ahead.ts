import { step2ckPassingScore } from "../assess/derive-facts.ts";
import type { Issue } from "../issues.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";

/**
 * Whether Step 2 CK is still to be sat: not taken, or failed. A passed Step cannot be retaken for
 * a higher score (G4), so a passing score closes it. This is the one test of "is the exam still
 * ahead" — the planner refuses to plan a passed exam with it, and the timeline plans Step 2 CK
 * only when it holds.
 *
 * The passing standard is the one in force on the exam date when the profile gives it, else the
 * lowest on record, so a score is never called a failure that may have passed when it was earned.
 */
export function step2ckAhead(rb: Rulebook, profile: Profile): boolean {
  const score = profile.step2ck.score;
  return score === null || score < step2ckPassingScore(rb, profile.step2ck.plannedDate ?? null);
}

/** Why no study plan is made for a passed Step 2 CK (G4): the planner's refusal, and any surface asked for one. */
export function passedStep2ckIssue(profile: Profile): Issue {
  return {
    code: "inconsistent",
    path: "profile.step2ck.score",
    message: `Step 2 CK is already passed (${profile.step2ck.score}); a passed Step cannot be retaken for a higher score (G4)`,
    allowed: "a profile whose Step 2 CK is not yet taken (score null) or was failed",
  };
}
