import { deriveFacts, type ProfileFacts } from "../assess/derive-facts.ts";
import type { Assessment } from "../assess/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Facts } from "../rulebook/condition.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { type Standing, weaker } from "../vocabulary.ts";

/**
 * The facts rule conditions read, as they stood at the end of an assessment: the profile's
 * derived facts plus the band standing (the primary band lowered by any supplementary band that
 * reads lower), the number of compensators and the final standing. Rules the assessment does not
 * evaluate itself (narrative, letters, timing) read these, so they see what the assessment saw.
 */
export function ruleFacts(rb: Rulebook, profile: Profile, a: Assessment): Facts {
  const specialty = rb.specialties.get(a.specialty);
  if (!specialty) throw new Error(`Assessment names unknown specialty "${a.specialty}"`);
  const pendingTrace = a.because.find(
    (b) => b.ruleId === "D2" && typeof (b.value as { pending?: unknown } | null)?.pending === "boolean",
  );
  const pending = pendingTrace ? (pendingTrace.value as { pending: boolean }).pending : null;
  const facts: ProfileFacts = deriveFacts(rb, profile, specialty, a.asOf, pending);
  const band = a.step2ck.band;
  facts.bandStanding = band
    ? a.step2ck.otherBands.reduce<Standing>((s, o) => weaker(s, o.standing), band.standing)
    : null;
  facts.compensators = a.compensators.length;
  facts.standing = a.standing;
  return facts as unknown as Facts;
}
