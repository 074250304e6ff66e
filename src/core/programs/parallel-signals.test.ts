import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { signalsFor } from "../cycle/signal-schemes.ts";
import { holdList, summariseList } from "../plan/held-list.ts";
import { planApplication } from "../plan/plan-application.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { signalCounts } from "./allocate-signals.ts";
import { planProgramList } from "./plan-program-list.ts";

/**
 * A parallel list whose specialty has an allowance of its own (DR with a backup IM list) is
 * signalled from that allowance; what is left of it goes to the PGY-1 list's preliminary medicine
 * programs, which share IM's allowance (signals go to the institution). The main list's signals and
 * P(match) do not change.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-12-07";
const profile = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/step1-failure-dr.json", import.meta.url), "utf8")),
);
const planned = (parallelSpecialty?: string) => {
  const r = planProgramList(rb, data, {
    profile,
    specialty: "diagnostic-radiology",
    asOf,
    ...(parallelSpecialty ? { parallelSpecialty } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("a parallel list with its own signal allowance", () => {
  const p = planned("internal-medicine");
  const im = signalsFor(rb, "internal-medicine", p.season).scheme;
  if (!im || !p.parallel || !p.signals)
    throw new Error("the example needs IM's allowance and a parallel list");
  const imAllowed = signalCounts(im);
  const onParallel = (t: "gold" | "silver") => p.parallel?.programs.filter((x) => x.signal === t).length ?? 0;

  it("spends that allowance on its own programs, and no more", () => {
    expect(onParallel("gold")).toBeGreaterThan(0);
    expect(onParallel("gold")).toBeLessThanOrEqual(imAllowed.gold);
    expect(onParallel("silver")).toBeLessThanOrEqual(imAllowed.silver);
    expect(p.signals?.parallel).toEqual({ gold: onParallel("gold"), silver: onParallel("silver") });
    expect(p.signals?.parallelAllowed).toEqual(imAllowed);
    expect(p.signals?.text).toContain("on the parallel Internal Medicine list, of its own");
    // IM publishes no signal rates of its own: the lift its signals carry is borrowed, and said so.
    expect(p.because.map((b) => b.ruleId)).toContain("model.signal-lift-borrowed");
    expect(planned().because.map((b) => b.ruleId)).not.toContain("model.signal-lift-borrowed");
  });

  it("holds only the main list's signals against the main allowance, and leaves the main list as it was", () => {
    const alone = planned();
    expect({ gold: p.signals?.gold, silver: p.signals?.silver }).toEqual(p.signals?.list);
    expect(p.programs.map((x) => [x.id, x.signal])).toEqual(alone.programs.map((x) => [x.id, x.signal]));
    expect(p.pMatch).toEqual(alone.pMatch);
  });

  it("leaves the PGY-1 list only what the parallel list did not spend of the shared allowance", () => {
    const prelim = p.pgy1Signals?.tracks.find((t) => t.allowanceOf === "internal-medicine");
    if (!prelim) throw new Error("no preliminary medicine track");
    expect(prelim.spent.gold + onParallel("gold")).toBeLessThanOrEqual(imAllowed.gold);
    expect(prelim.spent.silver + onParallel("silver")).toBeLessThanOrEqual(imAllowed.silver);
  });

  it("reads the same signals on the list as held, unedited", () => {
    const plan = planApplication(rb, data, {
      profile,
      specialty: "diagnostic-radiology",
      asOf,
      list: { parallelSpecialty: "internal-medicine" },
      parts: ["list"],
    });
    if (!plan.ok || !plan.value.list) throw new Error("no plan");
    const held = holdList(rb, data, plan.value);
    if (!held) throw new Error("no list to hold");
    const summary = summariseList(
      held,
      plan.value.list.programs.map((x) => x.id),
    );
    expect(summary.signals?.text).toBe(plan.value.list.signals?.text);
  });
});
