import { z } from "zod";

/**
 * A small condition language for rule data: `{ fact, op, value }` leaves combined with
 * `all`, `any` and `not`. Facts are named values derived from a profile (see
 * `assess/derive-facts.ts`); a rule's numeric thresholds live here, in data, with the
 * rule's sources, never in code.
 */
export const COMPARISON_OPS = ["lt", "lte", "gt", "gte", "eq", "ne", "in", "notIn"] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export type Scalar = number | string | boolean | null;

export type Condition =
  | { fact: string; op: ComparisonOp; value: Scalar | Scalar[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      fact: z.string().min(1),
      op: z.enum(COMPARISON_OPS),
      value: z.union([scalar, z.array(scalar)]),
    }),
    z.strictObject({ all: z.array(conditionSchema) }),
    z.strictObject({ any: z.array(conditionSchema) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

export type Facts = Readonly<Record<string, Scalar | readonly Scalar[]>>;

/** Every fact name a condition reads, for the loader's cross-file check. */
export function factsRead(c: Condition): string[] {
  if ("fact" in c) return [c.fact];
  if ("all" in c) return c.all.flatMap(factsRead);
  if ("any" in c) return c.any.flatMap(factsRead);
  return factsRead(c.not);
}

/** A condition's truth: known true, known false, or unknown because a fact it needs is missing. */
export type Truth = boolean | null;

/**
 * Evaluates a condition in three-valued (Kleene) logic. A comparison with a missing (null) fact
 * is unknown — "Step 2 CK ≥ 235" is neither true nor false before the exam is taken — except
 * `eq null` / `ne null`, which ask whether it is missing, and `in` / `notIn` lists that name
 * null. `all` is false if any part is false, else unknown if any part is unknown; `any` is true
 * if any part is true, else unknown if any part is unknown; `not` keeps unknown unknown.
 */
export function evaluateTruth(c: Condition, facts: Facts): Truth {
  if ("all" in c) {
    let unknown = false;
    for (const x of c.all) {
      const t = evaluateTruth(x, facts);
      if (t === false) return false;
      if (t === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if ("any" in c) {
    let unknown = false;
    for (const x of c.any) {
      const t = evaluateTruth(x, facts);
      if (t === true) return true;
      if (t === null) unknown = true;
    }
    return unknown ? null : false;
  }
  if ("not" in c) {
    const t = evaluateTruth(c.not, facts);
    return t === null ? null : !t;
  }
  const actual = facts[c.fact];
  if (actual === undefined) throw new Error(`Unknown fact "${c.fact}" in rule condition`);
  const expected = c.value;
  switch (c.op) {
    case "eq":
      if (actual === null && expected !== null) return null;
      return actual === expected;
    case "ne":
      if (actual === null && expected !== null) return null;
      return actual !== expected;
    case "in":
    case "notIn": {
      if (!Array.isArray(expected)) return false;
      const listed = expected.includes(actual as Scalar);
      if (actual === null && !listed) return null;
      return c.op === "in" ? listed : !listed;
    }
    default: {
      if (actual === null || expected === null) return null;
      if (typeof actual !== "number" || typeof expected !== "number") return false;
      if (c.op === "lt") return actual < expected;
      if (c.op === "lte") return actual <= expected;
      if (c.op === "gt") return actual > expected;
      return actual >= expected;
    }
  }
}

/**
 * Whether a rule whose condition this is fires: only when the condition is known to hold. A
 * rule on a missing fact does not fire (an untaken Step 2 CK is not "below 230").
 */
export function evaluate(c: Condition, facts: Facts): boolean {
  return evaluateTruth(c, facts) === true;
}
