import { describe, expect, it } from "vitest";
import { AS_OF, example } from "../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { pct } from "../math/percent.ts";
import { swingText } from "../programs/uncertainty-text.ts";
import { buildReport } from "../report/build-report.ts";
import { evaluateChosenList } from "./evaluate-chosen-list.ts";
import { holdList, pMatchAtScore, summariseList } from "./held-list.ts";
import { planApplication } from "./plan-application.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const req = { profile: example("non-us-img-dr"), specialty: "diagnostic-radiology", asOf: AS_OF };

function planned() {
  const p = planApplication(rb, data, req);
  if (!p.ok || !p.value.list) throw new Error("no plan");
  return p.value;
}

describe("a report of the list the applicant holds", () => {
  const plan = planned();
  const ids = plan.list?.programs.map((p) => p.id) ?? [];
  const [removed, withdrawn, ...rest] = ids;
  const heldIds = [withdrawn as string, ...rest];
  const choice = {
    ids: heldIds,
    statuses: { [withdrawn as string]: "withdrawn", [rest[0] as string]: "applied" },
    withdrawn: [withdrawn as string],
  };
  const r = buildReport(rb, data, { ...req, held: choice });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const section = r.value.programs;

  it("lists exactly the held programs, without the removed one, each with its status", () => {
    expect(section?.programs.map((p) => p.id)).toEqual(heldIds);
    expect(section?.programs.some((p) => p.id === removed)).toBe(false);
    expect(section?.held).toMatchObject({ removed: 1, added: 0, withdrawn: [withdrawn] });
    expect(section?.held?.statuses[rest[0] as string]).toBe("applied");
  });

  it("gives the figures summariseList gives the page for the same list", () => {
    const held = holdList(rb, data, plan);
    if (!held) throw new Error("no held list");
    const s = summariseList(held, heldIds, new Set([withdrawn as string]));
    expect(section?.listed).toBe(s.active);
    expect(section?.listed).toBe(ids.length - 2);
    expect(section?.pMatch).toEqual(s.pMatch);
    expect(section?.costUsd).toBe(s.costUsd);
    expect(section?.pAtLeastOneInterview).toBe(s.pAtLeastOneInterview);
    expect(section?.programs.map((p) => p.pInterview)).toEqual(s.rows.map((x) => x.pInterview));
    // A shorter list is a lower P(match) than the planner's.
    expect(section?.pMatch?.estimate).toBeLessThan(plan.list?.pMatch?.estimate ?? 0);
  });

  it("leaves out an id that is not a program of the specialty, saying which", () => {
    const odd = buildReport(rb, data, {
      ...req,
      held: { ids: ["no-such-program", ...ids], statuses: {}, withdrawn: [] },
    });
    if (!odd.ok) throw new Error("no report");
    expect(odd.value.programs?.listed).toBe(ids.length);
    expect(odd.value.issues).toContainEqual(
      expect.objectContaining({ code: "unknown_reference", path: "programs[0].programId" }),
    );
  });

  it("is the planner's list, with no held note, when no list is held", () => {
    const plain = buildReport(rb, data, req);
    if (!plain.ok) throw new Error("no report");
    expect(plain.value.programs?.held).toBeNull();
    expect(plain.value.programs?.listed).toBe(ids.length);
    expect(plain.value.programs?.pMatch).toEqual(plan.list?.pMatch);
  });
});

