import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { step2ckPassingScore } from "../src/core/assess/derive-facts.ts";
import type { Profile } from "../src/core/profile/profile-schema.ts";
import { signalCounts } from "../src/core/programs/allocate-signals.ts";
import { applicantShift } from "../src/core/programs/applicant-shift.ts";
import { scheduleFor, specialtyFee } from "../src/core/programs/eras-fees.ts";
import { estimateInterviewOdds } from "../src/core/programs/interview-odds.ts";
import { oddsContext } from "../src/core/programs/odds-context.ts";
import type { PlannedProgram, ProgramPlan } from "../src/core/programs/plan-program-list.ts";
import { PROGRAM_TIERS, tierOf } from "../src/core/programs/tiers.ts";
import type { Specialty } from "../src/core/rulebook/schemas.ts";
import { forecastScore } from "../src/core/study/forecast-score.ts";
import { IMG_TYPES, standingRank } from "../src/core/vocabulary.ts";
import { adviceTexts, misfits } from "./support/advice-texts.ts";
import {
  AS_OF,
  assessmentOf,
  type Case,
  caseArb,
  data,
  EPS,
  PMATCH_SPECIALTIES,
  PROPERTY_RUNS,
  planOf,
  pMatchOf,
  rb,
} from "./support/coherence-profiles.ts";

/**
 * Coherence of one plan with itself (issue 12, item 2): P(match) moves the way the profile does,
 * standing and P(match) never disagree, tiers follow the odds, every list says how long it is and
 * why, the guides' minimum and the signals are used, and advice fits the person. Each property
 * runs on 1,000 generated profiles over every specialty that shows a P(match).
 */
const RUNS = { numRuns: PROPERTY_RUNS };
/** A thousand plans and their variants take a few seconds each on an idle machine; a loaded one needs room. */
const SLOW = 600_000;

const withProfile = (c: Case, profile: Profile): Case => ({ ...c, profile });

function expectNoHigher(weaker: Case, stronger: Case, what: string) {
  const w = pMatchOf(weaker);
  const s = pMatchOf(stronger);
  if (w > s + EPS)
    throw new Error(
      `${what}: P(match) ${w} for the weaker profile above ${s} for the stronger one\nweaker: ${JSON.stringify(weaker)}\nstronger: ${JSON.stringify(stronger)}`,
    );
}

