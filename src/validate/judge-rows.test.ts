import { describe, expect, it } from "vitest";
import { heldOut, judgeOverall, knownMissesOf, missesOf } from "./judge-rows.ts";
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
    // Every type's rate is its curve's prior, and each type's ranks per interview is fitted on its rates.
    expect(heldOut(settings, "us-md", "overall", "internal-medicine")).toBe(false);
    expect(heldOut(settings, "non-us-img", "overall", "internal-medicine")).toBe(false);
    // The non-US IMG ranks per interview is fitted on each specialty's ranks where both groups are large enough.
    expect(heldOut(settings, "non-us-img", "interviews", "internal-medicine")).toBe(false);
    expect(heldOut(settings, "non-us-img", "interviews", "child-neurology")).toBe(true);
    // The U.S. MD band grid is a different record from the one the U.S. MD slope is fitted on.
    expect(heldOut(settings, "us-md", "band", "internal-medicine")).toBe(true);
  });

  it("misses become the product's notes by specialty, type and band, with the published figure", () => {
    const overall = judgeOverall(settings, result(0.5, minApplicants, 0.62));
    const band = {
      ...overall,
      measure: "band" as const,
      band: "240–249",
      lo: 240,
      hi: 249,
      difference: -0.2,
      published: 0.7,
    };
    const known = knownMissesOf(
      [
        overall,
        { ...band, status: "MISS" as const },
        { ...overall, specialty: "pathology", status: "PASS" as const },
      ],
      {
        rate: 3,
        ranks: 2,
      },
    );
    expect(Object.keys(known)).toEqual(["internal-medicine"]);
    expect(known["internal-medicine"]?.["us-md"]?.overall).toEqual({
      direction: "over",
      difference: 0.12,
      published: 0.5,
      applicants: minApplicants,
    });
    expect(known["internal-medicine"]?.["us-md"]?.bands).toEqual([
      {
        band: "240–249",
        lo: 240,
        hi: 249,
        direction: "under",
        difference: -0.2,
        published: 0.7,
        applicants: minApplicants,
      },
    ]);
  });
});
