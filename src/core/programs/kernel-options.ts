import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { MatchKernelOptions } from "./match-probability.ts";
import type { ProgramModel } from "./program-model.ts";
import { type TypeCurve, typeCurve } from "./type-curve.ts";

/** The match kernel's settings, read from the model data. */
export function kernelOptions(model: ProgramModel): MatchKernelOptions {
  return {
    strengthSd: model.match.strengthSd.value,
    draws: model.match.draws.value,
    maxInterviews: model.match.maxInterviewsTracked.value,
    rangeQuantiles: model.match.rangeQuantiles.value,
  };
}

/**
 * P(match | k interviews) for an applicant type in a specialty, on the type's own record, with the
 * model's interview cap and the type's ranks per interview (type-curve.ts); null without ranks data.
 */
export function curveFor(
  rb: Rulebook,
  model: ProgramModel,
  specialtyId: string,
  applicantType: ApplicantType,
): TypeCurve | null {
  return typeCurve(rb, model, specialtyId, applicantType);
}
