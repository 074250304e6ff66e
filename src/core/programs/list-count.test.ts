import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { ownTailText } from "./list-count.ts";
import { planProgramList } from "./plan-program-list.ts";

const table = (gains: number[]) => gains.map((gain, i) => ({ n: i + 1, gain }));
const fee = (k: number) => 30 * k;

describe("ownTailText", () => {
  it("sums the table's gains after the applicant's own stop and prices those programs", () => {
    const text = ownTailText(table([0.05, 0.02, 0.0004, 0.0003, 0.0002]), 5, 2, 0.001, fee);
    expect(text).toContain("after program 2 each adds less than 0.1 percentage points");
    expect(text).toContain("the last 3 add 0.1 points together, for $90 in fees");
  });

  it("says nothing when the applicant's own curve runs to the end of the list", () => {
    expect(ownTailText(table([0.05, 0.02, 0.01]), 3, 3, 0.001, fee)).toBe("");
  });
});

describe("a list longer than the applicant's own curve", () => {
  const rb = repositoryRulebook();
  const data = repositoryProgramData();
  const profile = (name: string) =>
    profileSchemaFor(rb).parse(
      JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), "utf8")),
    );
  const plan = (name: string, specialty: string) => {
    const r = planProgramList(rb, data, { profile: profile(name), specialty, asOf: "2026-12-07" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };

  it("says what the programs past diminishing returns add, from the marginal table it shows (IR, H-1B)", () => {
    const p = plan("non-us-img-ir", "interventional-radiology");
    const n = p.programs.length;
    expect(p.diminishingReturnsAt).toBeLessThan(n);
    const added = p.marginal.slice(p.diminishingReturnsAt, n).reduce((s, m) => s + m.gain, 0) * 100;
    expect(p.count.text).toContain(
      `after program ${p.diminishingReturnsAt} each adds less than 0.1 percentage points, and the last ${n - p.diminishingReturnsAt} add ${added.toFixed(1)} points together`,
    );
  });

  it("adds nothing where diminishing returns set in at the list's end (DR, J-1)", () => {
    const p = plan("non-us-img-dr", "diagnostic-radiology");
    expect(p.diminishingReturnsAt).toBe(p.programs.length);
    expect(p.count.text).not.toContain("flattens sooner");
  });
});
