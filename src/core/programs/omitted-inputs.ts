import type { Because } from "../assess/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { IMG_TYPES } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * The odds inputs a profile may leave out, and what the odds count each as: none
 * (`data/model/program-model.yaml`, `interview.omittedInputs`). The fields stay optional so that
 * old profiles and saved plans still open; what is left out is stated instead — in the list's
 * `because`, in "What moves your number" beside P(match) (what-moves.ts), and as a warning of
 * `matchplan validate` — never counted silently.
 *
 * Only the inputs whose absence moves the odds are listed: specialty letters and months of USCE
 * in the specialty (odds ratios against the guides' advised minimum), and hands-on USCE for an
 * IMG (an odds ratio for having none). Research left out adds no term at all (applicant-shift.ts),
 * so it is not listed. USCE left out altogether is one entry.
 */
export interface OmittedInput {
  id: "usce" | "specialty-usce" | "hands-on-usce" | "specialty-letters";
  /** The profile field left out, dotted ("letters.specialty"). */
  path: string;
  /** What the profile leaves out, in a few words ("specialty letters"). */
  what: string;
  /** The sentence stated beside P(match): what is not given and what the odds count it as. */
  text: string;
  /** The value the odds count (none) and the guides' advised minimum it is tried at. */
  countedAs: number;
  reference: number;
  /** The profile with the input at the advised minimum. */
  atReference: (p: Profile) => Profile;
}

export function omittedInputs(model: ProgramModel, profile: Profile): OmittedInput[] {
  const im = model.interview;
  const out: OmittedInput[] = [];
  const img = IMG_TYPES.includes(profile.applicantType);
  const months = im.specialtyUsceMonthOddsRatio.reference;
  const noSpecialty = profile.usce?.specialtyMonths === undefined;
  const noHandsOn = img && profile.usce?.handsOnMonths === undefined;
  const withUsce = (p: Profile, u: NonNullable<Profile["usce"]>): Profile => ({
    ...p,
    usce: { ...p.usce, ...u },
  });
  if (noSpecialty && noHandsOn)
    out.push({
      id: "usce",
      path: "usce",
      what: "months of hands-on USCE in the specialty",
      text: `USCE not given: counted as none — no hands-on months and none in the specialty (the guides advise at least ${months} months).`,
      countedAs: 0,
      reference: months,
      atReference: (p) => withUsce(p, { handsOnMonths: months, specialtyMonths: months }),
    });
  else if (noSpecialty)
    out.push({
      id: "specialty-usce",
      path: "usce.specialtyMonths",
      what: "months of USCE in the specialty",
      text: `Months of USCE in the specialty not given: counted as none (the guides advise at least ${months} months).`,
      countedAs: 0,
      reference: months,
      atReference: (p) => withUsce(p, { specialtyMonths: months }),
    });
  else if (noHandsOn)
    out.push({
      id: "hands-on-usce",
      path: "usce.handsOnMonths",
      what: "months of hands-on USCE",
      text: "Hands-on USCE not given: counted as none.",
      countedAs: 0,
      reference: months,
      atReference: (p) => withUsce(p, { handsOnMonths: months }),
    });
  const letters = im.specialtyLetterOddsRatio.reference;
  if (profile.letters?.specialty === undefined)
    out.push({
      id: "specialty-letters",
      path: "letters.specialty",
      what: "specialty letters",
      text: `Specialty letters not given: counted as none (the guides advise at least ${letters}).`,
      countedAs: 0,
      reference: letters,
      atReference: (p) => ({ ...p, letters: { ...p.letters, specialty: letters } }),
    });
  return out;
}

/** Each input left out, as the list's `because` records it. */
export function omittedInputsBecause(model: ProgramModel, omitted: readonly OmittedInput[]): Because[] {
  return omitted.map((o) => ({
    ruleId: `input.not-given.${o.id}`,
    value: { path: o.path, countedAs: o.countedAs },
    sources: model.interview.omittedInputs.sources,
    note: o.text,
  }));
}

/** A profile that is valid but leaves out an odds input: what the odds will assume. Not an error. */
export interface InputWarning {
  code: "not_given";
  path: string;
  message: string;
}

/** The warnings `matchplan validate` gives beside "valid": each odds input left out and what is assumed. */
export function omittedInputWarnings(model: ProgramModel, profile: Profile): InputWarning[] {
  return omittedInputs(model, profile).map((o) => ({
    code: "not_given",
    path: o.path,
    message: `${o.text} The interview odds and P(match) assume this until it is given.`,
  }));
}
