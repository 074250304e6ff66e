import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { APPLICANT_TYPES } from "../vocabulary.ts";
import { calibrationNote } from "./calibration-note.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * The note beside P(match) says what was measured: a cohort's mean over synthetic applicants, or —
 * where a checked profile missed its band while the cohort did not — that profile, by name and
 * score. It leads with the narrowest figure that applies and reads the number as a floor or a
 * ceiling in the direction measured.
 */
const rb = repositoryRulebook();
const model = repositoryProgramData().model;
const dr = rb.specialties.get("diagnostic-radiology");
if (!dr) throw new Error("no DR in the rulebook");

type Entry = ProgramModel["calibration"]["knownMisses"][string];
const withMisses = (entry: Entry): ProgramModel => ({
  ...model,
  calibration: { ...model.calibration, knownMisses: { [dr.id]: entry } },
});
const miss = { direction: "under" as const, difference: -0.188, published: 0.58, applicants: 111 };

describe("calibrationNote", () => {
  it("a cohort's band miss speaks of synthetic applicants in the band", () => {
    const m = withMisses({ "us-md": { bands: [{ band: "220–229", lo: 220, hi: 229, ...miss }] } });
    const note = calibrationNote(m, dr, "us-md", 225);
    expect(note?.band).toBe("220–229");
    expect(note?.direction).toBe("under");
    expect(note?.difference).toBe(-0.188);
    expect(note?.publishedMatchRate).toBe(0.58);
    expect(note?.text).toContain(
      "for synthetic US MD applicants to Diagnostic Radiology, at Step 2 CK 220–229",
    );
    expect(note?.text).toContain("about 19 points below the published 58.0%");
    expect(note?.text).toContain("Read P(match) here as a floor");
    expect(note?.text).not.toContain("checked profile");
  });

  it("a profile's band miss names the profile and its score, and says the band's cohort was within the target", () => {
    const m = withMisses({
      "us-md": {
        bands: [
          { band: "220–229", lo: 220, hi: 229, ...miss, profile: "US MD, DR, 220", profileStep2ck: 220 },
        ],
      },
    });
    const note = calibrationNote(m, dr, "us-md", 228);
    expect(note?.band).toBe("220–229");
    expect(note?.text).toContain(
      'for the checked profile "US MD, DR, 220" (US MD, Diagnostic Radiology, Step 2 CK 220)',
    );
    expect(note?.text).toContain("about 19 points below the published 58.0% for Step 2 CK 220–229");
    expect(note?.text).toContain("synthetic applicants across the band came within the target");
    expect(note?.text).not.toContain("for synthetic US MD applicants to Diagnostic Radiology, at Step 2 CK");
  });

  it("outside every missed band, the type's overall miss leads; an over-reading is a ceiling", () => {
    const over = { direction: "over" as const, difference: 0.115, published: 0.49, applicants: 1277 };
    const m = withMisses({
      "us-img": { overall: over, bands: [{ band: "220–229", lo: 220, hi: 229, ...miss }] },
    });
    const note = calibrationNote(m, dr, "us-img", 250);
    expect(note?.band).toBeNull();
    expect(note?.direction).toBe("over");
    expect(note?.publishedMatchRate).toBe(0.49);
    expect(note?.text).toContain("about 12 points above the published rate (49.0% of 1,277)");
    expect(note?.text).toContain("Read P(match) here as a ceiling");
    // Inside the band the band leads, and both are said.
    const inBand = calibrationNote(m, dr, "us-img", 221);
    expect(inBand?.band).toBe("220–229");
    expect(inBand?.direction).toBe("under");
    expect(inBand?.text).toContain("and at Step 2 CK 220–229");
  });

  it("no note for a type with no miss, or for an untaken score where only bands missed", () => {
    const m = withMisses({ "us-md": { bands: [{ band: "220–229", lo: 220, hi: 229, ...miss }] } });
    expect(calibrationNote(m, dr, "do", 225)).toBeNull();
    expect(calibrationNote(m, dr, "us-md", null)).toBeNull();
    expect(calibrationNote(m, dr, "us-md", 240)).toBeNull();
  });

  it("the shipped model names the profile behind every band miss a cohort did not measure", () => {
    let checked = 0;
    for (const [specialty, types] of Object.entries(model.calibration.knownMisses)) {
      const sp = rb.specialties.get(specialty);
      for (const type of APPLICANT_TYPES)
        for (const b of types?.[type]?.bands ?? []) {
          if (!b.profile || !sp) continue;
          const note = calibrationNote(model, sp, type, b.profileStep2ck ?? b.lo);
          expect(note?.text, `${specialty} ${type} ${b.band}`).toContain(
            `the checked profile "${b.profile}"`,
          );
          checked++;
        }
    }
    // Today's record holds one (docs/calibration.md, "Misses"); the loop must have read it.
    expect(checked).toBeGreaterThanOrEqual(1);
  });
});
