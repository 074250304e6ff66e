import { describe, expect, it } from "vitest";
import { AS_OF, example } from "../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { swingText } from "../programs/uncertainty-text.ts";
import { buildReport } from "../report/build-report.ts";
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
