import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { repositorySeasonData } from "../../io/load-season-model.ts";
import { PERCENT, pct } from "../math/percent.ts";
import { planApplication } from "../plan/plan-application.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { curveFor } from "../programs/kernel-options.ts";
import { planProgramList } from "../programs/plan-program-list.ts";
import { trackSeason } from "./track-season.ts";
import type { TrackerEntry } from "./tracker.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const { model: season, unfilled } = repositorySeasonData();
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
    unfilled,
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

  it("names, with a raised SOAP note, the program types with the most unfilled positions in the published record, and says the states are unknown", () => {
    const r = run(ids.map((id) => entry(id)));
    const u = r.soap.unfilled;
    expect(u?.sources).toEqual(["nrmp-2025-outcomes"]);
    expect(u?.specialties.length).toBe(season.soap.unfilledShown.value);
    expect(u?.specialties[0]).toMatchObject({
      row: "Family Medicine",
      specialty: "family-medicine",
      unfilled: 805,
    });
    // Preliminary and transitional positions, the usual SOAP fallbacks, are in the record too.
    expect(u?.specialties.map((s) => s.specialty)).toEqual(
      expect.arrayContaining(["preliminary-surgery", "transitional-year", "preliminary-medicine"]),
    );
    const counts = u?.specialties.map((s) => s.unfilled) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(u?.states).toBeNull();
    expect(u?.text.join(" ")).toMatch(/By state: unknown/);
    expect(r.explanation.join(" ")).toMatch(/By state: unknown/);
    // Without a record, the note says unknown rather than listing anything.
    const none = trackSeason(rb, data, season, {
      profile,
      asOf: midDecember,
      unfilled: null,
      tracker: { specialty: "diagnostic-radiology", matchYear: 2026, entries: ids.map((id) => entry(id)) },
    });
    expect(none.ok && none.value.soap.unfilled).toBeNull();
    expect(none.ok && none.value.soap.text).toMatch(/Unfilled positions: unknown/);
  });

  it("reads 8 invitations as strength: P(match) rises above the plan's, with the change explained", () => {
    const r = run(ids.map((id, i) => entry(id, i < 8 ? { invited: true, invitedOn: "2025-11-01" } : {})));
    expect(r.pMatch.estimate).toBeGreaterThan(r.planPMatch.estimate);
    expect(r.counts.invited).toBe(8);
    expect(r.expectedInterviews.estimate).toBeGreaterThanOrEqual(8);
    expect(r.atLeast.find((x) => x.k === 8)?.p).toBeCloseTo(1, 6);
    expect(r.soap.raised).toBe(false);
    expect(r.soap.unfilled).toBeNull();
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

  it("refuses a note longer than the input limit, naming the field and the limit", () => {
    const max = rb.limits.tracker.notes.value.maxLength;
    const r = trackSeason(rb, data, season, {
      profile,
      asOf: midDecember,
      tracker: {
        specialty: "diagnostic-radiology",
        matchYear: 2026,
        entries: [entry(ids[0] as string, { notes: "x".repeat(max + 1) })],
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual(
        expect.objectContaining({ path: "entries.0.notes", allowed: `up to ${max} characters` }),
      );
  });
});

describe("P(match) in the season means what the plan's means", () => {
  // The plan for the 2026 Match as the applicant applied for it, as of the tracker's date.
  const planAt = (asOf: string) => {
    const p = planApplication(rb, data, {
      profile: { ...profile, targetMatchYear: 2026 } as Profile,
      specialty: "diagnostic-radiology",
      asOf,
      applied: true,
      parts: ["list"],
    });
    if (!p.ok || !p.value.list) throw new Error("no plan");
    return p.value.list;
  };
  const beforeInvitations = "2025-09-10";
  const list = planAt(beforeInvitations);
  const asPlanned = (invited = 0) =>
    list.programs.map((p, i) => entry(p.id, { signal: p.signal, ...(i < invited ? { invited: true } : {}) }));

  it("reads the plan's own DR list, applied as planned with nothing heard yet, at the plan's P(match) — the PGY-1 year included — now and at plan time", () => {
    const pgy1 = list.pgy1;
    if (!pgy1 || !list.pMatch) throw new Error("DR needs a PGY-1 year");
    const r = run(asPlanned(), beforeInvitations);
    expect(r.planPMatch.estimate).toBeCloseTo(list.pMatch.estimate, 10);
    expect(r.pMatch.estimate).toBeCloseTo(list.pMatch.estimate, 10);
    expect(r.change).toBeCloseTo(0, 10);
    // The joint chance is below the advanced position's alone, by the plan's PGY-1 factor.
    expect(r.pgy1?.chance).toBe(pgy1.chance);
    expect(r.planPMatch.estimate).toBeLessThan(r.pgy1?.planAdvancedOnly ?? 0);
    expect(r.because.map((b) => b.ruleId)).toEqual(expect.arrayContaining(["season.plan", "season.pgy1"]));
    expect(r.because.find((b) => b.ruleId === "season.pgy1")?.note).toMatch(/not recorded in the tracker/);
    expect(r.explanation.join(" ")).toMatch(/That is what your plan expected/);
  });

  it("keeps 'at plan time' at the plan's P(match) for the same date later in the season", () => {
    const r = run(asPlanned(), midDecember);
    expect(r.planPMatch.estimate).toBeCloseTo(planAt(midDecember).pMatch?.estimate ?? -1, 10);
  });

  it("with six interviews, still counts the PGY-1 year: P(match) and the SOAP note read the joint chance, not the advanced position's alone", () => {
    const r = run(asPlanned(6), midDecember);
    const advanced = r.pgy1?.advancedOnly.estimate ?? 0;
    expect(r.pMatch.estimate).toBeLessThan(advanced);
    const c = r.pgy1?.categoricalShare ?? 0;
    expect(r.pMatch.estimate).toBeCloseTo(advanced * (c + (1 - c) * (r.pgy1?.chance ?? 0)), 10);
    expect(r.soap.text).toMatch(new RegExp(`supplemental PGY-1 list gives a ${pct(r.pgy1?.chance)} chance`));
    expect(r.explanation.join(" ")).toMatch(/advanced position and a PGY-1 year together/);
    // The rank list's P(match) by length is the same joint chance.
    const curve = curveFor(rb, data.model, "diagnostic-radiology", profile.applicantType);
    expect(r.rankList.byLength[5]?.pMatch).toBeCloseTo(
      (curve?.byInterviews[6] ?? 0) * (c + (1 - c) * (r.pgy1?.chance ?? 0)),
      10,
    );
  });

  it("with nothing recorded yet, shows the plan's P(match) for its own list and says so — not 0%", () => {
    const r = run([], beforeInvitations);
    expect(r.recorded).toBe(false);
    expect(r.pMatch.estimate).toBeCloseTo(list.pMatch?.estimate ?? -1, 10);
    expect(r.planPMatch.estimate).toBe(r.pMatch.estimate);
    expect(r.pMatch.estimate).toBeGreaterThan(0);
    expect(r.counts).toMatchObject({ invited: 0, rejected: 0, silent: 0 });
    expect(r.explanation.join(" ")).toMatch(/Nothing is recorded yet/);
    expect(r.explanation.join(" ")).not.toMatch(/That is what your plan expected/);
    // Entries without a date applied are nothing recorded either.
    expect(run([{ programId: ids[0] as string, applied: null }], beforeInvitations).recorded).toBe(false);
  });

  it("suggests no program whose gain rounds to nothing, and says so when none adds a visible gain", () => {
    const shown = (gain: number) => Number((gain * PERCENT).toFixed(1));
    const early = run(asPlanned(), beforeInvitations);
    expect(early.applyMore.programs.length).toBeGreaterThan(0);
    for (const p of early.applyMore.programs) expect(shown(p.gain)).toBeGreaterThan(0);
    // Eight interviews early in the season: one more program moves P(match) by less than 0.1 points.
    const strong = run(asPlanned(8), "2025-09-20");
    expect(strong.applyMore.open).toBe(true);
    expect(strong.applyMore.programs).toEqual([]);
    expect(strong.applyMore.text).toMatch(/no remaining program would add a visible gain/);
  });
});
