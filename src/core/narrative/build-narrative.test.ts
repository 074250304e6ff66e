import { describe, expect, it } from "vitest";
import { AS_OF, example, profileOf, strongImg } from "../../../test/report/support/profiles.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { buildNarrative } from "./build-narrative.ts";

const rb = repositoryRulebook();

function narrative(profile: Profile, specialty = "diagnostic-radiology") {
  const a = assessProfile(rb, profile, specialty, AS_OF);
  if (!a.ok) throw new Error(JSON.stringify(a.issues));
  return { n: buildNarrative(rb, profile, a.value), a: a.value };
}

describe("narrative scenarios (N1) and explanations (N2)", () => {
  // Scenario B cites Step 2 CK as proof of improvement, so it needs a score the specialty's bands
  // read as borderline or better (issue 12); a low one after a failure gets C and N2's explanation.
  it("a Step 1 failure followed by a Step 2 CK in the borderline band or above gets scenario B, leading, and advice to explain in 2–4 sentences", () => {
    const { n, a } = narrative({ ...example("step1-failure-dr"), step2ck: { score: 232, attempts: 1 } });
    expect(n.lead).toBe("B");
    expect(n.scenarios.map((s) => s.scenario)).toContain("B");
    expect(n.explain).toMatchObject({ advised: true, sentences: { min: 2, max: 4 } });
    expect(n.explain.sources).toContain("seed-004#explaining");
    expect(a.recommendations.map((r) => r.code)).toContain("explain-briefly");
    expect(n.personalStatement.mentionScores).toBe(true);
  });

  it("the same failure with a Step 2 CK low for the specialty (221 in DR) gets scenario C only — no improvement to cite — and still the advice to explain", () => {
    const { n } = narrative(example("step1-failure-dr"));
    expect(n.scenarios.map((s) => s.scenario)).toEqual(["C"]);
    expect(n.lead).toBe("C");
    expect(n.explain.advised).toBe(true);
  });

  // Scenario A compares a strong Step 2 CK with an average numeric Step 1 (issue 12: not for pass/fail).
  it("a strong profile with a numeric Step 1 gets scenario A and no advice to explain anything; with a pass/fail Step 1, no scenario A", () => {
    expect(narrative(strongImg()).n.scenarios.map((s) => s.scenario)).not.toContain("A");
    const { n, a } = narrative({ ...strongImg(), step1: { outcome: "pass", attempts: 1, score: 230 } });
    expect(n.lead).toBe("A");
    expect(n.explain.advised).toBe(false);
    expect(n.explain.points).toEqual([]);
    expect(n.personalStatement.mentionScores).toBe(false);
    expect(a.recommendations.map((r) => r.code)).not.toContain("explain-briefly");
  });

  it("a low Step 2 CK with no failure gets scenario C only, and no explanation", () => {
    const { n } = narrative(
      profileOf({
        applicantType: "non-us-img",
        graduationYear: 2024,
        visa: "j1",
        step1: { outcome: "pass", attempts: 1 },
        step2ck: { score: 222, attempts: 1 },
      }),
    );
    expect(n.scenarios.map((s) => s.scenario)).toEqual(["C"]);
    expect(n.explain.advised).toBe(false);
  });

  it("with Step 2 CK still to come no scenario fits yet, and the trace says why", () => {
    const { n } = narrative(
      profileOf({
        applicantType: "us-img",
        graduationYear: 2025,
        visa: "none-needed",
        step1: { outcome: "pass", attempts: 1 },
        step2ck: { score: null },
      }),
    );
    expect(n.scenarios).toEqual([]);
    expect(n.lead).toBeNull();
    expect(n.because.find((b) => b.ruleId === "N1")?.note).toMatch(/none of the three scenarios/);
  });

  it("the personal statement and interview advice (N3, N4) come with their sources for every profile", () => {
    for (const p of [strongImg(), example("step1-failure-dr")]) {
      const { n } = narrative(p);
      expect(n.personalStatement.points.length).toBeGreaterThan(0);
      expect(n.personalStatement.sources.length).toBeGreaterThan(0);
      expect(n.interview.points.join(" ")).toMatch(/memorable case/);
      expect(n.interview.sources).toContain("seed-000#interviews");
    }
  });
});

describe("letters (L5)", () => {
  it("DR asks for 2–3 radiology letters; one radiology letter leaves one to gather", () => {
    const { n } = narrative(example("step1-failure-dr"));
    expect(n.letters.plan).toEqual([{ kind: "radiology", label: "Radiology", min: 2, max: 3 }]);
    expect(n.letters.missing).toBe(1);
    expect(n.letters.content.join(" ")).toMatch(/US trainees/);
  });

  it("IR asks for an IR attending, a diagnostic radiologist and a core clinical letter", () => {
    const { n } = narrative(strongImg(), "interventional-radiology");
    expect(n.letters.plan?.map((k) => k.kind)).toEqual([
      "interventional-radiology-attending",
      "diagnostic-radiology",
      "core-clinical",
    ]);
    expect(n.letters.plan?.find((k) => k.kind === "diagnostic-radiology")?.label).toBe(
      "Diagnostic Radiology",
    );
    expect(n.letters.missing).toBe(0);
  });

  it("a specialty the guides give no letters plan for says the plan is unknown, not a guessed count", () => {
    const { n } = narrative(strongImg(), "pediatrics");
    expect(n.letters.plan).toBeNull();
    expect(n.letters.missing).toBeNull();
    expect(n.letters.note).toMatch(/unknown/);
  });
});
