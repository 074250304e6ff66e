import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { SpecialtyOddsContext } from "./interview-odds.ts";
import type { ProgramData } from "./program-data.ts";

/**
 * Specialty-level inputs of the odds model: how many applicants stand behind each observed
 * rate (Charting Outcomes applicants × applications each ÷ programs) and the specialty's median
 * rate for the applicant's type, used where a program reports none.
 */
export function oddsContext(
  rb: Rulebook,
  data: ProgramData,
  sp: Specialty,
  profile: Profile,
): SpecialtyOddsContext {
  const im = data.model.interview;
  const programs = data.bySpecialty.get(sp.id) ?? [];
  const key = im.rateByApplicantType.value[profile.applicantType] as "md" | "do" | "usImg" | "nonUsImg";
  const rates = programs
    .map((p) => p.interviewRates?.[key])
    .filter((r): r is number => typeof r === "number")
    .sort((x, y) => x - y);
  const medianRate = rates.length > 0 ? (rates[Math.floor(rates.length / 2)] as number) : null;
  const apps =
    im.effectiveApplicants.applicationsPerApplicant[sp.id] ??
    im.effectiveApplicants.applicationsPerApplicant.default;
  const applicants = rb.chartingOutcomes.specialties[sp.id]?.applicants ?? 0;
  const effective = Math.max(
    im.effectiveApplicants.minimum.value,
    programs.length > 0 ? (applicants * (apps?.value ?? 0)) / programs.length : 0,
  );
  return { effectiveApplicants: effective, medianRate, signalsOffered: sp.signals.value !== null };
}
