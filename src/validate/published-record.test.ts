import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../io/load-rulebook.ts";
import { loadCalibrationInputs } from "./load-calibration-inputs.ts";
import { bayesBand, bayesBands, publishedCells } from "./published-record.ts";

const rb = repositoryRulebook();
const inputs = loadCalibrationInputs();
const group = (n: number, mean: number, sd: number) => ({ n, step2ck: { mean, sd }, research: null });

describe("the published record, as the harness reads it", () => {
  it("Bayes on two identical distributions gives the match rate in every band", () => {
    for (const b of bayesBands(rb, inputs, 0.4, group(100, 240, 14), group(150, 240, 14)))
      expect(b.published).toBeCloseTo(0.4, 10);
  });

  it("a band above both means favours the group with the higher mean, and counts its applicants", () => {
    const b = bayesBand(0.5, group(100, 250, 10), group(100, 230, 10), 250, 259);
    expect(b.published).toBeGreaterThan(0.9);
    expect(b.applicants).toBeGreaterThan(30);
    expect(b.applicants).toBeLessThan(60);
  });

  it("the bands hold nearly all of the published applicants", () => {
    const bands = bayesBands(rb, inputs, 0.5, group(400, 245, 14), group(400, 238, 14));
    const total = bands.reduce((a, b) => a + b.applicants, 0);
    expect(total).toBeGreaterThan(760);
    expect(total).toBeLessThanOrEqual(800);
  });

  it("non-US IMG rates are Charting Outcomes 2026's; U.S. IMG rates exist only where positions are not advanced", () => {
    const cells = publishedCells(rb, inputs, ["diagnostic-radiology", "internal-medicine"]);
    const dr = cells.filter((c) => c.specialty === "diagnostic-radiology").map((c) => c.applicantType);
    expect(dr).not.toContain("us-img");
    const im = cells.find((c) => c.specialty === "internal-medicine" && c.applicantType === "us-img");
    expect(im?.rate.matched).toBe(1145);
    expect(im?.rate.applicants).toBe(2099);
    const nonUs = cells.find((c) => c.specialty === "internal-medicine" && c.applicantType === "non-us-img");
    expect(nonUs?.rate.value).toBeCloseTo(
      rb.chartingOutcomes.specialties["internal-medicine"]?.matchRate ?? 0,
      2,
    );
  });

  it("U.S. MD bands are the published grid's, without bands wholly below the passing standard", () => {
    const md = publishedCells(rb, inputs, ["internal-medicine"]).find((c) => c.applicantType === "us-md");
    const labels = md?.bands?.map((b) => b.label) ?? [];
    expect(labels).toContain("250+");
    expect(labels).not.toContain("<200");
    expect(md?.bandsAlsoImplied).toBeTruthy();
  });
});
