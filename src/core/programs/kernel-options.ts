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
