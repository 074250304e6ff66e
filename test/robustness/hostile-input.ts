import fc from "fast-check";

/**
 * Generators of malformed and hostile profiles: a valid profile with one field corrupted
 * (wrong type, out of range, huge string, odd unicode, deep nesting, unknown field), or
 * anything at all. Shared by the core and API fuzz tests.
 */
export const VALID_PROFILE = {
  applicantType: "non-us-img",
  graduationYear: 2021,
  visa: "j1",
  step1: { outcome: "pass", attempts: 1 },
  step2ck: { score: 236, attempts: 1 },
  usce: { handsOnMonths: 3, observershipMonths: 2, specialtyMonths: 2 },
  research: { items: 3, specialtyItems: 2, firstAuthor: 1, presentations: 1 },
  letters: { total: 3, specialty: 2, us: 2 },
  homeProgram: false,
  ties: { states: ["MI"] },
  preferences: { states: ["OH"], regions: ["East North Central"], budgetUsd: 3000 },
} as const;

const PATHS = [
  ["applicantType"],
  ["graduationYear"],
  ["visa"],
  ["step1"],
  ["step1", "outcome"],
  ["step1", "attempts"],
  ["step1", "score"],
  ["step2ck"],
  ["step2ck", "score"],
  ["step2ck", "attempts"],
  ["step2ck", "plannedDate"],
  ["usce", "handsOnMonths"],
  ["research", "items"],
  ["letters", "specialty"],
  ["ties", "states"],
  ["preferences", "budgetUsd"],
  ["preferences", "regions"],
] as const;

const deep = (depth: number): unknown => (depth === 0 ? "x" : { a: deep(depth - 1) });

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, -1, 0, 301, 1e-9),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(
    "\u0000",
    "\u202e",
    "𝒳",
    "\ud800",
    "<script>alert(1)</script>",
    "'; drop table plans; --",
    "x".repeat(100_000),
  ),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 5 }),
  fc.integer({ min: 1, max: 2000 }).map(deep),
);

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object") node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** A valid profile (`base`) with one field replaced, or an unknown field added, or anything at all. */
export function hostileProfileFrom(base: object): fc.Arbitrary<{ input: unknown; corrupted: string | null }> {
  return fc.oneof(
    fc.record({ path: fc.constantFrom(...PATHS), value: hostileValue }).map(({ path, value }) => {
      const p = structuredClone(base) as Record<string, unknown>;
      setPath(p, path, value);
      return { input: p, corrupted: path.join(".") };
    }),
    fc
      .record({
        key: fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(k in base) && k !== "__proto__"),
        value: hostileValue,
      })
      .map(({ key, value }) => ({ input: { ...structuredClone(base), [key]: value }, corrupted: key })),
    fc.anything({ maxDepth: 4 }).map((input) => ({ input, corrupted: null })),
  );
}

export const hostileProfile = hostileProfileFrom(VALID_PROFILE);

/** A valid profile whose Step 2 CK is still to be taken (what the study planner plans for). */
export const VALID_PROFILE_BEFORE_STEP2 = {
  ...VALID_PROFILE,
  step2ck: { score: null, attempts: 0, plannedDate: "2027-06-15" },
};
