import type { Rule, RuleValueRef } from "../rulebook/schemas.ts";

/**
 * Reads a number the guides give from a rule's `values` instead of copying it into data or
 * code. `{ rule: "P5", path: "fullTime.hoursPerDay", pick: "min" }` is P5's lower daily hours.
 * The loader checks every reference in `data/facts/study-*.yaml` resolves (pass two), so a
 * failing look-up here is a bug and throws.
 */
export interface Range {
  min: number;
  max: number;
}

/** The raw value at a reference, or `undefined` when the rule or the path does not exist. */
export function lookupRef(rules: readonly Rule[], ref: Pick<RuleValueRef, "rule" | "path">): unknown {
  const rule = rules.find((r) => r.id === ref.rule);
  if (rule?.kind !== "guidance") return undefined;
  let at: unknown = rule.values;
  for (const key of ref.path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function isRange(v: unknown): v is Range {
  return (
    v !== null &&
    typeof v === "object" &&
    typeof (v as Range).min === "number" &&
    typeof (v as Range).max === "number"
  );
}

/** Why a reference does not resolve to what its `pick` needs; `null` when it does. */
export function refProblem(rules: readonly Rule[], ref: RuleValueRef): string | null {
  const rule = rules.find((r) => r.id === ref.rule);
  if (!rule) return `refers to unknown rule "${ref.rule}"`;
  if (rule.kind !== "guidance") return `rule ${ref.rule} is a ${rule.kind} rule and has no values`;
  const v = lookupRef(rules, ref);
  if (v === undefined) return `rule ${ref.rule} has no value at "${ref.path}"`;
  if (ref.pick && !isRange(v) && typeof v !== "number")
    return `"pick: ${ref.pick}" needs a number or a { min, max } range at ${ref.rule} ${ref.path}`;
  return null;
}

function resolved(rules: readonly Rule[], ref: RuleValueRef): unknown {
  const v = lookupRef(rules, ref);
  if (v === undefined) throw new Error(`Unresolved reference ${ref.rule} ${ref.path}`);
  return v;
}

/** A single number: a number value, or one end (or the middle) of a range per `pick`. */
export function refNumber(rules: readonly Rule[], ref: RuleValueRef): number {
  const v = resolved(rules, ref);
  if (typeof v === "number") return v;
  if (isRange(v)) {
    if (ref.pick === "max") return v.max;
    if (ref.pick === "mid") return (v.min + v.max) / 2;
    return v.min;
  }
  throw new Error(`${ref.rule} ${ref.path} is not a number`);
}

/** A range; a single number reads as the range from it to itself. */
export function refRange(rules: readonly Rule[], ref: RuleValueRef): Range {
  const v = resolved(rules, ref);
  if (typeof v === "number") return { min: v, max: v };
  if (isRange(v)) return { min: v.min, max: v.max };
  throw new Error(`${ref.rule} ${ref.path} is not a range`);
}

export function refList<T = unknown>(rules: readonly Rule[], ref: RuleValueRef): T[] {
  const v = resolved(rules, ref);
  if (!Array.isArray(v)) throw new Error(`${ref.rule} ${ref.path} is not a list`);
  return v as T[];
}

export function refRecord(rules: readonly Rule[], ref: RuleValueRef): Record<string, unknown> {
  const v = resolved(rules, ref);
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new Error(`${ref.rule} ${ref.path} is not a record`);
  return v as Record<string, unknown>;
}

/** Every `{ rule, path }` object anywhere in a parsed data file, with its dotted path. */
export function collectRefs(value: unknown, path = ""): Array<{ path: string; ref: RuleValueRef }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectRefs(v, path ? `${path}.${i}` : `${i}`));
  if (value === null || typeof value !== "object") return [];
  const o = value as Record<string, unknown>;
  if (typeof o.rule === "string" && typeof o.path === "string") return [{ path, ref: o as RuleValueRef }];
  return Object.entries(o).flatMap(([k, v]) => collectRefs(v, path ? `${path}.${k}` : k));
}
