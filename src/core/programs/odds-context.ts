import type { Program } from "../catalog/program.ts";
import { offersSignals } from "../cycle/signal-schemes.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { SpecialtyOddsContext } from "./interview-odds.ts";
import type { ProgramData } from "./program-data.ts";
import type { ProgramModel } from "./program-model.ts";
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
  const signalsOffered = offersSignals(rb, sp.id);
  const prior = ratePrior(programs, key, effective, im.rateShrinkage.minimumSpread.value);
  return {
    effectiveApplicants: effective,
    medianRate,
    prior,
    signalsOffered,
    signalFallbackText: signalsOffered ? signalFallbackText(rb, data.model, sp, programs) : null,
    sponsorship: specialtySponsorship(data, sp, profile.visa),
  };
}

type RateKey = "md" | "do" | "usImg" | "nonUsImg";

/**
 * What a signal's lift rests on at a program that reports no signal rates of its own: the model's
 * one published odds ratio (`interview.signalOddsRatioFallback`), said to be borrowed where it was
 * measured in another specialty, and said of the whole specialty where none of its programs
 * reports signal rates (the catalog holds none for it).
 */
function signalFallbackText(
  rb: Rulebook,
  model: ProgramModel,
  sp: Specialty,
  programs: readonly Program[],
): string {
  const f = model.interview.signalOddsRatioFallback;
  const where = f.measuredIn.specialty;
  const or =
    f.value.gold === f.value.silver ? `${f.value.gold}` : `gold ${f.value.gold}, silver ${f.value.silver}`;
  const figure = `the odds ratio of an interview at a signalled program (${or}) measured in ${
    where === sp.id ? "this specialty" : (rb.specialties.get(where)?.name ?? where)
  } in ${f.measuredIn.year}`;
  if (where === sp.id) return `the program reports no signal rates of its own; ${figure} is used`;
  return programs.some(reportsSignalRates)
    ? `the program reports no signal rates of its own; ${figure} is borrowed`
    : `no signal rates are published for ${sp.name}; ${figure} is borrowed`;
}

function reportsSignalRates(p: Program): boolean {
  const s = p.interviewRates?.signal;
  return s?.none != null && (s.gold != null || s.silver != null || s.any != null);
}

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
