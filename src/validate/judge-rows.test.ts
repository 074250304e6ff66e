import { describe, expect, it } from "vitest";
import { heldOut, judgeOverall, missesOf } from "./judge-rows.ts";
import { loadCalibrationInputs } from "./load-calibration-inputs.ts";
import type { CellResult } from "./run-calibration.ts";

const settings = loadCalibrationInputs().settings;

function result(published: number, applicants: number, predicted: number): CellResult {
  const s = { mean: predicted, sd: 0.1, count: 100 };
  return {
    cell: {
      specialty: "internal-medicine",
      applicantType: "us-md",
      rate: {
        value: published,
        matched: 0,
        applicants,
        label: "",
        sources: [],
        interval: { low: 0, high: 1 },
      },
      matched: { n: 0, step2ck: { mean: 0, sd: 1 }, research: null },
      notMatched: { n: 0, step2ck: { mean: 0, sd: 1 }, research: null },
      drawnFrom: "",
      bands: null,
      bandBasis: null,
      bandsImplied: false,
      bandsAlsoImplied: null,
      ranks: null,
      also: [],
      cautions: [],
    },
    applications: 35,
    cohort: 100,
    conditional: s,
    pMatchShown: s,
    pAtLeastOneInterview: s,
    interviews: s,
    ranks: s,
    programs: s,
    bands: [],
    check: { count: 10, conditional: predicted, interviews: 1 },
    failures: [],
  };
}

describe("verdicts", () => {
  const { points, minApplicants } = settings.targets.overall;

  it("within the target passes, outside misses, and too few applicants is thin whatever the gap", () => {
    expect(judgeOverall(settings, result(0.5, minApplicants, 0.5 + points * 0.9)).status).toBe("PASS");
    expect(judgeOverall(settings, result(0.5, minApplicants, 0.5 - points * 1.1)).status).toBe("MISS");
    expect(judgeOverall(settings, result(0.5, minApplicants - 1, 0.9)).status).toBe("THIN");
  });

  it("a miss is recorded with its direction and its size", () => {
    const row = judgeOverall(settings, result(0.5, minApplicants, 0.62));
    expect(missesOf([row], { rate: 3, ranks: 2 })).toEqual([
      {
        specialty: "internal-medicine",
        applicantType: "us-md",
        measure: "overall",
        direction: "over",
        difference: 0.12,
      },
    ]);
  });

  it("a row is held out unless a fitted parameter covers it", () => {
    expect(heldOut(settings, "us-md", "overall", "internal-medicine")).toBe(true);
    expect(heldOut(settings, "non-us-img", "overall", "internal-medicine")).toBe(false);
    expect(heldOut(settings, "non-us-img", "interviews", "internal-medicine")).toBe(true);
  });
});
