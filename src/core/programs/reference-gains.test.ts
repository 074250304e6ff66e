import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { applicantShift } from "./applicant-shift.ts";
import { estimateInterviewOdds } from "./interview-odds.ts";
import { curveFor, kernelOptions } from "./kernel-options.ts";
import type { MatchCurve } from "./match-given-interviews.ts";
import { matchCurveForList } from "./match-probability.ts";
import { oddsContext } from "./odds-context.ts";
import { referenceGains } from "./reference-gains.ts";

/**
 * The typical applicant's gains are kept per order and served for any prefix of it: every answer
 * must be the number the kernel gives for that prefix alone, bit for bit, whatever was asked before.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const kernel = kernelOptions(data.model);
const asOf = "2026-11-22";
const parse = (x: unknown) => profileSchemaFor(rb).parse(x) as Profile;
const example = JSON.parse(
  readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** The gains of the first `count` programs computed directly, with no memo. */
function uncached(order: readonly number[], count: number, curve: MatchCurve): number[] {
  const means = matchCurveForList(order.slice(0, count), curve, kernel, false).meanByCount;
  return means.map((e, i) => e - (i > 0 ? (means[i - 1] ?? 0) : 0));
}

/** A typical applicant's order over a specialty's programs: base odds, highest first (ties and type vary it). */
function typicalOrder(profile: Profile, specialtyId: string): { order: number[]; curve: MatchCurve } {
  const sp = rb.specialties.get(specialtyId) as Specialty;
  const curve = curveFor(rb, data.model, sp.id, profile.applicantType);
  if (!curve) throw new Error(`no curve for ${specialtyId}`);
  const shift = applicantShift(rb, data.model, profile, sp, asOf);
  const ctx = oddsContext(rb, data, sp, profile);
  const order = (data.bySpecialty.get(sp.id) ?? [])
    .map((p) => estimateInterviewOdds(p, shift, ctx, data.model).baseLogit)
    .filter((l) => l > Number.NEGATIVE_INFINITY)
    .sort((a, b) => b - a);
  return { order, curve };
}

const profiles: Array<[string, Profile, string]> = [
  ["the example non-US IMG in DR", parse(example), "diagnostic-radiology"],
  ["the example with ties to Texas", parse({ ...example, ties: { states: ["TX"] } }), "diagnostic-radiology"],
  [
    "a US MD in internal medicine",
    parse({ ...example, applicantType: "us-md", visa: "none-needed" }),
    "internal-medicine",
  ],
  [
    "a DO in family medicine",
    parse({ ...example, applicantType: "do", visa: "none-needed" }),
    "family-medicine",
  ],
  ["a non-US IMG in pediatrics", parse(example), "pediatrics"],
];

describe("reference gains", () => {
  it("a prefix's P(match) read from the whole curve is the shorter list's own, bit for bit", () => {
    const curve = curveFor(rb, data.model, "diagnostic-radiology", "non-us-img");
    if (!curve) throw new Error("no curve");
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -9, max: 4, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (logits, cut) => {
          const n = 1 + (cut % logits.length);
          const whole = matchCurveForList(logits, curve, kernel, false).meanByCount;
          const alone = matchCurveForList(logits.slice(0, n), curve, kernel, false).meanByCount;
          expect(whole.slice(0, n)).toEqual(alone);
          expect(Object.is(whole[n - 1], alone[n - 1])).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  for (const [name, profile, specialty] of profiles)
    it(`for ${name} (${specialty}), gains from the memo equal gains computed without it, in any order of asking`, () => {
      const { order, curve } = typicalOrder(profile, specialty);
      const counts = [
        Math.min(order.length, 25),
        order.length,
        Math.min(order.length, 7),
        Math.min(order.length, 60),
        order.length + 10,
        1,
      ];
      for (const count of counts) {
        const got = referenceGains(order, count, curve, kernel);
        const want = uncached(order, Math.min(count, order.length), curve);
        expect(got.length).toBe(want.length);
        for (let i = 0; i < want.length; i++) expect(Object.is(got[i], want[i])).toBe(true);
      }
    });

  it("another order never reads an entry it does not own, and an answer changed by its caller changes no later one", () => {
    const { order, curve } = typicalOrder(parse(example), "diagnostic-radiology");
    const swapped = [...order];
    [swapped[0], swapped[1]] = [swapped[1] as number, swapped[0] as number];
    const first = referenceGains(order, 40, curve, kernel);
    const want = [...first];
    first.fill(0);
    expect(referenceGains(order, 40, curve, kernel)).toEqual(want);
    if (swapped[0] !== order[0]) {
      const other = referenceGains(swapped, 40, curve, kernel);
      expect(other).toEqual(uncached(swapped, 40, curve));
      expect(other).not.toEqual(want);
    }
  });
});