describe("P(match) moves with the profile", () => {
  it(
    "never falls when Step 2 CK rises",
    () => {
      fc.assert(
        fc.property(caseArb, fc.integer({ min: 1, max: 30 }), (c, gain) => {
          const s = c.profile.step2ck.score;
          if (s === null) return;
          const up = { ...c.profile, step2ck: { ...c.profile.step2ck, score: Math.min(300, s + gain) } };
          expectNoHigher(c, withProfile(c, up), "Step 2 CK");
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "never falls when research rises",
    () => {
      fc.assert(
        fc.property(
          caseArb,
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 0, max: 2 }),
          (c, more, specialty) => {
            const r = c.profile.research ?? {};
            const up = {
              ...c.profile,
              research: {
                ...r,
                items: (r.items ?? 0) + more,
                specialtyItems: (r.specialtyItems ?? 0) + Math.min(more, specialty),
              },
            };
            expectNoHigher(c, withProfile(c, up), "research");
          },
        ),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "never falls when US clinical experience rises",
    () => {
      fc.assert(
        fc.property(
          caseArb,
          fc.constantFrom("handsOnMonths", "observershipMonths", "specialtyMonths" as const),
          fc.integer({ min: 1, max: 4 }),
          (c, kind, more) => {
            const u = c.profile.usce ?? {};
            const up = { ...c.profile, usce: { ...u, [kind]: (u[kind] ?? 0) + more } };
            expectNoHigher(c, withProfile(c, up), `USCE ${kind}`);
          },
        ),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "never falls when letters rise",
    () => {
      fc.assert(
        fc.property(caseArb, fc.integer({ min: 1, max: 3 }), (c, more) => {
          const l = c.profile.letters ?? {};
          const up = {
            ...c.profile,
            letters: {
              total: (l.total ?? 0) + more,
              specialty: (l.specialty ?? 0) + more,
              us: (l.us ?? 0) + more,
            },
          };
          expectNoHigher(c, withProfile(c, up), "letters");
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "never rises with an exam failure",
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const s1 = c.profile.step1;
          const failed: Profile = {
            ...c.profile,
            step1:
              s1.outcome === "pass"
                ? { outcome: "fail", attempts: s1.attempts ?? 1 }
                : { ...s1, attempts: Math.min(3, (s1.attempts ?? 1) + 1) },
          };
          expectNoHigher(withProfile(c, failed), c, "a failure");
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "never rises with an extra attempt",
    () => {
      fc.assert(
        fc.property(caseArb, fc.boolean(), (c, onStep2) => {
          const p = c.profile;
          const more: Profile =
            onStep2 && p.step2ck.score !== null
              ? { ...p, step2ck: { ...p.step2ck, attempts: Math.min(3, (p.step2ck.attempts ?? 1) + 1) } }
              : { ...p, step1: { ...p.step1, attempts: Math.min(3, (p.step1.attempts ?? 1) + 1) } };
          expectNoHigher(withProfile(c, more), c, "an extra attempt");
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "never rises with more years since graduation",
    () => {
      fc.assert(
        fc.property(caseArb, fc.integer({ min: 1, max: 8 }), (c, years) => {
          const older = { ...c.profile, graduationYear: c.profile.graduationYear - years };
          expectNoHigher(withProfile(c, older), c, "years since graduation");
        }),
        RUNS,
      );
    },
    SLOW,
  );
});

/** The typical Step 2 CK of unmatched applicants of this kind in the specialty, as the data give it. */
function typicalUnmatched(profile: Profile, specialty: string): number {
  const img = IMG_TYPES.includes(profile.applicantType);
  const co = rb.chartingOutcomes.specialties[specialty]?.step2ck.notMatched.mean ?? null;
  if (img && co !== null) return co;
  const us = data.model.untakenStep2ck.usGraduate;
  return (us.bySpecialty[specialty] ?? us.default).value;
}

describe("standing and P(match) agree", () => {
  it(
    "an untaken Step 2 CK is never worth more than a taken score at the specialty's typical unmatched level",
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const untaken = withProfile(c, { ...c.profile, step2ck: { score: null } });
          const level = Math.round(typicalUnmatched(c.profile, c.specialty));
          const taken = withProfile(c, { ...c.profile, step2ck: { score: level, attempts: 1 } });
          expectNoHigher(untaken, taken, "untaken Step 2 CK");
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "for profiles that differ only in Step 2 CK, a lower standing never shows a higher P(match)",
    () => {
      const score = fc.option(fc.integer({ min: 195, max: 275 }), { freq: 5 });
      fc.assert(
        fc.property(caseArb, score, score, (c, x, y) => {
          const at = (s: number | null) =>
            withProfile(c, {
              ...c.profile,
              step2ck: s === null ? { score: null } : { score: s, attempts: 1 },
            });
          const a = at(x);
          const b = at(y);
          const ra = standingRank(assessmentOf(a.profile, c.specialty).standing);
          const rb_ = standingRank(assessmentOf(b.profile, c.specialty).standing);
          if (ra > rb_) expectNoHigher(a, b, `standing ${ra} vs ${rb_}`);
          if (rb_ > ra) expectNoHigher(b, a, `standing ${rb_} vs ${ra}`);
        }),
        RUNS,
      );
    },
    SLOW,
  );
});

const tierRank = (t: PlannedProgram["tier"]) => PROGRAM_TIERS.indexOf(t);

function listsOf(p: ProgramPlan): PlannedProgram[][] {
  return [p.programs, ...(p.parallel ? [p.parallel.programs] : [])];
}

describe("lists explain themselves", () => {
  it(
    "tiers follow the odds they are read from: cut-offs in data, and a list sorted by odds is sorted by tier",
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const p = planOf(c);
          expect(p.tierLegend.entries.map((e) => e.tier)).toEqual([...PROGRAM_TIERS]);
          for (const list of listsOf(p)) {
            list.forEach((row, i) => {
              expect(row.tier).toBe(tierOf(data.model.tiers, row.pInterview.estimate));
              const prev = list[i - 1];
              if (prev) {
                expect(prev.pInterview.estimate).toBeGreaterThanOrEqual(row.pInterview.estimate);
                expect(tierRank(prev.tier)).toBeLessThanOrEqual(tierRank(row.tier));
              }
            });
          }
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "every list gives its count, whether it comes from the guides or the optimiser, and the constraint that bound it",
    () => {
      const words = {
        budget: /budget/,
        "guide-minimum": /guides' minimum/,
        "stopping-threshold": /stopping threshold/,
        "catalog-size": /every program of the catalog/,
      } as const;
      fc.assert(
        fc.property(caseArb, (c) => {
          const p = planOf(c);
          const schedule = scheduleFor(data.fees, p.season);
          const lists = [
            { count: p.count, programs: p.programs, candidates: null as number | null },
            ...(p.parallel
              ? [
                  {
                    count: p.parallel.count,
                    programs: p.parallel.programs,
                    candidates: p.parallel.candidates,
                  },
                ]
              : []),
          ];
          expect(p.recommendedCount).toBe(p.programs.length);
          expect(p.comparison.startsWith(p.count.text)).toBe(true);
          expect(p.count.from).toBe(p.guideAdvice ? "guides" : "optimiser");
          for (const { count, programs } of lists) {
            expect(count.programs).toBe(programs.length);
            expect(["guides", "optimiser"]).toContain(count.from);
            expect(count.text).toMatch(count.from === "guides" ? /The guides advise/ : /no program count/);
            expect(count.text).toMatch(words[count.binding]);
            if (count.binding === "budget") {
              expect(count.budgetUsd).not.toBeNull();
              expect(specialtyFee(schedule, programs.length + 1)).toBeGreaterThan(
                count.budgetUsd ?? Infinity,
              );
            }
            if (count.tooSmall) expect(count.text).toMatch(/is too small for a sensible/);
          }
          expect(p.costUsd).toBeLessThanOrEqual(c.budgetUsd ?? Infinity);
          if (p.programs.length > 0) expect(p.pMatch).not.toBeNull();
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "with budget room the list reaches the guides' minimum (A1) where the guides give one",
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const p = planOf(c);
          if (!p.guideAdvice) return;
          const pathway =
            p.parallel !== null &&
            rb.specialties.get(c.specialty)?.alternativePathway?.via === p.parallel.specialty;
          const total = p.programs.length + (pathway ? (p.parallel?.programs.length ?? 0) : 0);
          const bound = [p.count, ...(pathway && p.parallel ? [p.parallel.count] : [])].some(
            (x) => x.binding === "budget" || x.binding === "catalog-size",
          );
          if (!bound) expect(total).toBeGreaterThanOrEqual(p.guideAdvice.min);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "every signal of the scheme is spent when the list has enough programs that a signal would lift",
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const p = planOf(c);
          const sp = rb.specialties.get(c.specialty) as Specialty;
          const scheme = sp.signals.value;
          if (!scheme || !p.signals) return;
          const { gold, silver } = signalCounts(scheme);
          const min = data.model.signals.minimumSignalledOdds.value;
          const shared =
            p.parallel && scheme.scheme === "gold-silver" && scheme.sharedWith === p.parallel.specialty;
          const rows = [
            ...p.programs.map((r) => ({ r, sp })),
            ...(shared && p.parallel
              ? p.parallel.programs.map((r) => ({ r, sp: rb.specialties.get(r.specialty) as Specialty }))
              : []),
          ];
          const byId = new Map(rows.map(({ r, sp: s }) => [r.id, { r, s }]));
          let eligible = 0;
          for (const { r, s } of byId.values()) {
            const program = (data.bySpecialty.get(s.id) ?? []).find((x) => x.id === r.id);
            if (!program) continue;
            const odds = estimateInterviewOdds(
              program,
              applicantShift(rb, data.model, c.profile, s, AS_OF),
              oddsContext(rb, data, s, c.profile),
              data.model,
            );
            if (odds.signalled && Math.min(odds.signalled.gold, odds.signalled.silver) >= min) eligible++;
          }
          if (eligible >= gold + silver) {
            expect(p.signals.gold).toBe(gold);
            expect(p.signals.silver).toBe(silver);
          }
        }),
        { numRuns: PROPERTY_RUNS },
      );
    },
    SLOW,
  );
});

describe("advice fits the person", () => {
  it(
    "no IMG-only wording for US graduates, no radiology wording outside radiology, no numeric-Step-1 scenario for a pass/fail Step 1, no clerkship honours after graduation, no improvement story without an improvement",
    () => {
      const specialties = [...rb.specialties.keys()];
      fc.assert(
        fc.property(caseArb, fc.constantFrom(...specialties), (c, specialty) => {
          const found = misfits(c.profile, specialty, adviceTexts(c.profile, specialty));
          if (found.length > 0)
            throw new Error(`${found.join("\n")}\nprofile: ${JSON.stringify(c.profile)} in ${specialty}`);
        }),
        RUNS,
      );
    },
    SLOW,
  );
});

describe("no practice-exam forecast once the score is in", () => {
  it("a passed Step 2 CK refuses a forecast; no score or a failed one still gets it", () => {
    const passing = step2ckPassingScore(rb, null);
    const log = [{ date: "2026-11-01", kind: "nbme" as const, form: 13, score: 240 }];
    fc.assert(
      fc.property(caseArb, (c) => {
        const score = c.profile.step2ck.score;
        const r = forecastScore(rb, { log, target: 250, asOf: AS_OF, step2ckScore: score });
        if (score !== null && score >= passing) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "inconsistent", path: "step2ckScore" });
        } else expect(r.ok).toBe(true);
      }),
      RUNS,
    );
  });
});

it("the properties cover every specialty that shows a P(match)", () => {
  expect(PMATCH_SPECIALTIES.length).toBeGreaterThan(10);
  for (const id of ["diagnostic-radiology", "interventional-radiology", "internal-medicine", "psychiatry"])
    expect(PMATCH_SPECIALTIES).toContain(id);
});
