import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPlan } from "../../cli/commands/programs.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { planProgramList } from "./plan-program-list.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const usMd = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/us-md-im.json", import.meta.url), "utf8")),
) as Profile;
const doUntaken: Profile = { ...usMd, applicantType: "do", step2ck: { score: null } };

const plan = (profile: Profile, specialty: string) => {
  const r = planProgramList(rb, data, { profile, specialty, asOf });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const untakenOf = (p: ReturnType<typeof plan>) => p.whatMoves.find((s) => s.id === "untaken-step2ck");

describe("the Step 2 CK score the odds assume is always stated", () => {
  it("a DO without Step 2 CK in pediatrics: the assumed score is shown, and that its spread is not in the range", () => {
    const p = plan(doUntaken, "pediatrics");
    const u = untakenOf(p);
    expect(u).toBeDefined();
    expect(u?.untaken).toMatchObject({ spread: null, spreadInRange: false });
    expect(u?.value).toBe(u?.untaken?.score);
    expect(u?.label).toContain("no spread of the score is published for DO seniors in Pediatrics");
    expect(u?.label).toContain("the range of P(match) leaves it out");
    // At the assumed score the swing reads the number shown; the group's mean score raises it.
    expect(u?.low.pMatch).toBeCloseTo(p.pMatch?.estimate ?? -1, 12);
    expect(u?.high.pMatch).toBeGreaterThan(u?.low.pMatch ?? 1);
    expect(p.pMatchRange?.parts.some((x) => x.part === "untaken-step2ck")).toBe(false);
    expect(renderPlan(p)).toContain(`the Step 2 CK score to come (no spread`);
    expect(p.because.some((b) => b.ruleId === "model.untaken-step2ck.no-spread")).toBe(true);
  });

  it("a DO without Step 2 CK in family medicine: the assumed score is said to have no effect there", () => {
    const u = untakenOf(plan(doUntaken, "family-medicine"));
    expect(u?.label).toContain("no effect here");
    expect(u?.untaken?.spreadInRange).toBe(false);
    expect(u?.low.pMatch).toBe(u?.high.pMatch);
  });

  it("where a spread is published, the score is tried either side of the stand-in and is part of the range", () => {
    const p = plan({ ...usMd, step2ck: { score: null } }, "diagnostic-radiology");
    const u = untakenOf(p);
    expect(u?.untaken?.spreadInRange).toBe(true);
    expect(u?.untaken?.spread).toBeGreaterThan(0);
    expect(u?.label).toBe("the Step 2 CK score to come");
    expect(p.pMatchRange?.parts.some((x) => x.part === "untaken-step2ck")).toBe(true);
  });

  it("with the score in, nothing is assumed", () => {
    expect(untakenOf(plan(usMd, "pediatrics"))).toBeUndefined();
  });
});
