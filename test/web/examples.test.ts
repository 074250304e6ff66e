import { describe, expect, it } from "vitest";
import { planApplication, profileSchemaFor, validateProfile } from "../../src/core/index.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { EXAMPLES } from "../../web/src/profile/examples.ts";

/**
 * The page's example profiles (examples/*.json, bundled): each is a valid profile and plans for
 * the specialty it names, and together they span more than one applicant type and specialty.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();

describe("the page's example profiles", () => {
  for (const ex of EXAMPLES)
    it(`${ex.label} (${ex.specialty}) validates and plans`, () => {
      const v = validateProfile(profileSchemaFor(rb), ex.profile);
      if (!v.ok) throw new Error(JSON.stringify(v.issues));
      const plan = planApplication(rb, data, {
        profile: v.value,
        specialty: ex.specialty,
        asOf: "2026-12-06",
      });
      expect(plan.ok).toBe(true);
    });

  it("cover several applicant types and specialties, a failure and a Step 2 CK still to come", () => {
    const profiles = EXAMPLES.map(
      (e) =>
        e.profile as {
          applicantType: string;
          step1: { attempts?: number };
          step2ck: { score: number | null };
        },
    );
    expect(new Set(profiles.map((p) => p.applicantType)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(EXAMPLES.map((e) => e.specialty)).size).toBeGreaterThanOrEqual(4);
    expect(profiles.some((p) => (p.step1.attempts ?? 1) > 1)).toBe(true);
    expect(profiles.some((p) => p.step2ck.score === null)).toBe(true);
  });
});
