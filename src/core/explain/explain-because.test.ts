import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import type { Because } from "../assess/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { validateProfile } from "../profile/validate-profile.ts";
import { explainBecause } from "./explain-because.ts";
import { assessmentExplainContext, rulebookExplainContext } from "./explain-context.ts";

/** What raw data looks like in text: an object or array literal, a quoted key, an internal term. */
const RAW = /[{}[\]]|"\w+":|logOdds|slopePerPoint|\[object /;

describe("explainBecause", () => {
  it("says a band entry as a sentence naming the score, the band, the specialty, the rule and the source", () => {
    const e = explainBecause(
      {
        ruleId: "B2",
        value: { band: [240, 249], label: "Competitive", standing: "competitive" },
        sources: ["seed-000#step2-ranges"],
      },
      { step2ck: 241, specialtyName: "Diagnostic Radiology" },
    );
    expect(e.text).toBe(
      "Your Step 2 CK 241 is in the 240–249 band for Diagnostic Radiology, read as “Competitive” — competitive standing.",
    );
    expect(e.sentence).toBe(`${e.text} (rule B2; source: seed-000#step2-ranges)`);
  });

  it("says an open-ended band as 'up to' or 'from … up'", () => {
    const at = (band: [number | null, number | null]) =>
      explainBecause({ ruleId: "B5", value: { band, label: "x", standing: "low" }, sources: [] }).text;
    expect(at([null, 229])).toContain("Step 2 CK in the band up to 229");
    expect(at([260, null])).toContain("Step 2 CK in the band from 260 up");
  });

  it("turns a model term's log-odds into the factor on the interview odds, and hides it when it is 1", () => {
    const term = (logOdds: number) =>
      explainBecause({
        ruleId: "model.step2ck",
        value: { score: 236, reference: 250.6, slopePerPoint: 0.0318, logOdds },
        sources: ["nrmp-charting-outcomes-nonus-img-2026"],
      }).text;
    const lower = term(-0.305);
    expect(lower).toBe(
      "Your Step 2 CK 236 against the reference of 250.6: this multiplies your odds of an interview by 0.74.",
    );
    expect(lower).not.toMatch(/-0\.305|logOdds|0\.0318/);
    expect(term(0.001)).toBe("Your Step 2 CK 236 against the reference of 250.6.");
  });

  it("uses the assessment's own words for a flag that the trace records only by its code", () => {
    const e = explainBecause(
      { ruleId: "S4.failure", value: "exam-failure", sources: ["seed-004#red-flags"] },
      {
        findings: new Map([["S4.failure", { kind: "Red flag", message: "An exam failure is on record." }]]),
      },
    );
    expect(e.text).toBe("Red flag: An exam failure is on record.");
    expect(explainBecause({ ruleId: "X", value: "exam-failure", sources: [] }).text).toBe("Exam failure.");
  });

  it("keeps the note as its own sentence, once, and says 'Applied.' when there is nothing else", () => {
    expect(
      explainBecause({ ruleId: "D5", value: { min: 10, max: 15 }, sources: [], note: "a 10–15 point gain" })
        .text,
    ).toBe("A 10–15 point gain.");
    expect(explainBecause({ ruleId: "N1", value: null, sources: ["s"] }).sentence).toBe(
      "Applied. (rule N1; source: s)",
    );
  });

  it("never prints raw data, whatever the value, and always names the rule and every source", () => {
    const text = fc.string({ unit: fc.constantFrom(..."abcdefghij -0123456789") });
    const key = fc.string({ unit: fc.constantFrom(..."abcdefXYZ"), minLength: 1 });
    fc.assert(
      fc.property(
        fc.anything({
          key,
          values: [text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null)],
          maxDepth: 3,
        }),
        fc.string({ unit: fc.constantFrom(..."ABC.-12"), minLength: 1 }),
        fc.array(fc.string({ unit: fc.constantFrom(..."abc#-12"), minLength: 1 }), { maxLength: 3 }),
        (value, ruleId, sources) => {
          const e = explainBecause({ ruleId, value, sources });
          expect(e.text).not.toMatch(RAW);
          expect(e.sentence).toContain(`rule ${ruleId}`);
          for (const s of sources) expect(e.sentence).toContain(s);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("every trace an assessment makes reads as sentences", () => {
  const rb = repositoryRulebook();
  const schema = profileSchemaFor(rb);
  const profiles: Profile[] = [
    {
      applicantType: "non-us-img",
      graduationYear: 2021,
      visa: "j1",
      step1: { outcome: "pass", attempts: 1 },
      step2ck: { score: 236, attempts: 1 },
      usce: { handsOnMonths: 3, observershipMonths: 2, specialtyMonths: 2 },
      letters: { total: 3, specialty: 2, us: 2 },
    },
    {
      applicantType: "non-us-img",
      graduationYear: 2016,
      visa: "j1-or-h1b",
      step1: { outcome: "pass", attempts: 2 },
      step2ck: { score: 221, attempts: 1 },
    },
    {
      applicantType: "us-md",
      graduationYear: 2027,
      visa: "none-needed",
      step1: { outcome: "pass", attempts: 1 },
      step2ck: { score: null, plannedDate: "2026-08-20" },
    },
  ].map((p) => {
    const v = validateProfile(schema, p);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    return v.value;
  });

  it("for every specialty and three applicants, with and without the assessment's context", () => {
    let entries = 0;
    for (const specialty of rb.specialties.keys())
      for (const profile of profiles) {
        const r = assessProfile(rb, profile, specialty, "2026-03-01");
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const withAssessment = assessmentExplainContext(r.value, rb);
        for (const b of r.value.because as Because[]) {
          entries++;
          for (const ctx of [withAssessment, rulebookExplainContext(rb), {}]) {
            const e = explainBecause(b, ctx);
            expect(e.text, JSON.stringify(b)).not.toMatch(RAW);
            expect(e.sentence).toContain(`rule ${b.ruleId}`);
          }
        }
      }
    expect(entries).toBeGreaterThan(rb.specialties.size * profiles.length);
  });
});

describe("the program list's count, in words", () => {
  it("reads the list's length and the guides' floor as sentences, not key: value pairs", () => {
    const count = explainBecause({
      ruleId: "model.list-count",
      value: { programs: 80, from: "guides", binding: "stopping-threshold", optimiserStop: 80, floor: 80 },
      sources: [],
    });
    expect(count.text).toBe("The list has 80 programs.");
    const floor = explainBecause({
      ruleId: "A1.radiology-img",
      value: { floor: 80, standing: "borderline", forOwnStanding: true },
      sources: ["seed-000#where-to-apply"],
    });
    expect(floor.text).toBe("The guides' minimum: 80 programs for borderline standing.");
    expect(floor.text).not.toMatch(/Floor:|For own standing/);
  });

  it("reads the backups' odds line as a sentence with its note", () => {
    const e = explainBecause({
      ruleId: "model.backup-below",
      value: { pMatch: 0.1665, below: 0.5 },
      sources: ["seed-000#reality-check"],
      note: "an assumption",
    });
    expect(e.text).toMatch(/^The main list's P\(match\), 16\.7%, is below 50\.0%\./);
    expect(e.text).not.toMatch(/Pmatch:|Below:/i);
  });
});

describe("the visa, the PGY-1 year and the fees, in words", () => {
  it("reads each as a sentence, never key: value pairs", () => {
    const pgy1 = explainBecause({
      ruleId: "model.pgy1",
      value: { chance: 0.795, programs: 81, wanted: 81, categoricalShare: 0.144, binding: "target" },
      sources: [],
    });
    expect(pgy1.text).toBe(
      "A PGY-1 year is needed: the supplemental list's 81 programs give a chance of 80% of one (sized to the target), and 14% of your expected interviews are at programs whose positions include it.",
    );
    const visa = explainBecause({ ruleId: "model.visa", value: { need: "j1-or-h1b" }, sources: [] });
    expect(visa.text).toContain("the J-1 or H-1B visa you need");
    const fees = explainBecause({
      ruleId: "fees",
      value: { matchYear: 2027, service: "residencycas", confidence: "official" },
      sources: [],
    });
    expect(fees.text).toBe("Application fees for the 2027 Match, from ResidencyCAS (official).");
    for (const t of [pgy1.text, visa.text, fees.text]) expect(t).not.toMatch(/; [A-Z][a-z ]+: /);
  });
});
