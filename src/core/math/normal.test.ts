import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logistic, logit, normalCdf, normalQuantile, wilsonInterval } from "./normal.ts";

describe("normal functions", () => {
  it("match known values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.281552, 5);
  });
  it("quantile inverts the CDF", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 5);
      }),
    );
  });
  it("logit and logistic are inverses", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.0001, max: 0.9999, noNaN: true }), (p) => {
        expect(logistic(logit(p))).toBeCloseTo(p, 9);
      }),
    );
  });
});

describe("Wilson interval", () => {
  it("a rate of 0 from few trials is not certainty", () => {
    const few = wilsonInterval(0, 5, 0.8);
    expect(few.low).toBe(0);
    expect(few.high).toBeGreaterThan(0.2);
    const many = wilsonInterval(0, 1000, 0.8);
    expect(many.high).toBeLessThan(few.high);
  });
  it("contains the rate and narrows as trials grow", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5000 }), (r, n) => {
        const a = wilsonInterval(r, n, 0.8);
        const b = wilsonInterval(r, n * 4, 0.8);
        expect(a.low).toBeLessThanOrEqual(r + 1e-12);
        expect(a.high).toBeGreaterThanOrEqual(r - 1e-12);
        expect(b.high - b.low).toBeLessThanOrEqual(a.high - a.low + 1e-12);
      }),
    );
  });
});
