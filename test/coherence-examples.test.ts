import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assessProfile } from "../src/core/assess/assess-profile.ts";
import { buildNarrative } from "../src/core/narrative/build-narrative.ts";
import type { Profile } from "../src/core/profile/profile-schema.ts";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { type ProgramPlan, planProgramList } from "../src/core/programs/plan-program-list.ts";
import { PROGRAM_TIERS, tierOf } from "../src/core/programs/tiers.ts";
import { forecastScore } from "../src/core/study/forecast-score.ts";
import { standingRank } from "../src/core/vocabulary.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";

/**
 * One example per contradiction issue 12 lists under "One output contradicts itself" and
 * "Advice not fitted to the person", each the case the issue names. The properties in
 * coherence.property.test.ts generalise them.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const AS_OF = "2026-11-22";
const parse = (raw: unknown): Profile => profileSchemaFor(rb).parse(raw);
const example = (name: string): Profile =>
  parse(JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8")));

const img = (step2ck: number | null, extra: Record<string, unknown> = {}): Profile =>
  parse({
    applicantType: "non-us-img",
    graduationYear: 2024,
    visa: "j1",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: step2ck === null ? { score: null } : { score: step2ck, attempts: 1 },
    ...extra,
  });
const usMd = (step2ck: number | null): Profile =>
  parse({
    applicantType: "us-md",
    graduationYear: 2027,
    visa: "none-needed",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: step2ck === null ? { score: null } : { score: step2ck, attempts: 1 },
  });

function assess(profile: Profile, specialty: string) {
  const r = assessProfile(rb, profile, specialty, AS_OF);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
function plan(profile: Profile, specialty: string, budgetUsd: number | null): ProgramPlan {
  const r = planProgramList(rb, data, { profile, specialty, asOf: AS_OF, budgetUsd });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe("one output no longer contradicts itself", () => {
  it("a borderline non-US IMG in internal medicine (226) is not told the guides give a count only for borderline or low standing", () => {
    const a = assess(img(226), "internal-medicine");
    expect(a.standing).toBe("borderline");
    expect(a.applicationCount).toBeNull();
    expect(a.applicationCountNote).not.toMatch(/only for borderline or low/);
    expect(a.applicationCountNote).toMatch(/no program count for borderline standing/);
    expect(a.applicationCountNote).toMatch(/A1\.broad-low/);
    const p = plan(img(226), "internal-medicine", 3000);
    expect(p.count.from).toBe("optimiser");
    expect(p.count.text).toMatch(/no program count for this standing/);
  });

  it("a borderline US MD senior in DR (231) is told why there is no guide count, without IMG wording", () => {
    const a = assess(usMd(231), "diagnostic-radiology");
    expect(a.standing).toBe("borderline");
    expect(a.applicationCountNote).toMatch(/no program count for borderline standing/);
    expect(a.applicationCountNote).not.toMatch(/IMG/);
  });

  it("for a US MD senior in DR, a lower standing never shows a higher P(match), blank Step 2 CK included", () => {
    const scores = [null, 200, 210, 220, 229, 231, 235, 236, 245, 255];
    const rows = scores.map((s) => ({
      s,
      rank: standingRank(assess(usMd(s), "diagnostic-radiology").standing),
      p: plan(usMd(s), "diagnostic-radiology", 3000).pMatch?.estimate ?? 0,
    }));
    for (const a of rows)
      for (const b of rows) if (a.rank > b.rank) expect(a.p, `${a.s} vs ${b.s}`).toBeLessThanOrEqual(b.p);
  });

  it("tiers follow the odds shown: no safety row below a target row, and no safety at a few percent", () => {
    for (const p of [
      plan(usMd(220), "diagnostic-radiology", 3000),
      plan(img(226), "internal-medicine", 3000),
    ]) {
      expect(p.tierLegend.entries.map((e) => e.tier)).toEqual([...PROGRAM_TIERS]);
      p.programs.forEach((row, i) => {
        expect(row.tier).toBe(tierOf(data.model.tiers, row.pInterview.estimate));
        const prev = p.programs[i - 1];
        if (prev)
          expect(PROGRAM_TIERS.indexOf(prev.tier)).toBeLessThanOrEqual(PROGRAM_TIERS.indexOf(row.tier));
        if (row.tier === "safety")
          expect(row.pInterview.estimate).toBeGreaterThanOrEqual(data.model.tiers.safetyFrom);
      });
    }
  });

  it("a blank Step 2 CK is worth no more than 245, nor than the typical unmatched score, while assess flags it", () => {
    const base = example("non-us-img-dr");
    const blank = { ...base, step2ck: { score: null } };
    const at = (s: number) =>
      plan({ ...base, step2ck: { score: s, attempts: 1 } }, "diagnostic-radiology", 3000);
    const pBlank = plan(blank, "diagnostic-radiology", 3000).pMatch?.estimate ?? 1;
    const unmatched = rb.chartingOutcomes.specialties["diagnostic-radiology"]?.step2ck.notMatched.mean ?? 0;
    expect(pBlank).toBeLessThanOrEqual(at(245).pMatch?.estimate ?? 0);
    expect(pBlank).toBeLessThanOrEqual(at(unmatched).pMatch?.estimate ?? 0);
    expect(assess(blank, "diagnostic-radiology").redFlags.map((f) => f.code)).toContain("step2ck-not-taken");
  });

  it("an $800 budget says the budget stopped the list, not the stopping threshold", () => {
    const p = plan(example("non-us-img-dr"), "diagnostic-radiology", 800);
    expect(p.count.binding).toBe("budget");
    expect(p.comparison).toMatch(/budget/);
    expect(p.comparison).not.toMatch(/stopping threshold/);
    expect(p.costUsd).toBeLessThanOrEqual(800);
  });

  it("a $100 budget builds DR programs, gives a P(match) and says plainly it is too small", () => {
    const p = plan(example("non-us-img-dr"), "diagnostic-radiology", 100);
    expect(p.programs.length).toBeGreaterThan(0);
    expect(p.fees.find((f) => f.specialty === "diagnostic-radiology")?.programs).toBe(p.programs.length);
    expect(p.pMatch).not.toBeNull();
    expect(p.count.tooSmall).toBe(true);
    expect(p.comparison).toMatch(
      /A budget of \$100 is too small for a sensible Diagnostic Radiology application/,
    );
  });

  it("the weakest applicant (Step 1 failure, DR 222, $3,000) gets the guides' 80+ programs and all 12 signals", () => {
    const weakest = { ...example("step1-failure-dr"), step2ck: { score: 222, attempts: 1 } };
    const p = plan(weakest, "diagnostic-radiology", 3000);
    expect(p.guideAdvice?.min).toBe(80);
    expect(p.programs.length).toBeGreaterThanOrEqual(80);
    expect(p.signals).toMatchObject({ gold: 6, silver: 6 });
    expect(p.count.from).toBe("guides");
  });
});

describe("advice is fitted to the person", () => {
  const applyBroadly = (profile: Profile, specialty: string) =>
    assess(profile, specialty).recommendations.find((r) => r.code === "apply-broadly")?.message ?? "";

  it("'apply broadly' carries no DR/IR IMG count for an IMG in internal medicine or a US graduate in DR", () => {
    for (const [profile, specialty] of [
      [img(226), "internal-medicine"],
      [usMd(233), "diagnostic-radiology"],
    ] as const) {
      const m = applyBroadly(profile, specialty);
      expect(m).toMatch(/Apply broadly/);
      expect(m).not.toMatch(/IMG|DR\/IR|80–120/);
    }
  });

  it("no scenario A ('an average Step 1') for a pass/fail Step 1", () => {
    const profile = img(255);
    const a = assess(profile, "diagnostic-radiology");
    const n = buildNarrative(rb, profile, a);
    expect(n.scenarios.map((s) => s.scenario)).not.toContain("A");
    const numeric = img(255, { step1: { outcome: "pass", attempts: 1, score: 225 } });
    expect(buildNarrative(rb, numeric, assess(numeric, "diagnostic-radiology")).lead).toBe("A");
  });

  it("no clerkship-honours advice to a 2022 graduate; a student still gets it", () => {
    const graduate = img(236, { graduationYear: 2022 });
    const messages = assess(graduate, "diagnostic-radiology").recommendations.map((r) => r.message);
    expect(messages.join(" ")).not.toMatch(/honou?rs/i);
    expect(messages.join(" ")).toMatch(/radiology-focused US rotations/);
    const student = img(236, { graduationYear: 2026 });
    expect(
      assess(student, "diagnostic-radiology")
        .recommendations.map((r) => r.message)
        .join(" "),
    ).toMatch(/honours/);
  });

  it("no practice-exam forecast once a passing Step 2 CK is in", () => {
    const log = [{ date: "2026-11-01", kind: "nbme" as const, form: 13, score: 240 }];
    const r = forecastScore(rb, { log, target: 250, asOf: AS_OF, step2ckScore: 245 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "inconsistent", path: "step2ckScore" });
    expect(forecastScore(rb, { log, target: 250, asOf: AS_OF, step2ckScore: null }).ok).toBe(true);
  });

  it("someone who passed Step 2 CK with 222 after a Step 1 failure is not told to cite it as evidence of improvement", () => {
    const profile = { ...example("step1-failure-dr"), step2ck: { score: 222, attempts: 1 } };
    const n = buildNarrative(rb, profile, assess(profile, "diagnostic-radiology"));
    expect(n.scenarios.map((s) => s.scenario)).toEqual(["C"]);
    expect(n.scenarios.flatMap((s) => s.points).join(" ")).not.toMatch(/Step 2 CK[^.]*(proof|evidence)/);
    expect(n.explain.advised).toBe(true);
  });
});
