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

/**
 * Evaluates a condition. A comparison against a missing (null) fact is false, except `eq null`
 * and `ne` — so "Step 2 CK ≥ 235" is false when the exam has not been taken.
 */
export function evaluate(c: Condition, facts: Facts): boolean {
  if ("all" in c) return c.all.every((x) => evaluate(x, facts));
  if ("any" in c) return c.any.some((x) => evaluate(x, facts));
  if ("not" in c) return !evaluate(c.not, facts);
  const actual = facts[c.fact];
  if (actual === undefined) throw new Error(`Unknown fact "${c.fact}" in rule condition`);
  const expected = c.value;
  switch (c.op) {
    case "eq":
      return actual === expected;
    case "ne":
      return actual !== expected;
    case "in":
      return Array.isArray(expected) && expected.includes(actual as Scalar);
    case "notIn":
      return Array.isArray(expected) && !expected.includes(actual as Scalar);
    default: {
      if (typeof actual !== "number" || typeof expected !== "number") return false;
      if (c.op === "lt") return actual < expected;
      if (c.op === "lte") return actual <= expected;
      if (c.op === "gt") return actual > expected;
      return actual >= expected;
    }
  }
}
