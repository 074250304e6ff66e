import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPlan } from "../../cli/commands/programs.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { applicantShift } from "./applicant-shift.ts";
import { estimateInterviewOdds } from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import { matchCurveForList } from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import { planProgramList } from "./plan-program-list.ts";
import { combinedRange } from "./pmatch-range.ts";
import { typeRecord } from "./type-record.ts";
import { step2ckSlope } from "./type-slopes.ts";
import { ESTIMATED_MARK } from "./uncertainty-text.ts";

/**
 * Issue 13, items 3, 4 and 7: each applicant type on its own record, an untaken Step 2 CK as a
 * spread, years since graduation in the odds, and a range and its companions (thin data, what moves
 * the number, estimated rates) that say how sure the number is.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
);
const plain: Profile = { ...example, ties: { states: [] }, preferences: { budgetUsd: 2500 } };
const usMd: Profile = { ...plain, applicantType: "us-md", visa: "none-needed", graduationYear: 2027 };

const plan = (
  profile: Profile,
  specialty = "diagnostic-radiology",
  extra: { step2ckForecast?: { sd: number } } = {},
) => {
  const r = planProgramList(rb, data, { profile, specialty, asOf, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("each applicant type on its own record", () => {
  it("a US MD applicant's P(match | interviews) has the US MD rate as its prior, not the non-US IMGs'", () => {
    const md = curveFor(rb, data.model, "diagnostic-radiology", "us-md");
    const img = curveFor(rb, data.model, "diagnostic-radiology", "non-us-img");
    const y26 = rb.outcomes.usMd2026.specialties["diagnostic-radiology"];
    const n = (y26?.matched.n ?? 0) + (y26?.notMatched.n ?? 0);
    expect(md?.matchRate).toBeCloseTo((y26?.matched.n ?? 0) / n, 9);
    expect(img?.matchRate).toBe(rb.chartingOutcomes.specialties["diagnostic-radiology"]?.matchRate);
    expect(md?.matchRate).not.toBe(img?.matchRate);
    // No published ranks for US MD: borrowed, and said so.
    expect(md?.ranksBorrowed).toBe(true);
    const r = typeRecord(rb, data.model, "us-md", "diagnostic-radiology");
    expect(r.assumptions.map((a) => a.id)).toEqual(expect.arrayContaining(["usMdSpread", "ranksBorrowed"]));
  });

  it("a US MD's Step 2 CK is read against US MD applicants: their reference, their slope", () => {
    const md = step2ckSlope(rb, data.model, "us-md", "diagnostic-radiology");
    const img = step2ckSlope(rb, data.model, "non-us-img", "diagnostic-radiology");
    const y26 = rb.outcomes.usMd2026.specialties["diagnostic-radiology"];
    expect(md.reference).toBeGreaterThan(y26?.notMatched.median ?? 0);
    expect(md.reference).toBeLessThan(y26?.matched.median ?? 0);
    expect(md.perPoint).toBeGreaterThan(img.perPoint);
    const because = plan(usMd).because.find((b) => b.ruleId === "model.step2ck");
    expect(because).toBeDefined();
    expect((because?.value as { reference: number } | undefined)?.reference).toBeCloseTo(
      md.reference ?? 0,
      0,
    );
  });

  it("a specialty where the type's own record shows no score effect gets a shrunk, never negative slope", () => {
    const fm = step2ckSlope(rb, data.model, "non-us-img", "family-medicine");
    expect(fm.own?.slope).toBeLessThan(0);
    expect(fm.perPoint).toBeGreaterThanOrEqual(0);
    expect(fm.perPoint).toBeLessThan(fm.pooled);
    const im = step2ckSlope(rb, data.model, "non-us-img", "internal-medicine");
    expect(im.weight).toBeGreaterThan(0.9);
  });

  it("a type with no record of its own in a specialty is told so: the non-US IMGs' record stands in, flagged as thin data", () => {
    const usImg: Profile = { ...plain, applicantType: "us-img", visa: "none-needed" };
    const r = typeRecord(rb, data.model, "us-img", "diagnostic-radiology");
    expect(r.assumptions.map((a) => a.id)).toContain("noRecord");
    const p = plan(usImg);
    expect(p.thinData?.text).toContain("no published outcome of US IMG applicants");
    expect(p.because.some((b) => b.ruleId === "model.type-record.noRecord")).toBe(true);
  });
});

describe("unknown is not average", () => {
  it("an untaken Step 2 CK keeps the cautious stand-in's estimate and widens the range by the score's spread", () => {
    const untaken = plan({ ...plain, step2ck: { score: null } });
    const assumed = untaken.because.find((b) => b.ruleId === "model.untaken-step2ck")?.value as {
      assumedScore: number;
    };
    const taken = plan({ ...plain, step2ck: { score: assumed.assumedScore, attempts: 1 } });
    expect(untaken.pMatch?.estimate).toBeCloseTo(taken.pMatch?.estimate ?? -1, 9);
    const width = (p: typeof taken) => (p.pMatch?.high ?? 0) - (p.pMatch?.low ?? 0);
    expect(width(untaken)).toBeGreaterThan(width(taken));
    expect(untaken.pMatchRange?.parts.map((x) => x.part)).toContain("untaken-step2ck");
    expect(taken.pMatchRange?.parts.map((x) => x.part)).toContain("strength");
    // A forecast with a tighter spread than the type's narrows it again.
    const forecast = plan({ ...plain, step2ck: { score: null } }, "diagnostic-radiology", {
      step2ckForecast: { sd: 3 },
    });
    expect(width(forecast)).toBeLessThan(width(untaken));
    expect(forecast.pMatch?.estimate).toBeCloseTo(untaken.pMatch?.estimate ?? -1, 9);
  });

  it("years since graduation lower the odds beyond the guide's preferred window, and not within it", () => {
    // Years count to 2027, when applications for the Match planned from 2026-11-22 (2028) are sent.
    const years = (y: number) =>
      plan({ ...plain, graduationYear: 2027 - y }, "internal-medicine").pMatch?.estimate ?? 0;
    expect(years(1)).toBeCloseTo(years(3), 9);
    expect(years(6)).toBeLessThan(years(3));
    expect(years(9)).toBeLessThan(years(6));
  });
});

describe("uncertainty that tells the truth", () => {
  it("the range holds every part it is made of, around the same estimate", () => {
    const p = plan(plain);
    const parts = p.pMatchRange?.parts ?? [];
    expect(parts.map((x) => x.part)).toEqual(["strength", "program-rates", "curve"]);
    for (const x of parts) {
      expect(p.pMatch?.low ?? 1).toBeLessThanOrEqual(x.low + 1e-12);
      expect(p.pMatch?.high ?? 0).toBeGreaterThanOrEqual(x.high - 1e-12);
      expect(x.low).toBeLessThanOrEqual(p.pMatch?.estimate ?? 0);
    }
  });

  it("the curve's part is wider where few applicants stand behind it (IR) than where thousands do (IM)", () => {
    const width = (s: string) => {
      const c = plan(plain, s).pMatchRange?.parts.find((x) => x.part === "curve");
      return (c?.high ?? 0) - (c?.low ?? 0);
    };
    expect(width("interventional-radiology")).toBeGreaterThan(width("internal-medicine"));
  });

  it("combining parts by hand: no parts but the strength term leave the strength range as it is", () => {
    const curve = curveFor(rb, data.model, "internal-medicine", "non-us-img");
    if (!curve) throw new Error("curve");
    const flat = { ...curve, low: curve, high: curve };
    const kernel = kernelOptions(data.model);
    const logits = [-1, -1.5, -2];
    const strength = matchCurveForList(logits, curve, kernel, true).final;
    const r = combinedRange({
      logits,
      logitSds: [0, 0, 0],
      curve: flat,
      kernel,
      strength,
      untakenLogitSd: null,
      z: 1.2816,
    });
    expect(r.pMatch.low).toBeCloseTo(strength.low, 9);
    expect(r.pMatch.high).toBeCloseTo(strength.high, 9);
    // A rate known only roughly widens it.
    const rough = combinedRange({
      logits,
      logitSds: [1, 1, 1],
      curve: flat,
      kernel,
      strength,
      untakenLogitSd: null,
      z: 1.2816,
    });
    expect(rough.pMatch.low).toBeLessThan(strength.low);
    expect(rough.pMatch.high).toBeGreaterThan(strength.high);
  });

  it("flags thin data with the number of applicants of the type behind the curve", () => {
    const ir = plan(plain, "interventional-radiology");
    const co = rb.chartingOutcomes.specialties["interventional-radiology"];
    const behind = Math.min(
      co?.applicants ?? 0,
      (co?.contiguousRanks.matched.n ?? 0) + (co?.contiguousRanks.notMatched.n ?? 0),
    );
    expect(behind).toBeLessThan(data.model.match.thinData.minApplicants.value);
    expect(ir.thinData?.text).toContain(`${behind} non-US IMG applicants`);
    expect(plan(plain, "internal-medicine").thinData).toBeNull();
  });

  it("says which three assumptions move this applicant's number most, with low and high values", () => {
    const weak: Profile = {
      ...plain,
      step1: { outcome: "pass", attempts: 2 },
      graduationYear: 2016,
      letters: { total: 3, specialty: 1, us: 1 },
      usce: { handsOnMonths: 0, observershipMonths: 2, specialtyMonths: 0 },
    };
    const p = plan(weak, "internal-medicine");
    expect(p.whatMoves.length).toBe(3);
    const swing = (s: (typeof p.whatMoves)[number]) => Math.abs(s.high.pMatch - s.low.pMatch);
    for (let i = 1; i < p.whatMoves.length; i++)
      expect(swing(p.whatMoves[i - 1] as never)).toBeGreaterThanOrEqual(swing(p.whatMoves[i] as never));
    // A harsher failure odds ratio (the low value) never gives a higher P(match).
    const failure = p.whatMoves.find((s) => s.id === "exam-failures");
    expect(failure).toBeDefined();
    expect(failure?.low.value).toBeLessThan(failure?.high.value ?? 0);
    expect(failure?.low.pMatch).toBeLessThan(failure?.high.pMatch ?? 0);
    // A clean profile at the references has nothing of these to swing but what it uses.
    const clean = plan({ ...plain, graduationYear: 2025 }, "internal-medicine");
    expect(clean.whatMoves.every((s) => s.id !== "exam-failures" && s.id !== "graduation-year")).toBe(true);
  });

  it("marks a rate that is the specialty's median as an estimate, on the row and in the text output", () => {
    const sp = rb.specialties.get("internal-medicine");
    const unrated = (data.bySpecialty.get("internal-medicine") ?? []).find(
      (x) => x.interviewRates?.nonUsImg == null,
    );
    if (!sp || !unrated) throw new Error("IM has a program without a non-US IMG rate");
    const shift = applicantShift(rb, data.model, plain, sp, asOf);
    const odds = estimateInterviewOdds(unrated, shift, oddsContext(rb, data, sp, plain), data.model);
    expect(odds.rate?.estimated).toBe(true);
    expect(odds.basis).toMatch(/^estimated: the specialty median/);
    const p = plan(plain, "internal-medicine");
    expect(p.programs.every((x) => x.rate.estimated === (x.rate.observed === null))).toBe(true);
    const first = p.programs[0];
    if (!first) throw new Error("a list");
    const marked = {
      ...p,
      programs: [{ ...first, rate: { ...first.rate, estimated: true } }, ...p.programs.slice(1)],
    };
    const line = renderPlan(marked)
      .split("\n")
      .find((l) => l.includes(first.name));
    expect(line).toContain(ESTIMATED_MARK);
    expect(renderPlan(p).includes(ESTIMATED_MARK)).toBe(p.programs.some((x) => x.rate.estimated));
  });
});
