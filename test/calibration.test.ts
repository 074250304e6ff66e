import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { defaultDataDir, repositoryRulebook } from "../src/io/load-rulebook.ts";
import { CALIBRATION_SPECIALTIES, calibrate, formatCalibration } from "./support/calibration.ts";

const settings = parse(readFileSync(`${defaultDataDir()}/model/calibration.yaml`, "utf8")) as {
  tolerance: number;
  cohort: number;
  seed: number;
  knownMisses: Record<string, { direction: "under" | "over"; reason: string }>;
};

describe("calibration against NRMP Charting Outcomes 2026 (non-US IMGs)", () => {
  const rb = repositoryRulebook();
  const data = repositoryProgramData();
  const rows = CALIBRATION_SPECIALTIES.map((s) => calibrate(rb, data, s, settings.cohort, settings.seed));
  console.log(`\n${formatCalibration(rows)}\n`);

  for (const row of rows) {
    const miss = settings.knownMisses[row.specialty];
    it(`${row.specialty}: mean predicted P(match) ${miss ? "misses as documented" : `is within ±${Math.round(settings.tolerance * 100)} points of the published rate`}`, () => {
      if (!miss) {
        expect(Math.abs(row.difference)).toBeLessThanOrEqual(settings.tolerance);
        return;
      }
      expect(Math.abs(row.difference)).toBeGreaterThan(settings.tolerance);
      expect(Math.sign(row.difference)).toBe(miss.direction === "under" ? -1 : 1);
    });
  }

  it("docs/model.md explains every documented miss", () => {
    const doc = readFileSync(new URL("../docs/model.md", import.meta.url), "utf8");
    for (const id of Object.keys(settings.knownMisses)) expect(doc).toContain(id);
  });
});
