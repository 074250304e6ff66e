import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { summariseDraws } from "./match-probability.ts";
import {
  anyOf,
  cumulativeChance,
  includesPgy1,
  jointWithPgy1,
  programsForTarget,
  trackRate,
  withPgy1Year,
} from "./pgy1-joint.ts";
import { planProgramList } from "./plan-program-list.ts";
import type { ProgramData } from "./program-data.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
);
const dr250: Profile = {
  ...example,
  visa: "none-needed",
  step2ck: { score: 250, attempts: 1 },
  research: { ...example.research, items: 8 },
} as Profile;

const plan = (
  profile: Profile,
  specialty = "diagnostic-radiology",
  budgetUsd: number | null = 2500,
  d = data,
) => {
  const r = planProgramList(rb, d, { profile, specialty, asOf, budgetUsd });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

/** The program data with every PGY-1 rate of the model scaled by `factor` (matched counts, capped at the applicants). */
function withRates(factor: number): ProgramData {
  const value = Object.fromEntries(
    Object.entries(data.model.pgy1.matchRate.value).map(([track, byType]) => [
      track,
      Object.fromEntries(
        Object.entries(byType).map(([t, o]) => [
          t,
          { applicants: o.applicants, matched: Math.min(o.applicants, Math.round(o.matched * factor)) },
        ]),
      ),
    ]),
  );
  const pgy1 = { ...data.model.pgy1, matchRate: { ...data.model.pgy1.matchRate, value } };
  // A new bySpecialty map, so nothing cached for the repository's data is reused.
  return { ...data, model: { ...data.model, pgy1 }, bySpecialty: new Map(data.bySpecialty) };
}

describe("the PGY-1 year of an advanced specialty", () => {
  const p = plan(dr250);
  const pgy1 = p.pgy1;

  it("DR's P(match) is the joint chance with a PGY-1 year: at most the advanced-only figure, and exactly it × (c + (1 − c)·P1)", () => {
    expect(pgy1).not.toBeNull();
    const adv = pgy1?.advancedOnly;
    const joint = p.pMatch;
    expect(adv && joint).toBeTruthy();
    if (!adv || !joint || !pgy1) return;
    expect(joint.estimate).toBeLessThanOrEqual(adv.estimate);
    expect(joint.estimate).toBeLessThan(adv.estimate - 0.05);
    const f = pgy1.categoricalShare + (1 - pgy1.categoricalShare) * pgy1.chance;
    for (const k of ["estimate", "low", "high"] as const) expect(joint[k]).toBeCloseTo(adv[k] * f, 12);
    expect(pgy1.chance).toBeCloseTo(anyOf(p.supplementalPgy1.map((s) => s.pPosition)), 12);
    expect(pgy1.text).toMatch(/the chance of the advanced position and a PGY-1 year together/);
  });

  it("uses NRMP 2025's published PGY-1 rates for the applicant's type (non-US IMGs: transitional 106 of 549, preliminary medicine 139 of 900)", () => {
    const ty = trackRate(data.model.pgy1, "transitional-year", "non-us-img");
    const pm = trackRate(data.model.pgy1, "preliminary-medicine", "non-us-img");
    expect(ty).toMatchObject({ matched: 106, applicants: 549 });
    expect(pm).toMatchObject({ matched: 139, applicants: 900 });
    const n = data.model.pgy1.referenceApplications.value;
    expect(ty?.perProgram).toBeCloseTo(1 - (1 - 106 / 549) ** (1 / n), 12);
    expect(pgy1?.rates.map((r) => r.specialty).sort()).toEqual(
      ["preliminary-medicine", "preliminary-surgery", "transitional-year"].sort(),
    );
    for (const s of p.supplementalPgy1) {
      const rate = trackRate(data.model.pgy1, s.specialty, "non-us-img");
      expect(s.pPosition).toBeCloseTo((rate?.perProgram ?? Number.NaN) * s.sponsorship.p, 12);
    }
    // A US MD reads the US MD row, not the IMG one.
    expect(trackRate(data.model.pgy1, "transitional-year", "us-md")).toMatchObject({
      matched: 1054,
      applicants: 3193,
    });
  });

  it("higher published PGY-1 rates give a higher joint P(match) for the same applicant", () => {
    const higher = plan(dr250, "diagnostic-radiology", 2500, withRates(1.5));
    expect(higher.pMatch?.estimate ?? 0).toBeGreaterThan(p.pMatch?.estimate ?? 1);
    // Without a budget the advanced list does not pay for the PGY-1 list, so it is the same list.
    // (Under a budget that binds the advanced list, a shorter PGY-1 list leaves it more programs.)
    const free = plan(dr250, "diagnostic-radiology", null);
    const freeHigher = plan(dr250, "diagnostic-radiology", null, withRates(1.5));
    expect(freeHigher.pMatch?.estimate ?? 0).toBeGreaterThan(free.pMatch?.estimate ?? 1);
    expect(freeHigher.pgy1?.advancedOnly?.estimate).toBeCloseTo(free.pgy1?.advancedOnly?.estimate ?? -1, 2);
  });

  it("the rates in the model are NRMP's, as transcribed in data/facts/outcomes", () => {
    const facts = parse(
      readFileSync(
        new URL("../../../data/facts/outcomes/nrmp-2025-pgy1-by-applicant-type.yaml", import.meta.url),
        "utf8",
      ),
    ) as { source: string; specialties: Record<string, Record<string, unknown>> };
    expect(data.model.pgy1.matchRate.sources).toContain(facts.source);
    for (const [track, byType] of Object.entries(data.model.pgy1.matchRate.value))
      for (const [type, o] of Object.entries(byType))
        expect(facts.specialties[track]?.[type], `${track} ${type}`).toEqual(o);
  });

  it("a categorical-only program includes its PGY-1 year; an advanced one does not", () => {
    const dr = data.bySpecialty.get("diagnostic-radiology") ?? [];
    const categorical = dr.filter((x) => includesPgy1(data, x));
    expect(categorical.length).toBeGreaterThan(10);
    expect(categorical.length).toBeLessThan(dr.length / 4);
    for (const x of categorical) expect(x.track === "categorical" || x.track === "physician").toBe(true);
    expect(dr.some((x) => x.track === "advanced" && !includesPgy1(data, x))).toBe(true);
  });

  it("a specialty that starts at PGY-1 has no PGY-1 factor and no supplemental list", () => {
    const im = plan(dr250, "internal-medicine");
    expect(im.pgy1).toBeNull();
    expect(im.supplementalPgy1).toEqual([]);
  });
});

describe("the supplemental PGY-1 list", () => {
  it("is sized from the published rates to the target chance, shows the size and why, and shrinks when the rates rise", () => {
    const p = plan(dr250, "diagnostic-radiology", null);
    const pgy1 = p.pgy1;
    if (!pgy1) throw new Error("no PGY-1 summary");
    const target = data.model.pgy1.targetChance.value;
    const tracks = pgy1.rates.map((r) => ({
      chance: r.perProgram,
      available: data.bySpecialty.get(r.specialty)?.length ?? 0,
    }));
    const expected = programsForTarget(cumulativeChance(tracks), target);
    expect(pgy1.wanted).toBe(expected.programs);
    expect(pgy1.programs).toBe(expected.programs);
    expect(p.supplementalPgy1.length).toBe(pgy1.programs);
    expect(pgy1.binding).toBe("target");
    expect(pgy1.chance).toBeGreaterThanOrEqual(target - 0.02);
    expect(pgy1.text).toContain(`${pgy1.wanted} programs reach the 80% target`);
    // Not the old fixed 15.
    expect(pgy1.programs).not.toBe(15);
    const richer = plan(dr250, "diagnostic-radiology", null, withRates(2));
    expect(richer.pgy1?.programs ?? 0).toBeLessThan(pgy1.programs);
    expect(richer.pgy1?.programs ?? 0).toBeGreaterThan(0);
  });

  it("spans several states: the chosen DR programs' states and the preferred states take turns", () => {
    const profile = { ...dr250, preferences: { states: ["OR"], budgetUsd: 2500 } } as Profile;
    const p = plan(profile, "diagnostic-radiology", null);
    const states = p.supplementalPgy1.map((s) => s.state);
    const distinct = new Set(states);
    expect(distinct.size).toBeGreaterThanOrEqual(8);
    const most = Math.max(...[...distinct].map((st) => states.filter((x) => x === st).length));
    expect(most).toBeLessThan(states.length / 4);
    const chosen = new Set(p.programs.map((x) => x.state));
    // The first round holds one program of each state near the list, before any state's second.
    const first = p.supplementalPgy1.slice(0, 12).map((s) => s.state);
    expect(first.filter((st) => chosen.has(st) || st === "OR").length).toBe(first.length);
    expect(states).toContain("OR");
    expect(p.supplementalPgy1.find((s) => s.state === "OR")?.near).toMatch(/OR/);
  });

  it("under a tight budget gets fewer programs, said to be the budget's doing", () => {
    const p = plan(dr250, "diagnostic-radiology", 700);
    const pgy1 = p.pgy1;
    if (!pgy1) throw new Error("no PGY-1 summary");
    expect(pgy1.programs).toBeLessThan(pgy1.wanted);
    expect(pgy1.binding).toBe("budget");
    expect(pgy1.text).toMatch(/the budget buys/);
    expect(p.costUsd).toBeLessThanOrEqual(700);
  });
});

describe("the joint chance", () => {
  const q = data.model.match.rangeQuantiles.value;
  const draws = fc.float64Array({ minLength: 8, maxLength: 8, min: 0, max: 1, noNaN: true });
  const share = fc.double({ min: 0, max: 1, noNaN: true });

  it("with one list is x·(c + (1 − c)·P1) in every draw, as withPgy1Year applies it to an edited list", () => {
    fc.assert(
      fc.property(draws, share, share, (x, c, p1) => {
        const j = jointWithPgy1([{ perDraw: x, share: c }], p1, (v) => summariseDraws(v, q));
        const direct = withPgy1Year(summariseDraws(x, q), { chance: p1, categoricalShare: c });
        for (const k of ["estimate", "low", "high"] as const) expect(j[k]).toBeCloseTo(direct[k], 12);
      }),
    );
  });

  it("never exceeds the advanced chance alone, never falls with P1, and a second list never lowers it", () => {
    fc.assert(
      fc.property(draws, draws, share, share, share, share, (a, b, ca, cb, p1, more) => {
        const s = (v: Float64Array) => summariseDraws(v, q);
        const one = jointWithPgy1([{ perDraw: a, share: ca }], p1, s).estimate;
        expect(one).toBeLessThanOrEqual(s(a).estimate + 1e-12);
        const higher = jointWithPgy1([{ perDraw: a, share: ca }], p1 + (1 - p1) * more, s).estimate;
        expect(higher).toBeGreaterThanOrEqual(one - 1e-12);
        const two = jointWithPgy1(
          [
            { perDraw: a, share: ca },
            { perDraw: b, share: cb },
          ],
          p1,
          s,
        ).estimate;
        expect(two).toBeGreaterThanOrEqual(one - 1e-12);
      }),
    );
  });
});
