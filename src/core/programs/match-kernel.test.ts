import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileKernel, kernelModuleText, OUT_PATH } from "../../../scripts/build-kernel.mjs";
import { wasmInterviewDistribution, wasmKernelAvailable, wasmKernelSums } from "./match-kernel.ts";
import {
  jsInterviewDistribution,
  jsKernelSums,
  type KernelInput,
  type KernelSums,
  kernelSums,
  matchCurveForList,
  pMatchForList,
} from "./match-probability.ts";

/**
 * The WebAssembly kernel must be the JavaScript kernel, bit for bit: every sum, on any list the
 * planner can hand it (programs with no chance, a scale of 0, lists shorter and longer than the
 * interview cap, one program, a cap of 1), in both modes. And the binary the core carries must be
 * the one its text compiles to.
 */
const sameBits = (a: Float64Array | null, b: Float64Array | null): boolean =>
  a === null || b === null ? a === b : a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

const sameSums = (a: KernelSums, b: KernelSums) =>
  sameBits(a.perDraw, b.perDraw) &&
  sameBits(a.noneSum, b.noneSum) &&
  sameBits(a.pmSum, b.pmSum) &&
  sameBits(a.prefixPerDraw, b.prefixPerDraw);

const probability = fc.double({ min: 0, max: 1, noNaN: true });
const kernelInput: fc.Arbitrary<KernelInput> = fc
  .record({
    maxInterviews: fc.integer({ min: 1, max: 40 }),
    pairs: fc.integer({ min: 1, max: 24 }),
    programs: fc.array(
      fc.record({
        // log-odds from hopeless to near-certain, and no chance at all (e^-l = +Infinity)
        logit: fc.oneof(fc.double({ min: -12, max: 8, noNaN: true }), fc.constant(Number.NEGATIVE_INFINITY)),
        scale: fc.oneof(fc.constant(1), fc.constant(0), probability),
      }),
      { minLength: 1, maxLength: 90 },
    ),
    strength: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
    prefix: fc.boolean(),
  })
  .chain((r) =>
    fc.array(probability, { minLength: r.maxInterviews + 1, maxLength: r.maxInterviews + 1 }).map((m) => ({
      expNegL: Float64Array.from(r.programs, (p) =>
        p.logit === Number.NEGATIVE_INFINITY || p.scale === 0 ? Number.POSITIVE_INFINITY : Math.exp(-p.logit),
      ),
      scale: Float64Array.from(r.programs, (p) => p.scale),
      m: Float64Array.from(m),
      expNegU: Float64Array.from({ length: 2 * r.pairs }, (_, j) =>
        Math.exp(-r.strength * (((j + 0.5) / (2 * r.pairs)) * 4 - 2)),
      ),
      maxInterviews: r.maxInterviews,
      prefix: r.prefix,
    })),
  );

describe("the WebAssembly P(match) kernel", () => {
  it("runs here (Node 20 has WebAssembly with SIMD)", () => {
    expect(wasmKernelAvailable()).toBe(true);
  });

  it("gives the JavaScript kernel's sums bit for bit on generated lists", () => {
    fc.assert(
      fc.property(kernelInput, (x) => {
        const wasm = wasmKernelSums(x);
        return wasm !== null && sameSums(wasm, jsKernelSums(x));
      }),
      { numRuns: 400 },
    );
  });

  it("leaves to the JavaScript kernel what it does not take: an odd number of draws, an empty list", () => {
    const x: KernelInput = {
      expNegL: Float64Array.of(1, 2, 3),
      scale: Float64Array.of(1, 1, 1),
      m: Float64Array.of(0, 0.5, 0.9),
      expNegU: Float64Array.of(0.5, 1, 2),
      maxInterviews: 2,
      prefix: true,
    };
    expect(wasmKernelSums(x)).toBeNull();
    expect(wasmKernelSums({ ...x, expNegL: new Float64Array(0), scale: new Float64Array(0) })).toBeNull();
    expect(wasmInterviewDistribution(x)).toBeNull();
    // and the answer is still the kernel's
    expect(sameSums(kernelSums(x), jsKernelSums(x))).toBe(true);
  });

  it("gives the JavaScript distribution of the interview count bit for bit, programs with no chance included", () => {
    fc.assert(
      fc.property(kernelInput, (x) => sameBits(wasmInterviewDistribution(x), jsInterviewDistribution(x))),
      { numRuns: 300 },
    );
  });

  it("is what matchCurveForList answers with, prefixes included, for the model's draws and cap", () => {
    const opts = { strengthSd: 0.95, draws: 32, maxInterviews: 30, rangeQuantiles: { low: 0.1, high: 0.9 } };
    const curve = {
      specialty: "test",
      matchRate: 0.5,
      byInterviews: Float64Array.from({ length: 26 }, (_, k) => 1 - 0.8 ** k),
    };
    const logits = Array.from({ length: 120 }, (_, i) => -4 + (i % 17) * 0.3);
    const scales = logits.map((_, i) => (i % 5 === 0 ? 0.73 : 1));
    const r = matchCurveForList(logits, curve, opts, false, scales);
    // The list cut after 37 programs, from the prefixes, is the list of its first 37 alone.
    const cut = matchCurveForList(logits.slice(0, 37), curve, opts, true, scales.slice(0, 37));
    expect(sameBits(r.prefixPerDraw?.slice(36 * 32, 37 * 32) ?? null, cut.perDraw)).toBe(true);
    expect(r.meanByCount[36]).toBe(cut.final.estimate);
    // More programs never lower P(match) or P(≥ 1 interview).
    for (let i = 1; i < logits.length; i++) {
      expect(r.meanByCount[i] as number).toBeGreaterThanOrEqual((r.meanByCount[i - 1] as number) - 1e-15);
      expect(r.atLeastOneInterview[i] as number).toBeGreaterThanOrEqual(
        r.atLeastOneInterview[i - 1] as number,
      );
    }
  });

  it("gives pMatchForList the estimate matchCurveForList reads, bit for bit, and leaves the curve as it was", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 6, noNaN: true }), { minLength: 0, maxLength: 120 }),
        fc.array(probability, { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 24 }).map((p) => 2 * p - (p % 3 === 0 ? 1 : 0)),
        fc.boolean(),
        (logits, byK, maxInterviews, draws, scaled) => {
          const opts = { strengthSd: 0.95, draws, maxInterviews, rangeQuantiles: { low: 0.1, high: 0.9 } };
          const curve = { specialty: "test", matchRate: 0.5, byInterviews: Float64Array.from(byK) };
          const before = Float64Array.from(curve.byInterviews);
          const scales = scaled ? logits.map((_, i) => (i % 4 === 0 ? 0.5 : 1)) : undefined;
          const full = matchCurveForList(logits, curve, opts, true, scales).final.estimate;
          // Twice: the second reads the curve's terms as the first kept them.
          expect(Object.is(pMatchForList(logits, curve, opts, scales), full)).toBe(true);
          expect(Object.is(pMatchForList(logits, curve, opts, scales), full)).toBe(true);
          expect(sameBits(curve.byInterviews, before)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is carried as the binary its text compiles to", async () => {
    const bytes = await compileKernel();
    expect(readFileSync(OUT_PATH, "utf8")).toBe(kernelModuleText(bytes));
  });
});
