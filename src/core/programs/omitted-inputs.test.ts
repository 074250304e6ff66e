import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPlan } from "../../cli/commands/programs.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { omittedInputWarnings } from "./omitted-inputs.ts";
import { planProgramList } from "./plan-program-list.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
) as Profile;
const { usce: _u, letters: _l, ...withoutInputs } = example;
const bare = withoutInputs as Profile;

const plan = (profile: Profile, specialty = "internal-medicine") => {
  const r = planProgramList(rb, data, { profile, specialty, asOf });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("an odds input the profile leaves out is stated, not counted silently", () => {
  it("USCE and specialty letters left out are each stated beside P(match), with the number at the advised minimum", () => {
    const p = plan(bare);
    const notGiven = p.whatMoves.filter((s) => s.notGiven);
    expect(notGiven.map((s) => s.notGiven)).toEqual(["usce", "letters.specialty"]);
    for (const s of notGiven) {
      expect(s.label).toContain("not given, counted as none");
      expect(s.value).toBe(0);
      expect(s.low.pMatch).toBe(p.pMatch?.estimate);
      // Giving the advised minimum raises the number: the assumption is the cautious side.
      expect(s.high.pMatch).toBeGreaterThan(s.low.pMatch);
    }
    expect(p.because.map((b) => b.ruleId)).toEqual(
      expect.arrayContaining(["input.not-given.usce", "input.not-given.specialty-letters"]),
    );
    const text = renderPlan(p);
    expect(text).toContain("months of hands-on USCE in the specialty — not given, counted as none");
    expect(text).toContain("specialty letters — not given, counted as none");
  });

  it("a profile that gives them states nothing of the kind, and its number is unchanged by the note", () => {
    const p = plan(example);
    expect(p.whatMoves.some((s) => s.notGiven)).toBe(false);
    expect(p.because.some((b) => b.ruleId.startsWith("input.not-given."))).toBe(false);
  });

  it("the note does not move the number: left out is counted as none, as zeros given are", () => {
    const zeros: Profile = {
      ...bare,
      usce: { handsOnMonths: 0, observershipMonths: 0, specialtyMonths: 0 },
      letters: { total: 0, specialty: 0, us: 0 },
    };
    expect(plan(bare).pMatch?.estimate).toBe(plan(zeros).pMatch?.estimate);
  });

  it("hands-on USCE is an odds input for IMGs only", () => {
    const usMd: Profile = { ...bare, applicantType: "us-md", visa: "none-needed", graduationYear: 2027 };
    expect(omittedInputWarnings(data.model, usMd).map((w) => w.path)).toEqual([
      "usce.specialtyMonths",
      "letters.specialty",
    ]);
    const handsOnOnly: Profile = { ...bare, usce: { specialtyMonths: 0, observershipMonths: 2 } };
    expect(omittedInputWarnings(data.model, handsOnOnly).map((w) => w.path)).toEqual([
      "usce.handsOnMonths",
      "letters.specialty",
    ]);
  });
});
