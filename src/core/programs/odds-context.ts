import type { Program } from "../catalog/program.ts";
import { offersSignals } from "../cycle/signal-schemes.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { SpecialtyOddsContext } from "./interview-odds.ts";
import type { ProgramData } from "./program-data.ts";
import { ratePrior } from "./rate-shrinkage.ts";
import { typeRecord } from "./type-record.ts";
import { specialtySponsorship } from "./visa-sponsorship.ts";

/**
 * Specialty-level inputs of the odds model: how many applicants stand behind each observed
 * rate (the type's applicants on its own record × applications each ÷ programs), the specialty's
 * median rate for the applicant's type, used where a program reports none, the prior every
 * observed rate is shrunk toward (rate-shrinkage.ts), and each program's chance of sponsoring the
 * visa the applicant needs (visa-sponsorship.ts).
 */
export function oddsContext(
  rb: Rulebook,
  data: ProgramData,
  sp: Specialty,
  profile: Profile,
): SpecialtyOddsContext {
  const im = data.model.interview;
  const programs = data.bySpecialty.get(sp.id) ?? [];
  const key = im.rateByApplicantType.value[profile.applicantType] as RateKey;
  const medianRate = medianRateOf(programs, key);
  const apps =
    im.effectiveApplicants.applicationsPerApplicant[sp.id] ??
    im.effectiveApplicants.applicationsPerApplicant.default;
  const applicants =
    typeRecord(rb, data.model, profile.applicantType, sp.id).rate?.applicants ??
    rb.chartingOutcomes.specialties[sp.id]?.applicants ??
    0;
  const effective = Math.max(
    im.effectiveApplicants.minimum.value,
    programs.length > 0 ? (applicants * (apps?.value ?? 0)) / programs.length : 0,
  );
  const prior = ratePrior(programs, key, effective, im.rateShrinkage.minimumSpread.value);
  return {
    effectiveApplicants: effective,
    medianRate,
    prior,
    signalsOffered: offersSignals(rb, sp.id),
    sponsorship: specialtySponsorship(data, sp, profile.visa),
  };
}

type RateKey = "md" | "do" | "usImg" | "nonUsImg";

/** The median reported rate of a specialty's programs for one applicant type; computed once per list. */
function medianRateOf(programs: readonly Program[], key: RateKey): number | null {
  let byKey = medianCache.get(programs);
  if (!byKey) {
    byKey = new Map();
    medianCache.set(programs, byKey);
  }
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const rates = programs
    .map((p) => p.interviewRates?.[key])
    .filter((r): r is number => typeof r === "number")
    .sort((x, y) => x - y);
  const median = rates.length > 0 ? (rates[Math.floor(rates.length / 2)] as number) : null;
  byKey.set(key, median);
  return median;
}

const medianCache = new WeakMap<readonly Program[], Map<RateKey, number | null>>();
