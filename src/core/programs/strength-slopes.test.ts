import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { pooledSlope } from "./strength-slopes.ts";

/**
 * The pooled slope is made once per loaded data and settings: asked again, or asked of an equal
 * copy of the data (which the memo has never seen), it is the same slope.
 */
const co = repositoryRulebook().chartingOutcomes;

describe("pooledSlope", () => {
  for (const measure of ["step2ck", "research"] as const)
    for (const minGroupSize of [1, 30, 200])
      it(`${measure}, groups of at least ${minGroupSize}: the remembered slope is the slope fitted afresh`, () => {
        const first = pooledSlope(co, measure, minGroupSize);
        const again = pooledSlope(co, measure, minGroupSize);
        const afresh = pooledSlope(structuredClone(co), measure, minGroupSize);
        expect(again).toEqual(first);
        expect(afresh).toEqual(first);
        expect(Object.is(afresh.perUnit, first.perUnit)).toBe(true);
      });

  it("tells settings apart, and an answer changed by its caller changes no later one", () => {
    const loose = pooledSlope(co, "step2ck", 1);
    const strict = pooledSlope(co, "step2ck", 200);
    expect(strict.specialtiesUsed).toBeLessThan(loose.specialtiesUsed);
    expect(pooledSlope(co, "research", 1).perUnit).not.toBe(loose.perUnit);
    const want = { ...loose };
    loose.perUnit = 0;
    expect(pooledSlope(co, "step2ck", 1)).toEqual(want);
  });
});
