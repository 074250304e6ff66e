import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { APPLICANT_TYPES } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";
import { ranksPerInterviewFor, typeCurve } from "./type-curve.ts";

/**
 * Ranks per interview by type and specialty (`ranksPerInterviewFor`): a type's own value for a
 * specialty wins; otherwise, with a stated specialty shape, the type's value is scaled as the
 * shape's type differs in the specialty; otherwise the type's value stands everywhere.
 */
const data = repositoryProgramData();
const model = data.model;
const rho = model.match.ranksPerInterview;
const shapeOf = rho.bySpecialty?.["non-us-img"] ?? {};
const shaped = Object.keys(shapeOf);

function withRho(change: Partial<ProgramModel["match"]["ranksPerInterview"]>): ProgramModel {
  return { ...model, match: { ...model.match, ranksPerInterview: { ...rho, ...change } } };
}

describe("ranksPerInterviewFor", () => {
  it("the data state a shape from non-US IMGs, over at least five specialties", () => {
    expect(rho.specialtyShape?.from).toBe("non-us-img");
    expect(shaped.length).toBeGreaterThanOrEqual(5);
  });

  it("the shape's own type keeps its fitted value per specialty, and its value elsewhere", () => {
    for (const s of shaped) expect(ranksPerInterviewFor(model, "non-us-img", s)).toBe(shapeOf[s]);
    expect(ranksPerInterviewFor(model, "non-us-img", "no-such-specialty")).toBe(rho.value["non-us-img"]);
  });

  it("every other type keeps the shape's ratios between any two specialties", () => {
    for (const type of APPLICANT_TYPES) {
      if (type === "non-us-img") continue;
      for (const a of shaped)
        for (const b of shaped) {
          const ratio = ranksPerInterviewFor(model, type, a) / ranksPerInterviewFor(model, type, b);
          expect(ratio).toBeCloseTo((shapeOf[a] as number) / (shapeOf[b] as number), 12);
        }
    }
  });

  it("a type's value is its ρ where the shape's type stands at its own value", () => {
    const s = shaped[0] as string;
    const flat = withRho({ bySpecialty: { "non-us-img": { [s]: rho.value["non-us-img"] } } });
    for (const type of APPLICANT_TYPES)
      expect(ranksPerInterviewFor(flat, type, s)).toBeCloseTo(rho.value[type], 12);
  });

  it("a specialty the shape does not cover takes the type's value", () => {
    const uncovered = [...repositoryRulebook().specialties.keys()].filter((s) => !(s in shapeOf));
    expect(uncovered.length).toBeGreaterThan(0);
    for (const s of uncovered)
      for (const type of APPLICANT_TYPES) expect(ranksPerInterviewFor(model, type, s)).toBe(rho.value[type]);
  });

  it("a type's own value for a specialty wins over the shape", () => {
    const s = shaped[0] as string;
    const own = withRho({ bySpecialty: { ...rho.bySpecialty, "us-img": { [s]: 0.123 } } });
    expect(ranksPerInterviewFor(own, "us-img", s)).toBe(0.123);
    expect(ranksPerInterviewFor(own, "us-md", s)).not.toBe(0.123);
  });

  it("without a shape every type other than the fitted one takes its one value", () => {
    const { specialtyShape: _, ...rest } = rho;
    const none = { ...model, match: { ...model.match, ranksPerInterview: rest } };
    for (const s of shaped) {
      expect(ranksPerInterviewFor(none, "us-img", s)).toBe(rho.value["us-img"]);
      expect(ranksPerInterviewFor(none, "non-us-img", s)).toBe(shapeOf[s]);
    }
  });

  it("the curve a plan reads carries the same value, and more ranks per interview never lower P(match | k)", () => {
    const rb = repositoryRulebook();
    for (const s of shaped) {
      const curve = typeCurve(rb, model, s, "us-img");
      if (!curve?.ownRecord) continue;
      expect(curve.ranksPerInterview).toBe(ranksPerInterviewFor(model, "us-img", s));
      const more = withRho({ value: { ...rho.value, "us-img": rho.value["us-img"] * 1.5 } });
      const higher = typeCurve(rb, more, s, "us-img");
      if (!higher) throw new Error(`no curve for ${s} at a larger value`);
      for (let k = 1; k < curve.byInterviews.length; k++)
        expect(higher.byInterviews[k] as number).toBeGreaterThanOrEqual(
          (curve.byInterviews[k] as number) - 1e-12,
        );
    }
  });
});
