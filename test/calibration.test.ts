import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { defaultDataDir, repositoryRulebook } from "../src/io/load-rulebook.ts";
import { CALIBRATION_SPECIALTIES, calibrate, formatCalibration } from "./support/calibration.ts";

const settings = parse(readFileSync(`${defaultDataDir()}/model/calibration.yaml`, "utf8")) as {
  cohort: number;
  seed: number;
};

/** How far a recorded miss may drift from the measured one before the data must be updated. */
const RECORDED_DIFFERENCE_SLACK = 0.01;

describe("calibration against NRMP Charting Outcomes 2026 (non-US IMGs)", () => {
  const rb = repositoryRulebook();
  const data = repositoryProgramData();
  const { tolerance, knownMisses } = data.model.calibration;
  const rows = CALIBRATION_SPECIALTIES.map((s) => calibrate(rb, data, s, settings.cohort, settings.seed));
  console.log(`\n${formatCalibration(rows)}\n`);

  for (const row of rows) {
    const miss = knownMisses[row.specialty];
    it(`${row.specialty}: mean predicted P(match) ${miss ? "misses as recorded in the model data" : `is within ±${Math.round(tolerance * 100)} points of the published rate`}`, () => {
      if (!miss) {
        expect(Math.abs(row.difference)).toBeLessThanOrEqual(tolerance);
        return;
      }
      expect(Math.abs(row.difference)).toBeGreaterThan(tolerance);
      expect(Math.sign(row.difference)).toBe(miss.direction === "under" ? -1 : 1);
      // The product quotes the recorded difference to the applicant, so it must stay true.
      expect(Math.abs(row.difference - miss.difference)).toBeLessThanOrEqual(RECORDED_DIFFERENCE_SLACK);
    });
  }

  it("records misses only for specialties the test measures", () => {
    for (const id of Object.keys(knownMisses)) expect(CALIBRATION_SPECIALTIES).toContain(id);
  });

  it("docs/model.md explains every recorded miss", () => {
    const doc = readFileSync(new URL("../docs/model.md", import.meta.url), "utf8");
    for (const id of Object.keys(knownMisses)) expect(doc).toContain(id);
  });
});
