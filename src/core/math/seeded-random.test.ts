import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "./normal.ts";
import { permutation, seededRandom } from "./seeded-random.ts";

const draws = (seed: number, n: number, f: (r: ReturnType<typeof seededRandom>) => number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => f(r));
};

describe("the seeded random source", () => {
  it("gives the same numbers for the same seed and other numbers for another", () => {
    const mixed = (r: ReturnType<typeof seededRandom>) => r.next() + r.int(1000) + r.gaussian();
    expect(draws(42, 200, mixed)).toEqual(draws(42, 200, mixed));
    expect(draws(42, 200, mixed)).not.toEqual(draws(43, 200, mixed));
  });

  it("draws uniforms on [0, 1) and integers on [0, n)", () => {
    const r = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = r.int(13);
      expect(Number.isInteger(k) && k >= 0 && k < 13).toBe(true);
    }
  });

  it("shuffles into a permutation", () => {
    const p = permutation(500, seededRandom(3));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});

describe("its normal draws (ziggurat)", () => {
  // 400,000 draws from a fixed seed: the bounds below are about four standard errors wide, so a
  // wrong layer table, a lost sign or a missing tail moves a statistic well past them.
  const n = 400_000;
  const xs = Float64Array.from(draws(2026, n, (r) => r.gaussian()));
  const sorted = Float64Array.from(xs).sort();

  it("have mean 0, variance 1, no skew and the normal's kurtosis", () => {
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (const x of xs) {
      s1 += x;
      s2 += x * x;
      s3 += x ** 3;
      s4 += x ** 4;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(s3 / n)).toBeLessThan(4 * Math.sqrt(15 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });

  it("follow the normal distribution function (Kolmogorov–Smirnov, and 50 equally likely bins)", () => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const F = normalCdf(sorted[i] as number);
      d = Math.max(d, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    // The 0.1% critical value of the KS statistic is 1.95 / √n.
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
    const bins = 50;
    const edges = Array.from({ length: bins - 1 }, (_, i) => normalQuantile((i + 1) / bins));
    const counts = new Array<number>(bins).fill(0);
    let b = 0;
    for (const x of sorted) {
      while (b < bins - 1 && x >= (edges[b] as number)) b++;
      counts[b] = (counts[b] as number) + 1;
    }
    const expected = n / bins;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // χ² with 49 degrees of freedom: 85.35 is its 0.1% critical value.
    expect(chi2).toBeLessThan(85.35);
  });

  it("reach the tails as often as the normal does, on both sides", () => {
    // Beyond 3.4426 the ziggurat draws from its tail method; beyond 2 from its wedges and rectangles.
    for (const z of [2, 3, 3.4426, 4]) {
      const p = 1 - normalCdf(z);
      const sd = Math.sqrt(n * p * (1 - p));
      const above = xs.filter((x) => x > z).length;
      const below = xs.filter((x) => x < -z).length;
      expect(Math.abs(above - n * p)).toBeLessThan(4 * sd + 1);
      expect(Math.abs(below - n * p)).toBeLessThan(4 * sd + 1);
    }
    expect(Math.abs((sorted[0] as number) + (sorted[n - 1] as number))).toBeLessThan(2);
    expect(sorted[n - 1] as number).toBeGreaterThan(4);
  });
});
