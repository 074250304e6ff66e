import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { assessProfile } from "./assess-profile.ts";
import { deriveFacts } from "./derive-facts.ts";

const rb = repositoryRulebook();
const dr = rb.specialties.get("diagnostic-radiology");
if (!dr) throw new Error("diagnostic-radiology missing");

const graduate2021: Profile = {
  applicantType: "non-us-img",
  graduationYear: 2021,
  visa: "j1",
  step1: { outcome: "pass", attempts: 1 },
  step2ck: { score: 236, attempts: 1 },
  targetMatchYear: 2028,
};

describe("years since graduation", () => {
  it("count to the year applications for the planned Match are sent, so they do not move at New Year", () => {
    const december = deriveFacts(rb, graduate2021, dr, "2026-12-07");
    const march = deriveFacts(rb, graduate2021, dr, "2027-03-01");
    // Applications for the 2028 Match are sent in 2027: six years after a 2021 graduation.
    expect(december.yearsSinceGraduation).toBe(6);
    expect(march.yearsSinceGraduation).toBe(6);
  });

  it("give the same graduation-gap flag before and after New Year, and the trace names the year counted to", () => {
    const flags = (asOf: string) => {
      const r = assessProfile(rb, graduate2021, "diagnostic-radiology", asOf);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value;
    };
    const december = flags("2026-12-07");
    expect(december.redFlags.map((f) => f.code)).toContain("graduation-gap");
    expect(flags("2027-03-01").redFlags.map((f) => f.code)).toContain("graduation-gap");
    const counted = december.because.find((b) => b.ruleId === "S5.years");
    expect(counted?.note).toMatch(/counted to 2027, when applications for the 2028 Match are sent/);
  });

  it("leave 'has graduated' to the as-of date: a student in the graduation year is not yet a graduate", () => {
    const student = { ...graduate2021, graduationYear: 2027 };
    expect(deriveFacts(rb, student, dr, "2026-12-07").graduated).toBe(false);
    expect(deriveFacts(rb, student, dr, "2027-03-01").graduated).toBe(false);
    expect(deriveFacts(rb, student, dr, "2028-01-05").graduated).toBe(true);
  });
});