describe("what moves the number and the visa counts follow the list the applicant holds", () => {
  const plan = planned();
  const list = plan.list;
  const held = holdList(rb, data, plan);
  if (!list || !held) throw new Error("no list");
  const ids = list.programs.map((p) => p.id);

  it("the planner's own list gives the plan's swings (to the last printed digit) and visa summary", () => {
    const s = summariseList(held, ids);
    // The kernel may sum the same programs in another order: the figures agree to 1e-12.
    expect(s.whatMoves.map(swingText)).toEqual(list.whatMoves.map(swingText));
    s.whatMoves.forEach((swing, i) => {
      const planned = list.whatMoves[i];
      expect(swing.id).toBe(planned?.id);
      expect(swing.low.pMatch).toBeCloseTo(planned?.low.pMatch ?? Number.NaN, 12);
      expect(swing.high.pMatch).toBeCloseTo(planned?.high.pMatch ?? Number.NaN, 12);
    });
    const { ifAllSponsor, ...visa } = s.visaSponsorship;
    const { ifAllSponsor: planned, ...plannedVisa } = list.visaSponsorship;
    expect(visa).toEqual(plannedVisa);
    expect(ifAllSponsor).toBeCloseTo(planned ?? Number.NaN, 12);
  });

  it("a list cut to its first third has its own: the visa counts of the programs kept, and swings around its own P(match)", () => {
    const kept = ids.slice(0, Math.ceil(ids.length / 3));
    const s = summariseList(held, kept);
    const v = s.visaSponsorship.listed;
    expect(v.known + v.inferred + v.unknown).toBe(kept.length);
    expect(s.visaSponsorship.note).toContain(`On the list of ${kept.length}:`);
    expect(s.whatMoves.length).toBeGreaterThan(0);
    const estimate = s.pMatch?.estimate as number;
    for (const swing of s.whatMoves) {
      // Each swing's ends lie on either side of the list's own P(match), not the planner's.
      const lo = Math.min(swing.low.pMatch, swing.high.pMatch);
      const hi = Math.max(swing.low.pMatch, swing.high.pMatch);
      expect(lo, swing.id).toBeLessThanOrEqual(estimate + 1e-9);
      expect(hi, swing.id).toBeGreaterThanOrEqual(estimate - 1e-9);
    }
    expect(s.whatMoves).not.toEqual(list.whatMoves);
  });

  it("a report of the held list carries the held list's swings and visa note", () => {
    const kept = ids.slice(0, Math.ceil(ids.length / 3));
    const r = buildReport(rb, data, { ...req, held: { ids: kept, statuses: {}, withdrawn: [] } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = summariseList(held, kept);
    expect(r.value.programs?.whatMoves).toEqual(s.whatMoves);
    expect(r.value.programs?.visaSponsorship).toEqual(s.visaSponsorship);
  });
});

describe("the what-if at the applicant's own score", () => {
  it("is the list's own P(match) and range, for the planner's list and an edited one, in every example", () => {
    for (const [name, specialty] of [
      ["non-us-img-dr", "diagnostic-radiology"],
      ["step1-failure-dr", "diagnostic-radiology"],
      ["us-md-im", "internal-medicine"],
      ["non-us-img-ir", "interventional-radiology"],
    ] as const) {
      const p = planApplication(rb, data, { profile: example(name), specialty, asOf: AS_OF });
      if (!p.ok || !p.value.list) throw new Error(`no plan for ${name}`);
      const held = holdList(rb, data, p.value);
      if (!held) throw new Error("no held list");
      const own = p.value.inputs.profile.step2ck.score;
      if (own === null) throw new Error(`${name} has no score`);
      const ids = p.value.list.programs.map((x) => x.id);
      for (const list of [ids, ids.slice(3)]) {
        const shown = summariseList(held, list).pMatch;
        expect(pMatchAtScore(held, list, own), `${name}, ${list.length} programs`).toEqual(shown);
      }
    }
  });
});

describe("what the planner derived from its list is derived again from the list held", () => {
  const cases = [
    ["us-md-im", "internal-medicine", 2],
    ["non-us-img-dr", "diagnostic-radiology", 40],
    ["non-us-img-ir", "interventional-radiology", 10],
  ] as const;
  for (const [name, specialty, keep] of cases) {
    it(`${name} cut to ${keep} programs: the backups weigh the held list's P(match), not the planner's`, () => {
      const r0 = { profile: example(name), specialty, asOf: AS_OF };
      const plan = planApplication(rb, data, r0);
      if (!plan.ok || !plan.value.list) throw new Error("no plan");
      const ids = plan.value.list.programs.map((p) => p.id).slice(0, keep);
      const r = buildReport(rb, data, { ...r0, held: { ids, statuses: {}, withdrawn: [] } });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const held = r.value.programs?.pMatch?.estimate as number;
      const planned = plan.value.list.pMatch?.estimate as number;
      expect(pct(held)).not.toBe(pct(planned));
      // Below the model's line the backups say so, with the held list's figure and no other.
      expect(held).toBeLessThan(data.model.lists.backupBelow.value);
      expect(r.value.backups.reason).toContain(`the main list's P(match) is ${pct(held)}`);
      expect(r.value.backups.reason).not.toContain(pct(planned));
      expect(r.value.backups.because).toContainEqual(
        expect.objectContaining({
          ruleId: "model.backup-below",
          value: expect.objectContaining({ pMatch: held }),
        }),
      );
    });
  }

  const ir = { profile: example("non-us-img-ir"), specialty: "interventional-radiology", asOf: AS_OF };
  const plan = planApplication(rb, data, ir);
  if (!plan.ok || !plan.value.list?.parallel) throw new Error("no IR plan with a parallel list");
  const list = plan.value.list;
  const parallel = plan.value.list.parallel;
  const ids = list.programs.map((p) => p.id);

  it("P(match in either list) of the planner's own list is the plan's, and of a cut list its own", () => {
    const held = holdList(rb, data, plan.value);
    if (!held) throw new Error("no held list");
    const own = summariseList(held, ids).pMatchAny;
    expect(own?.estimate).toBeCloseTo(list.pMatchAny?.estimate ?? Number.NaN, 12);
    expect(own?.low).toBeCloseTo(list.pMatchAny?.low ?? Number.NaN, 12);
    expect(own?.high).toBeCloseTo(list.pMatchAny?.high ?? Number.NaN, 12);
    const cut = buildReport(rb, data, {
      ...ir,
      held: { ids: ids.slice(0, 10), statuses: {}, withdrawn: [] },
    });
    if (!cut.ok) throw new Error("no report");
    const p = cut.value.programs;
    const either = p?.pMatchAny?.estimate as number;
    expect(either).toBeLessThan(list.pMatchAny?.estimate as number);
    // Either list is at least as likely as the held list alone or the parallel list alone.
    expect(either).toBeGreaterThanOrEqual(p?.pMatch?.estimate as number);
    expect(either).toBeGreaterThanOrEqual(parallel.pMatch?.estimate as number);
  });

  it("signals are counted per list: this list's own, the parallel list's own, and both against the allowance", () => {
    const count = (rows: ReadonlyArray<{ signal: string | null }>, tier: string) =>
      rows.filter((r) => r.signal === tier).length;
    const s = list.signals;
    expect(s?.list).toEqual({ gold: count(list.programs, "gold"), silver: count(list.programs, "silver") });
    expect(s?.parallel).toEqual({
      gold: count(parallel.programs, "gold"),
      silver: count(parallel.programs, "silver"),
    });
    expect(s?.gold).toBe((s?.list.gold ?? 0) + (s?.parallel?.gold ?? 0));
    expect(s?.silver).toBe((s?.list.silver ?? 0) + (s?.parallel?.silver ?? 0));
    expect(s?.text).toContain(`${s?.list.gold} gold, ${s?.list.silver} silver on this list`);
    expect(s?.text).toContain("on the parallel Diagnostic Radiology list");

    const cut = buildReport(rb, data, {
      ...ir,
      held: { ids: ids.slice(0, 10), statuses: {}, withdrawn: [] },
    });
    if (!cut.ok) throw new Error("no report");
    const p = cut.value.programs;
    const rows = p?.programs ?? [];
    expect(p?.signals?.list).toEqual({ gold: count(rows, "gold"), silver: count(rows, "silver") });
    expect(p?.signals?.list.silver).toBeLessThanOrEqual(s?.list.silver ?? 0);
    expect(p?.signals?.parallel).toEqual(s?.parallel);
  });
});

describe("a backup list sized to the budget the held list leaves", () => {
  const weak = {
    profile: example("step1-failure-dr"),
    specialty: "diagnostic-radiology",
    asOf: AS_OF,
    budgetUsd: 4000,
  };
  const plan = planApplication(rb, data, weak);
  if (!plan.ok || !plan.value.list || !plan.value.backups?.parallel) throw new Error("no backup list");
  const held = holdList(rb, data, plan.value);
  if (!held) throw new Error("no held list");
  const ids = plan.value.list.programs.map((p) => p.id);

  it("is the plan's own for the planner's list", () => {
    const s = summariseList(held, ids);
    expect(s.backups).toEqual(plan.value.backups);
    expect(s.cost).toEqual(plan.value.cost);
  });

  it("grows when the main list is cut, and the season's cost counts it", () => {
    const r = buildReport(rb, data, {
      ...weak,
      held: { ids: ids.slice(0, 20), statuses: {}, withdrawn: [] },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const cost = r.value.programs?.costUsd as number;
    const backup = r.value.backups.parallel;
    expect(backup?.budgetUsd).toBe(4000 - cost);
    expect(backup?.count).toBeGreaterThan(plan.value.backups?.parallel?.count ?? 0);
    const billed = (r.value.cost?.lines ?? []).filter((l) => l.kind === "application");
    const sum = billed.reduce((t, l) => t + (l.usd ?? 0), 0);
    expect(sum).toBeCloseTo(cost + (backup?.costUsd ?? 0), 2);
  });
});

describe("one list, one cost", () => {
  for (const [name, specialty] of [
    ["non-us-img-dr", "diagnostic-radiology"],
    ["non-us-img-ir", "interventional-radiology"],
    ["us-md-im", "internal-medicine"],
  ] as const) {
    it(`${name}: the planner's ids, evaluated by hand, cost what the plan's list costs, with its P(≥ 1 interview)`, () => {
      const plan = planApplication(rb, data, { profile: example(name), specialty, asOf: AS_OF });
      if (!plan.ok || !plan.value.list) throw new Error("no plan");
      const list = plan.value.list;
      const byId = new Map(data.catalog.programs.map((p) => [p.id, p]));
      const programs = list.programs.map((p) => byId.get(p.id)).filter((p) => p !== undefined);
      const e = evaluateChosenList(rb, data, plan.value, programs);
      expect(e.costUsd).toBe(list.costUsd);
      expect(e.fees).toEqual(list.fees);
      expect(e.pAtLeastOneInterview).toBeCloseTo(list.pAtLeastOneInterview, 12);
      const held = holdList(rb, data, plan.value);
      if (!held) throw new Error("no held list");
      const s = summariseList(
        held,
        list.programs.map((p) => p.id),
      );
      expect(s.costUsd).toBe(e.costUsd);
      expect(s.cost).toEqual(plan.value.cost);
    });
  }
});
