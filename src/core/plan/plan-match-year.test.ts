import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { holdList, summariseList } from "./held-list.ts";
import { planApplication } from "./plan-application.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
/**
 * In September 2026 an untaken Step 2 CK cannot be in before the 2027 Match's programs review, so
 * the plan moves to the 2028 Match. Years since graduation then count to the 2028 Match's
 * application year, in the odds as in the assessment.
 */
const asOf = "2026-09-10";
const untaken = profileSchemaFor(rb).parse({
  ...JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
  step2ck: { score: null },
});

describe("a plan whose Match year moves", () => {
  const moved = planApplication(rb, data, { profile: untaken, specialty: "diagnostic-radiology", asOf });
  const pinned = planApplication(rb, data, {
    profile: { ...untaken, targetMatchYear: 2028 },
    specialty: "diagnostic-radiology",
    asOf,
  });
  if (!moved.ok || !pinned.ok) throw new Error("no plan");

  it("gives the same P(match) as the same profile asking for that Match year", () => {
    expect(moved.value.matchYear.matchYear).toBe(2028);
    expect(moved.value.list?.season).toBe(2028);
    expect(moved.value.list?.pMatch).toEqual(pinned.value.list?.pMatch);
    expect(moved.value.backups?.reason).toBe(pinned.value.backups?.reason);
  });

  it("keeps that year for the list as held, so an unedited list reads the planner's figure", () => {
    const held = holdList(rb, data, moved.value);
    if (!held) throw new Error("no list to hold");
    const summary = summariseList(
      held,
      (moved.value.list?.programs ?? []).map((p) => p.id),
    );
    expect(summary.pMatch?.estimate).toBeCloseTo(moved.value.list?.pMatch?.estimate ?? Number.NaN, 12);
  });
});
