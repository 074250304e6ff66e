import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { profileSchemaFor } from "./profile-schema-for.ts";
import { validateProfile } from "./validate-profile.ts";

const rb = repositoryRulebook();
const schema = profileSchemaFor(rb);
const example = JSON.parse(
  readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
);
const issuesOf = (input: unknown) => {
  const r = validateProfile(schema, input);
  return r.ok ? [] : r.issues;
};

describe("profile validation", () => {
  it("accepts the example profile", () => {
    expect(validateProfile(schema, example).ok).toBe(true);
  });

  it("accepts the issue's documented profile shape including step3, comlex and preferences", () => {
    const full = {
      applicantType: "non-us-img",
      graduationYear: 2021,
      visa: "j1-or-h1b",
      step1: { outcome: "pass", score: 231, attempts: 1 },
      step2ck: { score: 236, attempts: 1, plannedDate: "2026-06-20" },
      step3: { score: 215, attempts: 1 },
      comlex2ce: { score: 540, attempts: 1 },
      usce: { handsOnMonths: 3, observershipMonths: 2, specialtyMonths: 2 },
      research: { items: 3, specialtyItems: 2, firstAuthor: 1, presentations: 1 },
      letters: { total: 3, specialty: 2, us: 2 },
      homeProgram: false,
      ties: { states: ["MI"] },
      preferences: { states: ["OH"], regions: ["East North Central"], budgetUsd: 3000 },
    };
    expect(issuesOf(full)).toEqual([]);
  });

  it("takes the score range and attempt limit from the cited exam rules", () => {
    const { min, max } = rb.exam.usmle.scale.value;
    const limit = rb.exam.usmle.attemptLimit.value;
    expect(issuesOf({ ...example, step2ck: { score: max, attempts: limit } })).toEqual([]);
    expect(issuesOf({ ...example, step2ck: { score: min, attempts: 1 } })).toEqual([]);
    const above = issuesOf({ ...example, step2ck: { score: max + 1, attempts: 1 } });
    expect(above).toEqual([expect.objectContaining({ code: "out_of_range", path: "step2ck.score" })]);
    expect(above[0]?.message).toContain(`${min}–${max}`);
    expect(issuesOf({ ...example, step2ck: { score: 240, attempts: limit + 1 } })[0]).toMatchObject({
      path: "step2ck.attempts",
      code: "out_of_range",
    });
  });

  it("names the field for a score of 320 and a negative attempt count", () => {
    const issues = issuesOf({
      ...example,
      step1: { outcome: "pass", attempts: -1 },
      step2ck: { score: 320, attempts: 1 },
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["step1.attempts", "step2ck.score"]);
    for (const i of issues) expect(i.allowed).toBeTruthy();
  });

  it("rejects unknown fields with their path, at any depth", () => {
    const issues = issuesOf({ ...example, nickname: "x", step1: { ...example.step1, percentile: 90 } });
    expect(issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["unknown_field", "nickname"],
        ["unknown_field", "step1.percentile"],
      ]),
    );
  });

  it("lists the allowed values for an enum and names missing fields", () => {
    const issues = issuesOf({ ...example, applicantType: "martian", visa: undefined });
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: "applicantType",
        code: "invalid_value",
        allowed: "one of: us-md, do, us-img, non-us-img",
      }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: "visa", code: "missing_field" }));
  });

  it("says what a missing or mistyped field takes, in words a user can act on", () => {
    const missing = issuesOf({ ...example, step2ck: undefined, step1: undefined });
    const step2 = missing.find((i) => i.path === "step2ck");
    expect(step2).toMatchObject({ code: "missing_field" });
    expect(step2?.message).toMatch(/^is required: must be an object: .*null if not taken yet/);
    expect(missing.find((i) => i.path === "step1")?.allowed).toMatch(/"outcome": pass or /);
    // Where the schema gave no words of its own, zod's type in a reader's words, never its default text.
    const all = [...missing, ...issuesOf({ ...example, ties: { states: "MI" }, homeProgram: "yes" })];
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const i of all) expect(`${i.message} ${i.allowed ?? ""}`).not.toMatch(/Invalid input|received/);
    expect(all.find((i) => i.path === "ties.states")).toMatchObject({
      code: "invalid_type",
      allowed: "a list",
    });
  });

  it("catches contradictions between fields", () => {
    expect(issuesOf({ ...example, step1: { outcome: "not-taken", attempts: 1 } })[0]).toMatchObject({
      path: "step1.attempts",
      code: "inconsistent",
    });
    expect(issuesOf({ ...example, step2ck: { score: null, attempts: 2 } })[0]).toMatchObject({
      path: "step2ck.attempts",
    });
    expect(issuesOf({ ...example, letters: { total: 1, specialty: 3 } })[0]).toMatchObject({
      path: "letters.specialty",
    });
    expect(
      issuesOf({ ...example, usce: { handsOnMonths: 1, observershipMonths: 0, specialtyMonths: 4 } })[0],
    ).toMatchObject({ path: "usce.specialtyMonths" });
  });

  it("rejects badly formed dates and state codes", () => {
    expect(issuesOf({ ...example, step2ck: { score: null, plannedDate: "20-06-2026" } })[0]?.path).toBe(
      "step2ck.plannedDate",
    );
    expect(issuesOf({ ...example, ties: { states: ["Michigan"] } })[0]?.path).toBe("ties.states.0");
  });

  it("refuses text that is not text — NUL, unpaired surrogates — where the profile holds free text", () => {
    for (const bad of ["East\u0000", "\ud800", "x\udfff"]) {
      const issues = issuesOf({ ...example, preferences: { regions: ["Pacific", bad] } });
      expect(issues).toContainEqual(
        expect.objectContaining({ path: "preferences.regions.1", code: "invalid_value" }),
      );
    }
    const long = "x".repeat(rb.limits.profile.regions.value.maxLength + 1);
    expect(issuesOf({ ...example, preferences: { regions: [long] } })[0]?.path).toBe("preferences.regions.0");
  });

  it("takes years, dates and list sizes from the input limits", () => {
    const { from, to } = rb.limits.dates.value;
    const grad = rb.limits.profile.graduationYear.value;
    expect(issuesOf({ ...example, graduationYear: grad.max })).toEqual([]);
    expect(issuesOf({ ...example, graduationYear: grad.max + 1 })[0]?.path).toBe("graduationYear");
    expect(issuesOf({ ...example, targetMatchYear: Number(to.slice(0, 4)) })).toEqual([]);
    for (const year of [Number(to.slice(0, 4)) + 1, 2_147_483_648, 1e308])
      expect(issuesOf({ ...example, targetMatchYear: year })[0]?.path).toBe("targetMatchYear");
    const step2 = (plannedDate: string) => ({ ...example, step2ck: { score: null, plannedDate } });
    expect(issuesOf(step2(from))).toEqual([]);
    for (const d of ["0000-01-01", "0001-01-01", "9999-12-31"])
      expect(issuesOf(step2(d))).toEqual([
        expect.objectContaining({ path: "step2ck.plannedDate", code: "out_of_range" }),
      ]);
    const states = Array(rb.limits.profile.states.value.maxItems + 1).fill("OH");
    expect(issuesOf({ ...example, preferences: { states } })[0]?.path).toBe("preferences.states");
  });

  it("never throws, whatever the input, and every rejection names a field or the root", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = validateProfile(schema, input);
        if (!r.ok) for (const i of r.issues) expect(typeof i.path).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("an out-of-scale Step 2 CK is always rejected at step2ck.score", () => {
    const { min, max } = rb.exam.usmle.scale.value;
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 })), (score) => {
        const issues = issuesOf({ ...example, step2ck: { score, attempts: 1 } });
        expect(issues.map((i) => i.path)).toContain("step2ck.score");
      }),
    );
  });
});
