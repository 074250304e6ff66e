import { applicationCountRule } from "../assess/assess-profile.ts";
import type { Assessment } from "../assess/types.ts";
import { ruleFacts } from "../narrative/rule-facts.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { STANDINGS, type Standing, standingRank } from "../vocabulary.ts";

/**
 * The guides' program count (A1) as the list uses it.
 *
 * `own` is the range the guides give for the applicant's own standing (what the assessment
 * shows). `floor` is the list's minimum: the largest minimum the guides give at this standing or
 * any weaker one in the same specialty for the same kind of applicant. Taking weaker standings
 * into account keeps the plan coherent: the guides give counts only to weaker applicants, so a
 * floor for them alone would hand a weaker profile a longer list — and a higher P(match) — than
 * a stronger one (a lower score, a graduation gap). With it, a stronger profile's list is never
 * shorter than a weaker one's when the budget allows.
 */
export interface GuideCount {
  own: {
    min: number;
    max: number | null;
    audience: string;
    ruleId: string;
    sources: string[];
  } | null;
  floor: {
    min: number;
    max: number | null;
    audience: string;
    ruleId: string;
    sources: string[];
    /** The standing the floor's rule was read at: the applicant's own, or a weaker one. */
    standing: Standing;
    forOwnStanding: boolean;
  } | null;
}

export function guideCount(rb: Rulebook, profile: Profile, a: Assessment): GuideCount {
  const specialty = rb.specialties.get(a.specialty);
  if (!specialty) throw new Error(`Assessment names unknown specialty "${a.specialty}"`);
  const ctx = { specialty, applicantType: profile.applicantType };
  const facts = ruleFacts(rb, profile, a);
  let floor: GuideCount["floor"] = null;
  for (const standing of STANDINGS.filter((s) => standingRank(s) >= standingRank(a.standing))) {
    const rule = applicationCountRule(rb, ctx, () => ({ ...facts, standing }));
    if (rule && (floor === null || rule.min > floor.min))
      floor = {
        min: rule.min,
        max: rule.max,
        audience: rule.audience,
        ruleId: rule.id,
        sources: rule.sources,
        standing,
        forOwnStanding: standing === a.standing,
      };
  }
  const own = a.applicationCount
    ? {
        min: a.applicationCount.min,
        max: a.applicationCount.max,
        audience: a.applicationCount.audience,
        ruleId: a.applicationCount.ruleId,
        sources: a.applicationCount.sources,
      }
    : null;
  // The floor never falls below the count the guides give for the applicant's own standing.
  if (own && (floor === null || own.min >= floor.min))
    floor = { ...own, standing: a.standing, forOwnStanding: true };
  return { own, floor };
}
