import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Program } from "../catalog/program.ts";
import { signalsFor } from "../cycle/signal-schemes.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { applicantShift } from "./applicant-shift.ts";
import { listLogits, sweepStep2ck } from "./evaluate-list.ts";
import { estimateInterviewOdds } from "./interview-odds.ts";
import { kernelOptions } from "./kernel-options.ts";
import { matchCurve } from "./match-given-interviews.ts";
import { estimateAt, matchCurveForList } from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import { planProgramList } from "./plan-program-list.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
);
const { min: lo, max: hi } = rb.exam.usmle.scale.value;

const plan = (profile: Profile, specialty = "diagnostic-radiology", budgetUsd: number | null = 2500) => {
  const r = planProgramList(rb, data, { profile, specialty, asOf, budgetUsd });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("program list — acceptance", () => {
  const p = plan(example);

  it("a non-US IMG with 236 needing a J-1 and $2,500 gets real DR programs with tiers, odds and sources", () => {
    expect(p.programs.length).toBeGreaterThan(20);
    const catalogIds = new Set((data.bySpecialty.get("diagnostic-radiology") ?? []).map((x) => x.id));
    for (const prog of p.programs) {
      expect(catalogIds.has(prog.id)).toBe(true);
      expect(["reach", "target", "safety"]).toContain(prog.tier);
      expect(prog.pInterview.low).toBeLessThanOrEqual(prog.pInterview.estimate);
      expect(prog.pInterview.high).toBeGreaterThanOrEqual(prog.pInterview.estimate);
      expect(prog.sources.length).toBeGreaterThan(0);
    }
    expect(new Set(p.programs.map((x) => x.tier)).size).toBeGreaterThan(1);
  });

  it("spends the DR signals on the programs with the best signalled odds", () => {
    const scheme = signalsFor(rb, "diagnostic-radiology", p.season).scheme;
    expect(scheme?.scheme).toBe("gold-silver");
    const gold = p.programs.filter((x) => x.signal === "gold");
    const silver = p.programs.filter((x) => x.signal === "silver");
    expect(gold.length).toBe(scheme?.scheme === "gold-silver" ? scheme.gold : -1);
    expect(silver.length).toBe(scheme?.scheme === "gold-silver" ? scheme.silver : -1);
    // No unsignalled program would have had better gold-signalled odds than the weakest gold pick.
    const shift = applicantShift(
      rb,
      data.model,
      example,
      rb.specialties.get("diagnostic-radiology") as never,
      asOf,
    );
    const ctx = oddsContext(rb, data, rb.specialties.get("diagnostic-radiology") as never, example);
    const byId = new Map((data.bySpecialty.get("diagnostic-radiology") ?? []).map((x) => [x.id, x]));
    const goldOdds = (id: string) =>
      estimateInterviewOdds(byId.get(id) as Program, shift, ctx, data.model).signalled?.gold ?? 0;
    const weakestGold = Math.min(...gold.map((g) => goldOdds(g.id)));
    for (const other of p.programs.filter((x) => x.signal === null))
      expect(goldOdds(other.id)).toBeLessThanOrEqual(weakestGold + 1e-12);
  });

  it("adds a supplemental PGY-1 list of preliminary and transitional programs, near the DR programs first", () => {
    expect(p.supplementalPgy1.length).toBeGreaterThan(0);
    const tracks = new Set(p.supplementalPgy1.map((s) => s.specialty));
    for (const t of tracks)
      expect(["preliminary-medicine", "preliminary-surgery", "transitional-year"]).toContain(t);
    const chosenStates = new Set(p.programs.map((x) => x.state));
    expect(chosenStates.has(p.supplementalPgy1[0]?.state ?? null)).toBe(true);
  });

  it("signs the PGY-1 list in one place: the signals' summary counts what the list carries and holds no copy of it", () => {
    const signals = p.pgy1Signals;
    expect(signals).not.toBeNull();
    expect(signals).not.toHaveProperty("programs");
    for (const track of signals?.tracks ?? []) {
      const onList = p.supplementalPgy1.filter((s) => s.specialty === track.specialty);
      // Every signed program on the list was either signed from the track's allowance or sits at an institution that already holds a signal.
      const signed = onList.filter((s) => s.signal !== null).length;
      expect(signed).toBe(track.spent.gold + track.spent.silver + track.covered);
    }
    expect(p.supplementalPgy1.some((s) => s.signal !== null)).toBe(true);
  });
  it("stays within the budget and reports P(match) with a range", () => {
    expect(p.costUsd).toBeLessThanOrEqual(2500);
    expect(p.costUsd).toBe(p.fees.reduce((s, f) => s + f.usd, 0));
    expect(p.pMatch).not.toBeNull();
    expect(p.pMatch?.low).toBeLessThanOrEqual(p.pMatch?.estimate ?? -1);
    expect(p.pMatch?.high).toBeGreaterThanOrEqual(p.pMatch?.estimate ?? 2);
    expect(p.marginal.length).toBeGreaterThanOrEqual(p.recommendedCount);
    expect(p.comparison).toMatch(/guides/);
  });

  it("raising Step 2 CK from 226 to 252 raises P(match)", () => {
    const low = plan({ ...example, step2ck: { score: 226, attempts: 1 } });
    const high = plan({ ...example, step2ck: { score: 252, attempts: 1 } });
    expect(high.pMatch?.estimate ?? 0).toBeGreaterThan(low.pMatch?.estimate ?? 1);
  });

  it("requiring an H-1B removes programs known to sponsor only the J-1", () => {
    const im = plan({ ...example, visa: "h1b" }, "internal-medicine", null);
    const byId = new Map((data.bySpecialty.get("internal-medicine") ?? []).map((x) => [x.id, x]));
    const j1Only = [...byId.values()].filter((x) => x.visa?.j1 === true && x.visa.h1b === false);
    expect(j1Only.length).toBeGreaterThan(0);
    for (const prog of im.programs) expect(byId.get(prog.id)?.visa?.h1b).not.toBe(false);
    const excludedIds = new Set(im.excluded.map((e) => e.id));
    for (const x of j1Only) expect(excludedIds.has(x.id)).toBe(true);
    const j1 = plan({ ...example, visa: "j1" }, "internal-medicine", null);
    expect(j1.excluded.some((e) => j1Only.some((x) => x.id === e.id))).toBe(false);
  });

  it("IR gets the A3 mix: an integrated IR list with a parallel DR list, and P(match in either)", () => {
    const ir = plan(example, "interventional-radiology");
    expect(ir.parallel?.specialty).toBe("diagnostic-radiology");
    expect(ir.pMatchAny?.estimate ?? 0).toBeGreaterThanOrEqual(ir.pMatch?.estimate ?? 1);
    expect(ir.costUsd).toBeLessThanOrEqual(2500);
  });
});

describe("program list — calibration notes", () => {
  it("warns where the calibration recorded a miss for the applicant's type (and band), with its size and the published rate the range reaches, and nowhere else", () => {
    // Which specialties and types carry a note is measured data (docs/calibration.md), so the cases are read from it.
    const misses = data.model.calibration.knownMisses;
    const usMd: Profile = { ...example, applicantType: "us-md", visa: "none-needed", graduationYear: 2027 };
    let seen = 0;
    for (const specialty of [
      "psychiatry",
      "pathology",
      "diagnostic-radiology",
      "internal-medicine",
      "general-surgery",
    ]) {
      for (const profile of [example, usMd]) {
        const p = plan(profile, specialty, 2500);
        const entry = misses[specialty]?.[profile.applicantType];
        const score = profile.step2ck.score as number;
        const band = entry?.bands?.find(
          (b) => (b.lo === null || score >= b.lo) && (b.hi === null || score <= b.hi),
        );
        const lead = band ?? entry?.overall;
        // A miss in another band than the applicant's says nothing about them.
        if (!lead && !entry?.interviews) {
          expect(p.calibration, `${specialty} ${profile.applicantType}`).toBeNull();
          continue;
        }
        const note = p.calibration;
        expect(note?.applicantType).toBe(profile.applicantType);
        if (!lead) continue;
        seen++;
        expect(note?.direction).toBe(lead.direction);
        expect(note?.difference).toBe(lead.difference);
        expect(note?.band).toBe(band?.band ?? null);
        expect(note?.publishedMatchRate).toBe(lead.published);
        expect(note?.text).toContain(`${Math.abs(lead.difference * 100).toFixed(0)} points`);
        expect(note?.text).toMatch(lead.direction === "under" ? /below .* floor/ : /above .* ceiling/);
        expect(p.pMatch?.low ?? 1).toBeLessThanOrEqual(lead.published);
        expect(p.pMatch?.high ?? 0).toBeGreaterThanOrEqual(lead.published);
      }
    }
    expect(seen + Object.keys(misses).length).toBeGreaterThan(0);
  });

  it("leads with the applicant's own Step 2 CK band when that band missed, and widens the range to the band's published rate", () => {
    const dr = rb.specialties.get("diagnostic-radiology");
    if (!dr) throw new Error("DR");
    const at236 = { ...example, step2ck: { score: 236, attempts: 1 } };
    const plain = planProgramList(rb, data, {
      profile: at236,
      specialty: "diagnostic-radiology",
      asOf,
      budgetUsd: 2500,
    });
    if (!plain.ok || !plain.value.pMatch) throw new Error("plan");
    // A band rate below the range the model gives, so the range must widen to reach it.
    const published = Math.round((plain.value.pMatch.low / 2) * 1000) / 1000;
    const model = {
      ...data.model,
      calibration: {
        ...data.model.calibration,
        knownMisses: {
          "diagnostic-radiology": {
            "non-us-img": {
              overall: { direction: "over" as const, difference: 0.08, published: 0.583, applicants: 175 },
              bands: [
                {
                  band: "230–239",
                  lo: 230,
                  hi: 239,
                  direction: "over" as const,
                  difference: 0.2,
                  published,
                  applicants: 40,
                },
              ],
            },
          },
        },
      },
    };
    const r = planProgramList(
      rb,
      { ...data, model },
      {
        profile: at236,
        specialty: "diagnostic-radiology",
        asOf,
        budgetUsd: 2500,
      },
    );
    if (!r.ok) throw new Error("plan");
    expect(r.value.calibration?.band).toBe("230–239");
    expect(r.value.calibration?.difference).toBe(0.2);
    expect(r.value.calibration?.text).toContain(
      `at Step 2 CK 230–239 about 20 points above the published ${(published * 100).toFixed(1)}%`,
    );
    expect(r.value.calibration?.text).toContain("about 8 points above the published rate (58.3% of 175)");
    expect(r.value.pMatch?.low).toBe(published);
    expect(r.value.pMatchRange?.widenedTo).toBe(published);
    const outside = planProgramList(
      rb,
      { ...data, model },
      {
        profile: { ...example, step2ck: { score: 250, attempts: 1 } },
        specialty: "diagnostic-radiology",
        asOf,
        budgetUsd: 2500,
      },
    );
    if (!outside.ok) throw new Error("plan");
    expect(outside.value.calibration?.band).toBeNull();
    expect(outside.value.calibration?.difference).toBe(0.08);
    const usMd = planProgramList(
      rb,
      { ...data, model },
      {
        profile: { ...example, applicantType: "us-md", visa: "none-needed" },
        specialty: "diagnostic-radiology",
        asOf,
        budgetUsd: 2500,
      },
    );
    expect(usMd.ok && usMd.value.calibration).toBeNull();
  });
});

describe("program list — properties", () => {
  const profileArb = fc.record({
    score: fc.integer({ min: lo, max: hi }),
    visa: fc.constantFrom("none-needed", "j1", "h1b", "j1-or-h1b" as const),
    budget: fc.integer({ min: 0, max: 6000 }),
    failures: fc.integer({ min: 1, max: 2 }),
    specialty: fc.constantFrom(
      "diagnostic-radiology",
      "internal-medicine",
      "psychiatry",
      "interventional-radiology",
    ),
  });

  it("cost never exceeds the budget, and every probability is in [0, 1]", () => {
    fc.assert(
      fc.property(profileArb, (g) => {
        const p = plan(
          {
            ...example,
            visa: g.visa,
            step2ck: { score: g.score, attempts: 1 },
            step1: { outcome: "pass", attempts: g.failures },
          },
          g.specialty,
          g.budget,
        );
        expect(p.costUsd).toBeLessThanOrEqual(g.budget);
        const probs = [
          ...p.programs.flatMap((x) => [x.pInterview.estimate, x.pInterview.low, x.pInterview.high]),
          ...(p.pMatch ? [p.pMatch.estimate, p.pMatch.low, p.pMatch.high] : []),
          p.pAtLeastOneInterview,
          ...p.marginal.map((m) => m.pMatch),
        ];
        for (const x of probs) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("a prefix's P(match) and range read from the whole curve equal those of the shorter list computed alone", () => {
    const curve = matchCurve(rb.chartingOutcomes, "diagnostic-radiology", 40, 1);
    if (!curve) throw new Error("no curve");
    const opts = kernelOptions(data.model);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -9, max: 4, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (logits, cut) => {
          const n = 1 + (cut % logits.length);
          const whole = matchCurveForList(logits, curve, opts);
          const alone = matchCurveForList(logits.slice(0, n), curve, opts, true).final;
          const read = estimateAt(whole, n, opts.rangeQuantiles);
          for (const k of ["estimate", "low", "high"] as const) expect(read?.[k]).toBeCloseTo(alone[k], 12);
          expect(whole.meanByCount[n - 1]).toBeCloseTo(alone.estimate, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("adding a program never lowers P(≥ 1 interview) or P(match)", () => {
    const curve = matchCurve(rb.chartingOutcomes, "diagnostic-radiology", 40, 1);
    if (!curve) throw new Error("no curve");
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -9, max: 4, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (logits) => {
          const r = matchCurveForList(logits, curve, kernelOptions(data.model));
          for (let i = 1; i < logits.length; i++) {
            expect(r.atLeastOneInterview[i] ?? 0).toBeGreaterThanOrEqual(
              (r.atLeastOneInterview[i - 1] ?? 0) - 1e-12,
            );
            expect(r.meanByCount[i] ?? 0).toBeGreaterThanOrEqual((r.meanByCount[i - 1] ?? 0) - 1e-12);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a higher Step 2 CK never lowers any program's odds", () => {
    const programs = data.bySpecialty.get("diagnostic-radiology") ?? [];
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi - 1 }), fc.integer({ min: 1, max: 30 }), (s, gain) => {
        const a = listLogits(
          rb,
          data,
          { ...example, step2ck: { score: s, attempts: 1 } },
          "diagnostic-radiology",
          programs,
          asOf,
          "none",
        ).logits;
        const b = listLogits(
          rb,
          data,
          { ...example, step2ck: { score: Math.min(hi, s + gain), attempts: 1 } },
          "diagnostic-radiology",
          programs,
          asOf,
          "none",
        ).logits;
        a.forEach((x, i) => {
          expect(b[i] ?? Number.NaN).toBeGreaterThanOrEqual(x);
        });
      }),
      { numRuns: 50 },
    );
  });

  it("a known visa mismatch gives 0", () => {
    const im = data.bySpecialty.get("internal-medicine") ?? [];
    const sp = rb.specialties.get("internal-medicine") as never;
    fc.assert(
      fc.property(
        fc.constantFrom(...im.filter((x) => x.visa !== null)),
        fc.constantFrom("j1", "h1b", "j1-or-h1b" as const),
        (program, visa) => {
          const profile = { ...example, visa };
          const o = estimateInterviewOdds(
            program,
            applicantShift(rb, data.model, profile, sp, asOf),
            oddsContext(rb, data, sp, profile),
            data.model,
          );
          const v = program.visa;
          const mismatch =
            (visa === "j1" && v?.j1 === false) ||
            (visa === "h1b" && v?.h1b === false) ||
            (visa === "j1-or-h1b" && v?.j1 === false && v?.h1b === false);
          if (mismatch) expect([o.estimate, o.low, o.high]).toEqual([0, 0, 0]);
          else expect(o.excluded).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the what-if sweep rises with Step 2 CK", () => {
    const programs = (data.bySpecialty.get("diagnostic-radiology") ?? []).slice(0, 120);
    const scores = Array.from({ length: 9 }, (_, i) => 200 + i * 10);
    const sweep = sweepStep2ck(rb, data, example, "diagnostic-radiology", programs, asOf, scores);
    expect(sweep).toHaveLength(scores.length);
    for (let i = 1; i < sweep.length; i++)
      expect(sweep[i]?.pMatch.estimate ?? 0).toBeGreaterThanOrEqual(sweep[i - 1]?.pMatch.estimate ?? 1);
  });
});
