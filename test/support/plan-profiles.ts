import fc from "fast-check";
import type { Profile, ProgramData, Rulebook } from "../../src/core/index.ts";
import { planApplication, profileSchemaFor, validateProfile } from "../../src/core/index.ts";

/**
 * Generated applicants for the cross-surface properties: every applicant type, visa, exam history
 * (Step 2 CK taken, failed or still ahead), experience and budget the profile schema allows in
 * broad strokes, against every specialty for which the plan shows a P(match), on dates across
 * the application year (before ERAS, during review, after Match Day).
 */
export interface PlanCase {
  profile: Profile;
  specialty: string;
  asOf: string;
}

/** Specialties for which the plan shows a P(match) (programs in the catalog and Charting Outcomes ranks), asked of the plan itself. */
export function matchedSpecialties(rb: Rulebook, data: ProgramData): string[] {
  const probe = validateProfile(profileSchemaFor(rb), {
    applicantType: "non-us-img",
    graduationYear: 2023,
    visa: "none-needed",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: null },
  });
  if (!probe.ok) throw new Error("the probe profile is invalid");
  return [...rb.specialties.keys()].filter((id) => {
    const plan = planApplication(rb, data, {
      profile: probe.value,
      specialty: id,
      asOf: "2026-06-01",
      parts: ["list"],
    });
    return plan.ok && plan.value.list?.pMatch != null;
  });
}

const AS_OF_DATES = ["2026-03-15", "2026-06-01", "2026-09-20", "2026-12-06", "2027-04-10"];

export function planCases(rb: Rulebook, data: ProgramData): fc.Arbitrary<PlanCase> {
  const schema = profileSchemaFor(rb);
  const specialties = matchedSpecialties(rb, data);
  const raw = fc.record({
    applicantType: fc.constantFrom("us-md", "do", "us-img", "non-us-img"),
    graduationYear: fc.integer({ min: 2012, max: 2027 }),
    visa: fc.constantFrom("none-needed", "j1", "h1b", "j1-or-h1b"),
    step1: fc.oneof(
      fc.record({ outcome: fc.constant("pass"), attempts: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ outcome: fc.constant("fail"), attempts: fc.integer({ min: 1, max: 3 }) }),
    ),
    step2ck: fc.oneof(
      { weight: 1, arbitrary: fc.constant({ score: null }) },
      {
        weight: 4,
        arbitrary: fc.record({
          score: fc.integer({ min: 196, max: 275 }),
          attempts: fc.integer({ min: 1, max: 2 }),
        }),
      },
    ),
    usce: fc.record({
      handsOnMonths: fc.integer({ min: 0, max: 12 }),
      observershipMonths: fc.integer({ min: 0, max: 6 }),
      specialtyMonths: fc.integer({ min: 0, max: 6 }),
    }),
    research: fc.record({
      items: fc.integer({ min: 0, max: 12 }),
      specialtyItems: fc.integer({ min: 0, max: 4 }),
      presentations: fc.integer({ min: 0, max: 4 }),
    }),
    letters: fc.record({
      total: fc.integer({ min: 0, max: 5 }),
      specialty: fc.integer({ min: 0, max: 3 }),
      us: fc.integer({ min: 0, max: 4 }),
    }),
    budget: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: undefined }),
    states: fc.subarray(["OH", "MI", "NY", "TX", "CA", "FL"], { maxLength: 2 }),
  });
  return fc
    .record({ raw, specialty: fc.constantFrom(...specialties), asOf: fc.constantFrom(...AS_OF_DATES) })
    .map(({ raw: r, specialty, asOf }) => {
      const letters = {
        ...r.letters,
        specialty: Math.min(r.letters.specialty, r.letters.total),
        us: Math.min(r.letters.us, r.letters.total),
      };
      const research = {
        ...r.research,
        specialtyItems: Math.min(r.research.specialtyItems, r.research.items),
      };
      const v = validateProfile(schema, {
        applicantType: r.applicantType,
        graduationYear: r.graduationYear,
        visa: r.visa,
        step1: r.step1,
        step2ck: r.step2ck,
        usce: r.usce,
        research,
        letters,
        preferences: {
          ...(r.states.length > 0 ? { states: r.states } : {}),
          ...(r.budget !== undefined ? { budgetUsd: r.budget } : {}),
        },
      });
      return v.ok ? { profile: v.value, specialty, asOf } : null;
    })
    .filter((c): c is PlanCase => c !== null);
}
