import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctPlanBodies } from "../../../bench/distinct-bodies.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { requestSchemas } from "../schemas/request-schemas.ts";
import { answerRecordTexts } from "./answer-records.ts";
import { type PlanRequest, programList } from "./compute-tasks.ts";
import { jsonBytes, RecordTexts, unchangeable } from "./json-bytes.ts";

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

  it("are JSON.stringify's bytes for 400 distinct program lists (PGY-1 lists, dashes in names), with and without the facts' text kept", () => {
    const rb = repositoryRulebook();
    const data = repositoryProgramData();
    const schema = requestSchemas(rb, data).planBody;
    const records = answerRecordTexts();
    let withPgy1 = 0;
    let rows = 0;
    for (const body of distinctPlanBodies(400)) {
      const plan = programList(rb, data, schema.parse(body) as PlanRequest);
      if (!plan.ok) throw new Error("a bench body gives no plan");
      const expected = reference(plan.value);
      const bytes = Buffer.from(jsonBytes(plan.value));
      expect(bytes.equals(expected)).toBe(true);
      expect(Buffer.from(jsonBytes(plan.value, undefined, records)).equals(expected)).toBe(true);
      expect(JSON.parse(bytes.toString("utf8"))).toEqual(JSON.parse(JSON.stringify(plan.value)));
      if (plan.value.pgy1Signals !== null && plan.value.supplementalPgy1.length > 0) withPgy1++;
      rows += plan.value.programs.length + plan.value.supplementalPgy1.length;
      // A row's sponsorship and sources are the core's frozen objects, so the kept text is
      // matched by identity rather than compared value for value.
      for (const row of [...plan.value.programs, ...plan.value.supplementalPgy1]) {
        expect(unchangeable(row.sponsorship)).toBe(true);
        expect(unchangeable(row.sources)).toBe(true);
      }
    }
    // Plans with a signed PGY-1 list (the largest answers) are among them.
    expect(withPgy1).toBeGreaterThan(0);
    // Every row went through the kept text (the core's rows open with the facts, in order), and
    // most programs recur from one applicant to the next.
    expect(records.hits + records.misses).toBe(rows);
    expect(records.hits / rows).toBeGreaterThan(0.9);
  }, 120_000);
});

describe("records whose facts' text is kept between answers", () => {
  const HEADS = ["id", "name", "where"] as const;
  const heads = new Map<string, readonly string[]>([["rows", HEADS]]);

  it("are JSON.stringify's bytes through one long-lived cache: ids recur with changed facts, keys out of order or missing, rows that are not records", () => {
    const records = new RecordTexts(heads);
    const scalar = fc.oneof(
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.double(),
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
    );
    const fact = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("A – one", "B", "C ž") },
      { weight: 1, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(fc.constantFrom("x", "y", "\ud800"), { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.record({ j1: fc.constantFrom(true, false, null), note: scalar }) },
    );
    const record = fc.record({
      id: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom("p1", "p2", "p3", "p4") },
        { weight: 1, arbitrary: scalar },
      ),
      name: fact,
      where: fact,
      odds: fc.oneof(fc.double(), fc.record({ low: fc.double(), high: fc.double() })),
      note: scalar,
    });
    const row = fc.oneof(
      { weight: 8, arbitrary: record },
      // Keys out of order, a head missing, a head under a toJSON, or not a record at all.
      { weight: 1, arbitrary: record.map((r) => ({ name: r.name, id: r.id, where: r.where, odds: r.odds })) },
      { weight: 1, arbitrary: record.map((r) => ({ id: r.id, name: r.name })) },
      { weight: 1, arbitrary: record.map((r) => ({ ...r, where: { toJSON: (k: string) => `${k}!` } })) },
      { weight: 1, arbitrary: fc.oneof(scalar, fc.constant([1, 2])) },
    );
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 6 }), { minLength: 1, maxLength: 8 }), (answers) =>
        answers.every((rows) => {
          const answer = { rows, other: { rows } };
          return Buffer.from(jsonBytes(answer, undefined, records)).equals(reference(answer));
        }),
      ),
      { numRuns: 1_500 },
    );
    expect(records.hits).toBeGreaterThan(0);
  });

  it("follow a fact changed in place: the same object, changed between two answers, is written as it is now", () => {
    const records = new RecordTexts(heads);
    const where = { city: "Detroit", visa: { j1: true } };
    const tags = ["a"];
    const answer = () => ({ rows: [{ id: "p1", name: tags, where, odds: 0.5 }] });
    expect(Buffer.from(jsonBytes(answer(), undefined, records)).equals(reference(answer()))).toBe(true);
    where.visa.j1 = false;
    expect(Buffer.from(jsonBytes(answer(), undefined, records)).toString()).toContain('"j1":false');
    tags.push("b");
    expect(Buffer.from(jsonBytes(answer(), undefined, records)).equals(reference(answer()))).toBe(true);
    expect(records.misses).toBe(3);
  });

  it("take a fact's kept text by identity only when it is frozen all the way down, and compare anything else value for value", () => {
    const records = new RecordTexts(heads);
    const deep = Object.freeze({ city: "Detroit", visa: Object.freeze({ j1: true }) });
    const shallow = Object.freeze({ city: "Detroit", visa: { j1: true } });
    let calls = 0;
    const getter = Object.freeze({
      get city() {
        calls++;
        return `Detroit ${calls}`;
      },
    });
    const tags = Object.freeze(["a", Object.freeze(["b"])]);
    const answer = () => ({
      rows: [
        { id: "p1", name: tags, where: deep, odds: 0.5 },
        { id: "p2", name: "x", where: shallow, odds: 0.5 },
        { id: "p3", name: "y", where: getter, odds: 0.5 },
      ],
    });
    const check = () => {
      const a = answer();
      const written = Buffer.from(jsonBytes(a, undefined, records)).toString("utf8");
      calls--; // The reference reads the getter once more.
      expect(written).toBe(JSON.stringify(a));
      return written;
    };
    check();
    shallow.visa.j1 = false;
    expect(check()).toContain('"j1":false');
    const before = records.hits;
    check();
    // p1 (frozen throughout) and p2 (unchanged since) come from kept text; p3's getter answers anew each time.
    expect(records.hits - before).toBe(2);
  });

  it("call a value unchangeable only when no part of its JSON can change", () => {
    for (const v of [
      null,
      1,
      "a",
      true,
      undefined,
      Object.freeze([]),
      Object.freeze({ a: Object.freeze([1, "x"]) }),
    ])
      expect(unchangeable(v)).toBe(true);
    const notFrozen = [
      {},
      [1],
      Object.freeze({ a: {} }),
      Object.freeze([[1]]),
      Object.freeze({ toJSON: () => 1 }),
      Object.freeze(new Date(0)),
      Object.freeze(Object.defineProperty({}, "a", { get: () => 1, enumerable: true })),
      () => 1,
      Object.freeze({ f: () => 1 }),
    ];
    for (const v of notFrozen) expect(unchangeable(v)).toBe(false);
  });

  it("stop keeping text past their bound and still write the same bytes", () => {
    const records = new RecordTexts(heads, 2);
    const answer = { rows: ["p1", "p2", "p3", "p4"].map((id) => ({ id, name: id, where: "x", odds: 1 })) };
    for (let i = 0; i < 3; i++)
      expect(Buffer.from(jsonBytes(answer, undefined, records)).equals(reference(answer))).toBe(true);
    expect(records.size).toBe(2);
  });
});
