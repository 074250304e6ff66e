import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Profile } from "../../src/core/profile/profile-schema.ts";
import { profileSchemaFor } from "../../src/core/profile/profile-schema-for.ts";
import { planProgramList } from "../../src/core/programs/plan-program-list.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { fromProfile, toProfileInput } from "../../web/src/profile/draft.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const schema = profileSchemaFor(rb);
const example = schema.parse(
  JSON.parse(readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
) as Profile;

describe("a field left blank on the page's form", () => {
  it("specialty letters left blank are not sent, and the plan says they are counted as none", () => {
    const input = toProfileInput({ ...fromProfile(example), lettersSpecialty: "" });
    const profile = schema.parse(input) as Profile;
    expect(profile.letters?.specialty).toBeUndefined();
    const r = planProgramList(rb, data, { profile, specialty: "internal-medicine", asOf: "2026-11-22" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const note = r.value.whatMoves.find((s) => s.notGiven === "letters.specialty");
    expect(note?.label).toBe("specialty letters — not given, counted as none");
  });
});
