import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { planProgramList } from "./plan-program-list.ts";

/**
 * A signal's lift at a program that reports no signal rates is the model's one published odds
 * ratio, measured in another specialty: an assumption, said on every row it lifts and in the list's
 * `because`, never passed off as the program's own.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
) as Profile;
const plan = (specialty: string) => {
  const r = planProgramList(rb, data, { profile: example, specialty, asOf: "2026-11-22" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const measuredIn = data.model.interview.signalOddsRatioFallback.measuredIn;
const measuredName = rb.specialties.get(measuredIn.specialty)?.name ?? "";

describe("a signal lift borrowed from another specialty is marked as an assumption", () => {
  it("in a specialty with no published signal rates, every signalled row says its lift is borrowed, and so does the list", () => {
    const p = plan("internal-medicine");
    const signalled = p.programs.filter((x) => x.signal);
    expect(signalled.length).toBeGreaterThan(0);
    for (const row of signalled) {
      expect(row.basis).toContain(
        `${row.signal} signal (lift assumed: no signal rates are published for Internal Medicine`,
      );
      expect(row.basis).toContain(`measured in ${measuredName} in ${measuredIn.year} is borrowed`);
    }
    for (const row of p.programs.filter((x) => !x.signal)) expect(row.basis).not.toContain("signal");
    const b = p.because.find((x) => x.ruleId === "model.signal-lift-borrowed");
    expect(b?.value).toMatchObject({ signalled: signalled.length, borrowed: signalled.length });
    expect(b?.note).toContain(data.model.interview.signalOddsRatioFallback.assumption);
  });

  it("where programs report their own signal rates, their rows say only the signal, and the list records no borrowed lift for them", () => {
    const p = plan("diagnostic-radiology");
    const own = p.programs.filter((x) => x.signal && !x.basis.includes("lift assumed"));
    expect(own.length).toBeGreaterThan(0);
    for (const row of own) expect(row.basis).toMatch(/; (gold|silver) signal$/);
    const b = p.because.find((x) => x.ruleId === "model.signal-lift-borrowed");
    const borrowedRows = p.programs.filter((x) => x.basis.includes("lift assumed")).length;
    expect(b ? (b.value as { borrowed: number }).borrowed : 0).toBe(borrowedRows);
    // A program of the specialty the figure was measured in uses it, not borrows it.
    for (const row of p.programs.filter((x) => x.basis.includes("lift assumed")))
      expect(row.basis).toContain("measured in this specialty");
  });
});
