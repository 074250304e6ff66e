import { describe, expect, it } from "vitest";
import { evaluate, evaluateTruth, factsRead } from "./condition.ts";

describe("condition language", () => {
  const facts = { step2ck: 236, examFailures: 0, standing: "borderline", step3Taken: false, missing: null };

  it("compares numbers on both sides of an edge", () => {
    expect(evaluate({ fact: "step2ck", op: "gte", value: 236 }, facts)).toBe(true);
    expect(evaluate({ fact: "step2ck", op: "gte", value: 237 }, facts)).toBe(false);
    expect(evaluate({ fact: "step2ck", op: "lt", value: 236 }, facts)).toBe(false);
    expect(evaluate({ fact: "step2ck", op: "lte", value: 236 }, facts)).toBe(true);
  });

  it("treats a comparison with a missing value as false", () => {
    expect(evaluate({ fact: "missing", op: "gte", value: 0 }, facts)).toBe(false);
    expect(evaluate({ fact: "missing", op: "lt", value: 300 }, facts)).toBe(false);
    expect(evaluate({ fact: "missing", op: "eq", value: null }, facts)).toBe(true);
  });

  it("calls a comparison with a missing value unknown, and a rule on it does not fire", () => {
    expect(evaluateTruth({ fact: "missing", op: "gte", value: 235 }, facts)).toBeNull();
    expect(evaluateTruth({ fact: "missing", op: "in", value: ["strong"] }, facts)).toBeNull();
    expect(evaluateTruth({ fact: "missing", op: "ne", value: 235 }, facts)).toBeNull();
    expect(evaluateTruth({ not: { fact: "missing", op: "lt", value: 235 } }, facts)).toBeNull();
    expect(evaluateTruth({ fact: "missing", op: "ne", value: null }, facts)).toBe(false);
    expect(evaluate({ not: { fact: "missing", op: "lt", value: 235 } }, facts)).toBe(false);
  });

  it("combines unknowns as three-valued logic: a known false part decides all, a known true part decides any", () => {
    const unknown = { fact: "missing", op: "gte" as const, value: 235 };
    const yes = { fact: "examFailures", op: "eq" as const, value: 0 };
    const no = { fact: "examFailures", op: "gt" as const, value: 0 };
    expect(evaluateTruth({ all: [unknown, no] }, facts)).toBe(false);
    expect(evaluateTruth({ all: [unknown, yes] }, facts)).toBeNull();
    expect(evaluateTruth({ any: [unknown, yes] }, facts)).toBe(true);
    expect(evaluateTruth({ any: [unknown, no] }, facts)).toBeNull();
  });

  it("combines with all, any and not", () => {
    const c = {
      all: [
        { fact: "step2ck", op: "gte" as const, value: 235 },
        { not: { fact: "examFailures", op: "gt" as const, value: 0 } },
      ],
    };
    expect(evaluate(c, facts)).toBe(true);
    expect(evaluate({ any: [] }, facts)).toBe(false);
    expect(evaluate({ all: [] }, facts)).toBe(true);
    expect(evaluate({ fact: "standing", op: "in", value: ["low", "borderline"] }, facts)).toBe(true);
    expect(evaluate({ fact: "standing", op: "notIn", value: ["low", "borderline"] }, facts)).toBe(false);
  });

  it("refuses unknown facts instead of guessing", () => {
    expect(() => evaluate({ fact: "nope", op: "eq", value: 1 }, facts)).toThrow(/Unknown fact/);
  });

  it("lists the facts a condition reads", () => {
    expect(
      factsRead({ any: [{ fact: "a", op: "eq", value: 1 }, { not: { fact: "b", op: "eq", value: 2 } }] }),
    ).toEqual(["a", "b"]);
  });
});
