import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { applicantShift } from "./applicant-shift.ts";
import { estimateInterviewOdds, type SpecialtyOddsContext } from "./interview-odds.ts";
import { oddsContext } from "./odds-context.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * Each program remembers where its odds start (its shrunk rate, the sentence, its signal lifts)
 * for the last inputs it was asked with. Odds read through that memory must be the odds worked out
 * afresh, number for number and word for word, for every kind of applicant and after any other
 * applicant or model was asked in between.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-11-22";
const parse = (x: unknown) => profileSchemaFor(rb).parse(x) as Profile;
const example = JSON.parse(
  readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

const cases: Array<[string, Profile, string]> = [
  ["a non-US IMG needing a J-1, tied to Michigan", parse(example), "diagnostic-radiology"],
  ["a non-US IMG relying on an H-1B", parse({ ...example, visa: "h1b" }), "diagnostic-radiology"],
  ["a US MD", parse({ ...example, applicantType: "us-md", visa: "none-needed" }), "internal-medicine"],
  [
    "a DO tied to Texas",
    parse({ ...example, applicantType: "do", visa: "none-needed", ties: { states: ["TX"] } }),
    "family-medicine",
  ],
  ["a US IMG", parse({ ...example, applicantType: "us-img", visa: "none-needed" }), "pediatrics"],
];

/**
 * The same context with a copy of its prior: equal in every number but another object, so no
 * program's memory matches it and every odds is worked out afresh.
 */
const fresh = (ctx: SpecialtyOddsContext): SpecialtyOddsContext => ({
  ...ctx,
  prior: ctx.prior ? { ...ctx.prior } : null,
});

function oddsFor(profile: Profile, specialtyId: string, model: ProgramModel = data.model, afresh = false) {
  const sp = rb.specialties.get(specialtyId) as Specialty;
  const shift = applicantShift(rb, model, profile, sp, asOf);
  const base = oddsContext(rb, data, sp, profile);
  const ctx = afresh ? fresh(base) : base;
  return (data.bySpecialty.get(sp.id) ?? []).map((p) => estimateInterviewOdds(p, shift, ctx, model));
}

/** Deep equality that also tells 0 from −0 and compares every number exactly. */
function sameExactly(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join() !== kb.join()) return false;
  return ka.every((k) => sameExactly((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

describe("interview odds read through each program's memory", () => {
  for (const [name, profile, specialty] of cases)
    it(`for ${name} in ${specialty}, equal the odds worked out afresh, asked once or twice`, () => {
      const first = oddsFor(profile, specialty);
      const again = oddsFor(profile, specialty);
      const afresh = oddsFor(profile, specialty, data.model, true);
      expect(first.length).toBeGreaterThan(0);
      for (let i = 0; i < first.length; i++) {
        expect(sameExactly(again[i], first[i])).toBe(true);
        expect(sameExactly(first[i], afresh[i])).toBe(true);
      }
    });

  it("after another applicant, context or model was asked, each is answered for its own inputs", () => {
    const [, img, spId] = cases[0] as [string, Profile, string];
    const sp = rb.specialties.get(spId) as Specialty;
    const md = parse({ ...example, applicantType: "us-md", visa: "none-needed" });
    const im = data.model.interview;
    const withInterview = (change: Partial<ProgramModel["interview"]>): ProgramModel => ({
      ...data.model,
      interview: { ...im, ...change },
    });
    const ctx = oddsContext(rb, data, sp, img);
    const prior = ctx.prior;
    if (!prior) throw new Error("DR has a prior");
    // Each differs from the applicant as is in exactly one input of the memory, and is asked right
    // after the applicant as is, so a memory that ignored that input would answer with stale odds.
    const variants: Array<[string, Profile, SpecialtyOddsContext, ProgramModel]> = [
      ["another applicant type, on the same context", md, ctx, data.model],
      [
        "a coarser reported precision",
        img,
        ctx,
        withInterview({ reportedPrecision: { ...im.reportedPrecision, value: 0.6 } }),
      ],
      [
        "other fallback signal odds ratios",
        img,
        ctx,
        withInterview({
          signalOddsRatioFallback: { ...im.signalOddsRatioFallback, value: { gold: 9, silver: 7, any: 8 } },
        }),
      ],
      ["another median rate", img, { ...ctx, medianRate: 0.9 }, data.model],
      ["another prior", img, { ...ctx, prior: { ...prior, strength: prior.strength * 5 } }, data.model],
      [
        "other effective applicants",
        img,
        { ...ctx, effectiveApplicants: ctx.effectiveApplicants * 7 },
        data.model,
      ],
      ["no signals", img, { ...ctx, signalsOffered: false }, data.model],
      [
        "another word for a borrowed signal lift",
        img,
        { ...ctx, signalFallbackText: "elsewhere" },
        data.model,
      ],
    ];
    const programs = data.bySpecialty.get(sp.id) ?? [];
    const run = (profile: Profile, c: SpecialtyOddsContext, model: ProgramModel) => {
      const shift = applicantShift(rb, model, profile, sp, asOf);
      return programs.map((p) => estimateInterviewOdds(p, shift, c, model));
    };
    const asIs = run(img, fresh(ctx), data.model);
    const wants = variants.map(([, profile, c, model]) => run(profile, fresh(c), model));
    variants.forEach(([what, profile, c, model], v) => {
      const before = run(img, ctx, data.model);
      const got = run(profile, c, model);
      for (let i = 0; i < programs.length; i++) {
        expect(sameExactly(before[i], asIs[i]), what).toBe(true);
        expect(sameExactly(got[i], wants[v]?.[i]), what).toBe(true);
      }
      expect(
        got.some((o, i) => !sameExactly(o, asIs[i])),
        `${what} changes some program's odds`,
      ).toBe(true);
    });
  });
});
