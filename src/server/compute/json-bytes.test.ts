import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctPlanBodies } from "../../../bench/distinct-bodies.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { requestSchemas } from "../schemas/request-schemas.ts";
import { type PlanRequest, programList } from "./compute-tasks.ts";
import { jsonBytes } from "./json-bytes.ts";

/** What the server sent before: the text of JSON.stringify, encoded as UTF-8. */
const reference = (value: unknown) => Buffer.from(new TextEncoder().encode(JSON.stringify(value)));
const same = (value: unknown) => Buffer.from(jsonBytes(value)).equals(reference(value));

describe("a result's JSON bytes", () => {
  it("are JSON.stringify's bytes for generated values: nested objects, arrays, any string", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 5, withNullPrototype: true, withObjectString: true }), (v) =>
        same(v),
      ),
      { numRuns: 2_000 },
    );
  });

  it("are JSON.stringify's bytes when one object appears in several places", () => {
    const leaf = fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.constant(undefined), fc.boolean());
    fc.assert(
      fc.property(fc.array(leaf, { maxLength: 5 }), fc.dictionary(fc.string(), leaf), (list, record) => {
        const shared = { list, record, text: "a – b × c ≥ d — e" };
        return same({
          top: shared,
          again: { inner: shared, list: shared.list, deeper: { x: { y: shared } } },
          list,
          rows: [shared, shared, list],
        });
      }),
      { numRuns: 500 },
    );
  });

  it("leave out what JSON.stringify leaves out and write what it writes in its place", () => {
    const value = {
      a: undefined,
      f: () => 1,
      s: Symbol("s"),
      n: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      negZero: -0,
      list: [undefined, () => 1, Number.NaN, null],
      date: new Date(Date.UTC(2026, 10, 22)),
      nested: { b: undefined, c: { d: undefined, e: [1, "é"] }, when: new Date(0) },
      custom: { toJSON: (key: string) => `custom at ${key}` },
      deep: { custom: { toJSON: (key: string) => ({ key, z: "ž" }) } },
      lone: "\ud800 and \udfff",
      empty: {},
      none: [],
    };
    expect(Buffer.from(jsonBytes(value)).toString("utf8")).toBe(JSON.stringify(value));
    expect(same(value)).toBe(true);
    for (const top of [null, 0, "text – with a dash", [1, [2]], true]) expect(same(top)).toBe(true);
  });

  it("are an ArrayBuffer of their own, so they can move to another thread", () => {
    const bytes = jsonBytes({ a: "x".repeat(10) });
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });

  it("are JSON.stringify's bytes for 400 distinct program lists (PGY-1 lists, dashes in names)", () => {
    const rb = repositoryRulebook();
    const data = repositoryProgramData();
    const schema = requestSchemas(rb, data).planBody;
    let withPgy1 = 0;
    for (const body of distinctPlanBodies(400)) {
      const plan = programList(rb, data, schema.parse(body) as PlanRequest);
      if (!plan.ok) throw new Error("a bench body gives no plan");
      const bytes = Buffer.from(jsonBytes(plan.value));
      expect(bytes.equals(reference(plan.value))).toBe(true);
      expect(JSON.parse(bytes.toString("utf8"))).toEqual(JSON.parse(JSON.stringify(plan.value)));
      if (plan.value.pgy1Signals !== null && plan.value.supplementalPgy1.length > 0) withPgy1++;
    }
    // Plans with a signed PGY-1 list (the largest answers) are among them.
    expect(withPgy1).toBeGreaterThan(0);
  }, 120_000);
});
