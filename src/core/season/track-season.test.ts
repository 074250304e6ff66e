import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { repositorySeasonModel } from "../../io/load-season-model.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { planProgramList } from "../programs/plan-program-list.ts";
import { trackSeason } from "./track-season.ts";
import type { TrackerEntry } from "./tracker.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const season = repositorySeasonModel();
const profile = JSON.parse(readFileSync("examples/non-us-img-dr.json", "utf8")) as Profile;
const planned = planProgramList(rb, data, {
  profile: { ...profile, targetMatchYear: 2026 } as Profile,
  specialty: "diagnostic-radiology",
  asOf: "2025-08-01",
  budgetUsd: null,
});
if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
const ids = planned.value.programs.map((p) => p.id);
const midDecember = "2025-12-15";

const entry = (programId: string, extra: Partial<TrackerEntry> = {}) => ({
  programId,
  applied: "2025-09-03",
  ...extra,
});
const run = (entries: unknown[], asOf = midDecember) => {
  const r = trackSeason(rb, data, season, {
    profile,
    asOf,
    tracker: { specialty: "diagnostic-radiology", matchYear: 2026, entries },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("the season for a DR list", () => {
  it("reads no invitation by mid-December as weakness: P(match) falls, the SOAP note is raised, and both are explained", () => {
    const r = run(ids.map((id) => entry(id)));
    expect(r.pMatch.estimate).toBeLessThan(r.planPMatch.estimate);
    expect(r.change).toBeLessThan(0);
    expect(r.strength.mean).toBeLessThan(0);
    expect(r.soap.raised).toBe(true);
    expect(r.soap.dates.begins).toBe("2026-03-16");
    expect(r.explanation.join(" ")).toMatch(/fewer invitations than your plan expected/);
    expect(r.explanation.join(" ")).toMatch(/SOAP/);
    expect(r.pMatch.low).toBeLessThanOrEqual(r.pMatch.estimate);
    expect(r.pMatch.high).toBeGreaterThanOrEqual(r.pMatch.estimate);
    expect(r.because.map((b) => b.ruleId)).toEqual(
      expect.arrayContaining(["season.timing", "season.observations", "season.strength"]),
    );
  });

  it("reads 8 invitations as strength: P(match) rises above the plan's, with the change explained", () => {
    const r = run(ids.map((id, i) => entry(id, i < 8 ? { invited: true, invitedOn: "2025-11-01" } : {})));
    expect(r.pMatch.estimate).toBeGreaterThan(r.planPMatch.estimate);
    expect(r.counts.invited).toBe(8);
    expect(r.expectedInterviews.estimate).toBeGreaterThanOrEqual(8);
    expect(r.atLeast.find((x) => x.k === 8)?.p).toBeCloseTo(1, 6);
    expect(r.soap.raised).toBe(false);
    expect(r.explanation.join(" ")).toMatch(/stronger than the plan assumed/);
  });

  it("says more applications still help early in the season, with each program's gain and fee, and no longer in mid-January", () => {
    const early = run(
      ids.slice(0, 10).map((id) => entry(id)),
      "2025-09-20",
    );
    expect(early.applyMore.open).toBe(true);
    expect(early.applyMore.programs.length).toBeGreaterThan(0);
    for (const p of early.applyMore.programs) {
      expect(p.gain).toBeGreaterThanOrEqual(0);
      expect(p.feeUsd).toBeGreaterThan(0);
    }
    const late = run(
      ids.slice(0, 10).map((id) => entry(id)),
      "2026-01-20",
    );
    expect(late.applyMore.open).toBe(false);
    expect(late.applyMore.text).toMatch(/no longer helps/);
  });

  it("plans the rank list: NRMP's rules, P(match) by length, the supplemental PGY-1 list, the deadline and a short-list warning", () => {
    const r = run(
      ids.map((id, i) =>
        entry(id, i < 6 ? { invited: true, interviewed: true, ...(i < 3 ? { rank: i + 1 } : {}) } : {}),
      ),
      "2026-02-01",
    );
    expect(r.rankList.rules.map((x) => x.id)).toContain("true-preference");
    expect(r.rankList.byLength).toHaveLength(6);
    expect(r.rankList.byLength[5]?.pMatch).toBeGreaterThanOrEqual(r.rankList.byLength[0]?.pMatch ?? 1);
    expect(r.rankList.supplemental.needed).toBe(true);
    expect(r.rankList.deadline?.date).toBe("2026-02-25");
    expect(r.rankList.warnings.join(" ")).toMatch(/3 programs but 6 interviewed you/);
  });

  it("names the field of a tracker problem", () => {
    const r = trackSeason(rb, data, season, {
      profile,
      asOf: midDecember,
      tracker: {
        specialty: "diagnostic-radiology",
        matchYear: 2026,
        entries: [entry("no-such-program"), entry(ids[0] as string, { applied: "2025-13-01" })],
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain("entries.1.applied");
  });
});
