import type { Result } from "../issues.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { assessProfile } from "./assess-profile.ts";
import type { Assessment } from "./types.ts";

/**
 * The assessment for a Match year already chosen (by `chooseMatchYear`): `assessProfile` with the
 * profile's asked-for year replaced by it. The year enters the assessment only through its cycle
 * (the review date a planned score is checked against, D2) and the `cycle` it reports, so this is
 * the assessment a plan for that year rests on — the program list's fee season, the backups'
 * reapplication cycle and every surface then speak of the same year.
 */
export function assessForMatchYear(
  rb: Rulebook,
  profile: Profile,
  specialtyId: string,
  asOf: string,
  matchYear: number,
): Result<Assessment> {
  const pinned = profile.targetMatchYear === matchYear ? profile : { ...profile, targetMatchYear: matchYear };
  return assessProfile(rb, pinned, specialtyId, asOf);
}
