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

// ── issue 11: the classes of input an attacker probed with ───────────────────

/** Dates at and past the ends of any calendar: year 0, the epoch, 9999, days that do not exist, signed years. */
export const extremeDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "0001-01-01",
    "1000-01-01",
    "1899-12-31",
    "1970-01-01",
    "2014-06-30",
    "2014-07-01",
    "2037-12-31",
    "2038-01-01",
    "2038-01-19",
    "9999-12-31",
    "2026-02-29",
    "2028-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-1-1",
    "+002026-01-01",
    "-000001-01-01",
    "+275760-09-13",
    "2026-06-01T00:00:00Z",
    "２０２６-０１-０１",
  ),
  // Any instant JavaScript can hold, written as an ISO date (years past 9999 get a sign and six digits).
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, d.getUTCFullYear() > 9999 || d.getUTCFullYear() < 0 ? 13 : 10)),
);

/** Text that is not text: a NUL or an unpaired UTF-16 surrogate somewhere in a string. */
export const notText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\u0000\ud83d", "\ude00x"),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** Numbers at the ends of what a double and a database integer hold. */
export const hugeNumber: fc.Arbitrary<number> = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  0.1 + 0.2,
);

/** Numbers JSON can write but a double cannot hold: sent as raw text in place of a number. */
export const HUGE_RAW = ["1e400", "-1e400", "1e-400", "123456789012345678901234567890e300"] as const;

/** Path-traversal spellings: encoded, double-encoded, overlong UTF-8, backslashes, NUL, `..;`. */
export const traversalStep: fc.Arbitrary<string> = fc.constantFrom(
  "../",
  "..%2f",
  "..%2F",
  "%2e%2e/",
  "%2e%2e%2f",
  "%252e%252e%252f",
  "..%5c",
  "..\\",
  "%c0%ae%c0%ae/",
  "%c0%af",
  "..%c0%af",
  "..;/",
  "....//",
  "..%00/",
  "%2e%2e%5c",
  ".%2e/",
);
