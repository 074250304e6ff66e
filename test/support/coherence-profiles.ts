import fc from "fast-check";
import { assessProfile } from "../../src/core/assess/assess-profile.ts";
import type { Assessment } from "../../src/core/assess/types.ts";
import type { Profile } from "../../src/core/profile/profile-schema.ts";
import { type ProgramPlan, planProgramList } from "../../src/core/programs/plan-program-list.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";

/**
 * Generated profiles for the coherence properties, and a memoised planner. Every property draws
 * from the same arbitrary with the same fixed seed (fast-check-seed.ts), so the 1,000 base
 * profiles are the same in every property and each base profile's P(match) is computed once per
 * file; only the variant a property changes costs a new plan. Budgets are mostly finite (they bound the curve
 * the planner computes, which keeps a plan to a few milliseconds) with one case in seven unlimited,
 * so the guides' floor, the stopping threshold and the catalog all get to bind as well.
 */
export const rb = repositoryRulebook();
export const data = repositoryProgramData();
export const AS_OF = "2026-11-22";

/** Every specialty for which a list shows a P(match): catalog programs and Charting Outcomes ranks data. */
export const PMATCH_SPECIALTIES = [...rb.specialties.keys()].filter((id) => {
  if ((data.bySpecialty.get(id)?.length ?? 0) === 0) return false;
  const co = rb.chartingOutcomes.specialties[id];
  const m = co?.contiguousRanks.matched;
  const u = co?.contiguousRanks.notMatched;
  return !!m && !!u && m.mean !== null && m.sd !== null && u.mean !== null && u.sd !== null;
});

export interface Case {
  profile: Profile;
  specialty: string;
  budgetUsd: number | null;
}

const STATES = ["OH", "MI", "TX", "NY", "CA", "FL", "IL", "PA"];

export const profileArb: fc.Arbitrary<Profile> = fc
  .record({
    applicantType: fc.constantFrom("us-md", "do", "us-img", "non-us-img" as const),
    graduationYear: fc.integer({ min: 2012, max: 2027 }),
    visa: fc.constantFrom("none-needed", "j1", "h1b", "j1-or-h1b" as const),
    step1: fc.oneof(
      fc.record({
        outcome: fc.constant("pass" as const),
        attempts: fc.integer({ min: 1, max: 3 }),
        score: fc.option(fc.integer({ min: 196, max: 270 }), { freq: 2 }),
      }),
      fc.record({ outcome: fc.constant("fail" as const), attempts: fc.integer({ min: 1, max: 2 }) }),
    ),
    step2ck: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          score: fc.integer({ min: 195, max: 275 }),
          attempts: fc.integer({ min: 1, max: 2 }),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ score: null }) },
    ),
    usce: fc.record({
      handsOnMonths: fc.integer({ min: 0, max: 6 }),
      observershipMonths: fc.integer({ min: 0, max: 6 }),
      specialtyMonths: fc.integer({ min: 0, max: 5 }),
    }),
    research: fc.record({
      items: fc.integer({ min: 0, max: 14 }),
      specialtyItems: fc.integer({ min: 0, max: 4 }),
      firstAuthor: fc.integer({ min: 0, max: 2 }),
      presentations: fc.integer({ min: 0, max: 3 }),
    }),
    letters: fc.record({
      total: fc.integer({ min: 3, max: 5 }),
      specialty: fc.integer({ min: 0, max: 3 }),
      us: fc.integer({ min: 0, max: 3 }),
    }),
    ties: fc.option(fc.record({ states: fc.subarray(STATES, { minLength: 1, maxLength: 2 }) }), { freq: 3 }),
  })
  .map((p) => {
    const { ties, ...rest } = p;
    const step1 =
      p.step1.outcome === "pass" && p.step1.score === null
        ? { outcome: "pass" as const, attempts: p.step1.attempts }
        : p.step1;
    return { ...rest, step1, ...(ties ? { ties } : {}) } as Profile;
  });

export const caseArb: fc.Arbitrary<Case> = fc.record({
  profile: profileArb,
  specialty: fc.constantFrom(...PMATCH_SPECIALTIES),
  budgetUsd: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 6000 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
});

/**
 * Whole plans are large (every program row, the whole P(match) curve), so only the last few are
 * kept; a case's P(match) is a number and is kept for every case, which is what lets the same base
 * profiles be reused across properties.
 */
const RECENT_PLANS = 8; // enough for the few plans one property run looks at
const plans = new Map<string, ProgramPlan>();
const pMatches = new Map<string, number>();
const assessments = new Map<string, Assessment>();

export function planOf(c: Case): ProgramPlan {
  const key = JSON.stringify(c);
  let p = plans.get(key);
  if (!p) {
    const r = planProgramList(rb, data, {
      profile: c.profile,
      specialty: c.specialty,
      asOf: AS_OF,
      budgetUsd: c.budgetUsd,
    });
    if (!r.ok) throw new Error(`plan failed for ${key}: ${JSON.stringify(r.issues)}`);
    p = r.value;
    if (plans.size >= RECENT_PLANS) plans.delete(plans.keys().next().value as string);
    plans.set(key, p);
  }
  return p;
}

export function assessmentOf(profile: Profile, specialty: string): Assessment {
  const key = JSON.stringify([profile, specialty]);
  let a = assessments.get(key);
  if (!a) {
    const r = assessProfile(rb, profile, specialty, AS_OF);
    if (!r.ok) throw new Error(`assessment failed: ${JSON.stringify(r.issues)}`);
    a = r.value;
    assessments.set(key, a);
  }
  return a;
}

/**
 * The plan's chance of matching: of its main list, or — where one application is spread over a
 * specialty and its alternative pathway (IR with DR) — of matching in either, since the two lists
 * share one pool of signals and a stronger profile may rightly move signals from one to the other.
 */
export function pMatchOf(c: Case): number {
  const key = JSON.stringify(c);
  const known = pMatches.get(key);
  if (known !== undefined) return known;
  const p = planOf(c);
  const pathway = rb.specialties.get(c.specialty)?.alternativePathway?.via;
  const value =
    p.parallel && p.parallel.specialty === pathway && p.pMatchAny
      ? p.pMatchAny.estimate
      : (p.pMatch?.estimate ?? 0);
  pMatches.set(key, value);
  return value;
}

/** P(match) is computed deterministically; this absorbs floating-point noise only. */
export const EPS = 1e-9;

export const PROPERTY_RUNS = 1000;
