import { describe, expect, it } from "vitest";
import { repositoryMarketData } from "../../io/load-market-data.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { seededRandom } from "../math/seeded-random.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import { typeRecord } from "../programs/type-record.ts";
import { step2ckSlope } from "../programs/type-slopes.ts";
import { APPLICANT_TYPES } from "../vocabulary.ts";
import { buildMarket, type MarketTemplate, splitByWeights, splitEvenly } from "./build-market.ts";
import { compileMarketData } from "./market-data.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();

function built(id: string): MarketTemplate {
  const r = buildMarket(rb, data, market, id);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
}

describe("a specialty's market", () => {
  const dr = built("diagnostic-radiology");
  const facts = market.facts.specialties["diagnostic-radiology"];

  it("offers the published 2026 positions, split between categorical and advanced tracks as in 2025", () => {
    const own = dr.programs.filter((p) => p.unit >= 0);
    expect(own.reduce((s, p) => s + p.positions, 0)).toBe(facts?.positions.value);
    const advanced = own.filter((p) => p.advanced).reduce((s, p) => s + p.positions, 0);
    const t = facts?.tracks2025;
    const share = (t?.advanced.value ?? 0) / ((t?.advanced.value ?? 0) + (t?.categorical.value ?? 0));
    expect(Math.abs(advanced / (facts?.positions.value ?? 1) - share)).toBeLessThan(0.001);
  });

  it("gives the advanced specialty its share of the PGY-1-only tracks, and a categorical specialty none", () => {
    const pgy1 = [...dr.pgy1].map((i) => dr.programs[i]);
    expect(pgy1.length).toBeGreaterThan(0);
    expect(pgy1.every((p) => p && !p.advanced && p.unit === -1)).toBe(true);
    const offered = Object.values(market.facts.pgy1Tracks).reduce((s, t) => s + t.positions.value, 0);
    const got = pgy1.reduce((s, p) => s + (p?.positions ?? 0), 0);
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThan(offered);
    expect(built("pathology").pgy1.length).toBe(0);
  });

  it("has as many applicants as the published first-choice candidates, non-US IMGs as Charting Outcomes counts them", () => {
    const total = APPLICANT_TYPES.reduce((s, t) => s + dr.applicants[t], 0);
    expect(total).toBe(facts?.candidates.value);
    expect(dr.applicants["non-us-img"]).toBe(
      rb.chartingOutcomes.specialties["diagnostic-radiology"]?.applicants,
    );
  });

  it("puts every track in one application unit, categorical before advanced", () => {
    const seen = new Set<number>();
    dr.units.forEach((u, i) => {
      for (const p of u.programs) {
        expect(dr.programs[p]?.unit).toBe(i);
        seen.add(p);
      }
      const adv = u.programs.map((p) => dr.programs[p]?.advanced);
      expect(adv).toEqual([...adv].sort());
    });
    expect(seen.size).toBe(dr.programs.length - dr.pgy1.length);
  });

  it("reads each applicant's odds from the model, stronger scores opening better odds", () => {
    const low = dr.classOf("non-us-img", 230);
    const high = dr.classOf("non-us-img", 260);
    const i = low.open[0] as number;
    expect(high.logits[i]).toBeGreaterThan(low.logits[i] as number);
    // Computed once per type and score, then shared by every applicant of that class.
    expect(dr.classOf("non-us-img", 230)).toBe(low);
    expect(dr.classOf("us-md", null)).toBe(dr.classOf("us-md", null));
  });

  it("draws each applicant type's Step 2 CK from the type's own published record, passing scores only", () => {
    const rng = seededRandom(1);
    const passing = Math.min(...rb.exam.usmle.step2ckMinimumPass.map((r) => r.value));
    for (const type of APPLICANT_TYPES) {
      const scores = Array.from({ length: 400 }, () => dr.drawScore(type, rng));
      expect(scores.every((x) => typeof x === "number" && x >= passing)).toBe(true);
      const r = typeRecord(rb, data.model, type, "diagnostic-radiology");
      const mean = (scores as number[]).reduce((s, x) => s + x, 0) / scores.length;
      // The mixture of matched and unmatched at the type's rate has the type's reference as its mean.
      expect(Math.abs(mean - (r.reference as number))).toBeLessThan(2);
    }
    // A type without a published distribution in the specialty is its typical applicant (null).
    expect(typeRecord(rb, data.model, "do", "pediatrics").step2ck).toBeNull();
    expect(built("pediatrics").drawScore("do", seededRandom(1))).toBeNull();
  });

  it("reads a type's typical applicant as one at the type's own Step 2 CK reference, not as one who has yet to take it", () => {
    const sp = rb.specialties.get("diagnostic-radiology");
    if (!sp) throw new Error("no DR");
    const letters = data.model.interview.specialtyLetterOddsRatio.reference;
    const months = data.model.interview.specialtyUsceMonthOddsRatio.reference;
    const profile = (score: number | null): Profile => ({
      applicantType: "us-md",
      graduationYear: dr.year,
      visa: "none-needed",
      step1: { outcome: "pass", attempts: 1 },
      step2ck: { score, attempts: score === null ? 0 : 1 },
      usce: { handsOnMonths: months, observershipMonths: 0, specialtyMonths: months },
      letters: { total: letters, specialty: letters, us: letters },
    });
    const reference = step2ckSlope(rb, data.model, "us-md", "diagnostic-radiology").reference as number;
    expect(applicantShift(rb, data.model, profile(reference), sp, dr.asOf).strength).toBeCloseTo(0, 9);
    const typical = dr.classOf("us-md", null);
    expect([...typical.logits]).toEqual([...dr.classForProfile(profile(reference)).logits]);
    const untaken = dr.classForProfile(profile(null));
    const i = typical.open[0] as number;
    expect(typical.logits[i]).toBeGreaterThan(untaken.logits[i] as number);
  });

  it("names its sources, every one in the bibliography", () => {
    expect(dr.sources).toEqual(
      expect.arrayContaining(["nrmp-match-algorithm", "nrmp-charting-outcomes-nonus-img-2026"]),
    );
    for (const ref of dr.sources) expect(rb.sources[ref.split("#")[0] as string]).toBeDefined();
  });

  it("refuses a specialty without market data, naming the field and what is allowed", () => {
    const r = buildMarket(rb, data, market, "thoracic-surgery");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "unknown_specialty", path: "specialty" });
  });
});

describe("market data", () => {
  it("refuses a cited source missing from the bibliography and an unregistered specialty", () => {
    const facts = structuredClone(market.facts) as unknown as Record<string, Record<string, unknown>>;
    (facts.specialties as Record<string, unknown>)["no-such-specialty"] = (
      facts.specialties as Record<string, unknown>
    ).pathology;
    (facts.couples as { share: { sources: string[] } }).share.sources = ["no-such-source"];
    const r = compileMarketData(facts, market.model, rb);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.code)).toEqual(
        expect.arrayContaining(["unknown_source", "unknown_specialty"]),
      );
  });
});

describe("splitting positions", () => {
  it("splits evenly with the remainder to the first", () => {
    expect(splitEvenly(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitEvenly(3, 0)).toEqual([]);
  });
  it("splits by weights, keeping the total", () => {
    const out = splitByWeights(1268, [151, 1057]);
    expect(out.reduce((s, x) => s + x, 0)).toBe(1268);
    expect(out).toEqual([159, 1109]);
  });
});
