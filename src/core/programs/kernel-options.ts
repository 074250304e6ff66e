import type { Rulebook } from "../rulebook/rulebook.ts";
import { type MatchCurve, matchCurve } from "./match-given-interviews.ts";
import type { MatchKernelOptions } from "./match-probability.ts";
import type { ProgramModel } from "./program-model.ts";

/** The match kernel's settings, read from the model data. */
export function kernelOptions(model: ProgramModel): MatchKernelOptions {
  return {
    strengthSd: model.match.strengthSd.value,
    draws: model.match.draws.value,
    maxInterviews: model.match.maxInterviewsTracked.value,
    rangeQuantiles: model.match.rangeQuantiles.value,
  };
}

/** P(match | k interviews) for a specialty, with the model's interview cap and ranks per interview; null without data. */
export function curveFor(rb: Rulebook, model: ProgramModel, specialtyId: string): MatchCurve | null {
  return matchCurve(
    rb.chartingOutcomes,
    specialtyId,
    model.match.maxInterviewsTracked.value,
    model.match.ranksPerInterview.value,
  );
}
