import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctPlanBodies } from "../../../bench/distinct-bodies.ts";
import { canonicalJson, keyDigest, ResultCache } from "./result-cache.ts";

describe("ResultCache admitting on repeat", () => {
  const bytes = (n: number) => new Uint8Array(n);

  it("keeps nothing a request asked once, and the second asking's result, which is then answered from memory", async () => {
    const cache = new ResultCache<Uint8Array>(10, Number.POSITIVE_INFINITY, { admit: "on-repeat" });
    let calls = 0;
    const compute = () => {
      calls++;
      return Promise.resolve(bytes(3));
    };
    const first = await cache.getOrComputeAsync("k", compute);
    expect(cache.size).toBe(0);
    expect(cache.wasKept(first)).toBe(false);
    const second = await cache.getOrComputeAsync("k", compute);
    expect(second).not.toBe(first);
    expect(cache.size).toBe(1);
    expect(cache.wasKept(second)).toBe(true);
    expect(await cache.getOrComputeAsync("k", compute)).toBe(second);
    expect(calls).toBe(2);
  });

  it("keeps, and marks as held, a result two requests received while it was computed", async () => {
    const cache = new ResultCache<Uint8Array>(10, Number.POSITIVE_INFINITY, { admit: "on-repeat" });
    let finish: (v: Uint8Array) => void = () => {};
    const pending = new Promise<Uint8Array>((r) => {
      finish = r;
    });
    const a = cache.getOrComputeAsync("k", () => pending);
    const b = cache.getOrComputeAsync("k", () => Promise.resolve(bytes(1)));
    finish(bytes(2));
    const [va, vb] = await Promise.all([a, b]);
    expect(va).toBe(vb);
    expect(cache.wasKept(va)).toBe(true);
    expect(cache.size).toBe(1);
  });

  it("remembers only the last rememberKeys keys, and a kept value stays marked after it is dropped", async () => {
    const cache = new ResultCache<Uint8Array>(1, Number.POSITIVE_INFINITY, {
      admit: "on-repeat",
      rememberKeys: 2,
    });
    const c = () => Promise.resolve(bytes(1));
    await cache.getOrComputeAsync("a", c);
    await cache.getOrComputeAsync("b", c);
    await cache.getOrComputeAsync("c", c); // "a" is forgotten
    expect(cache.wasKept(await cache.getOrComputeAsync("a", c))).toBe(false);
    const kept = await cache.getOrComputeAsync("a", c);
    expect(cache.wasKept(kept)).toBe(true);
    await cache.getOrComputeAsync("c", c); // "c" is kept; "a" is dropped (one entry)
    expect(cache.size).toBe(1);
    expect(cache.wasKept(kept)).toBe(true);
  });

  it("tells 50,000 real request keys apart by their digests, which are whole numbers below 2^53", () => {
    const digests = new Set<number>();
    for (const body of distinctPlanBodies(50_000)) {
      const d = keyDigest(canonicalJson(body));
      expect(Number.isSafeInteger(d) && d >= 0).toBe(true);
      digests.add(d);
    }
    expect(digests.size).toBe(50_000);
    // One code unit changed anywhere changes the digest.
    const key = canonicalJson(distinctPlanBodies(1)[0]);
    const at = new Set<number>();
    for (let i = 0; i < key.length; i++) at.add(keyDigest(`${key.slice(0, i)}\u0000${key.slice(i + 1)}`));
    expect(at.size).toBe(key.length);
    expect(at.has(keyDigest(key))).toBe(false);
  });

  it("admits every result by default", () => {
    const cache = new ResultCache<Uint8Array>(10);
    const v = cache.getOrCompute("k", () => bytes(1));
    expect(cache.size).toBe(1);
    expect(cache.wasKept(v)).toBe(true);
  });
});

describe("ResultCache", () => {
  it("computes once per key and keeps at most maxEntries, dropping the least recently used", () => {
    const cache = new ResultCache(2);
    let calls = 0;
    const f = (v: string) => () => {
      calls++;
      return v;
    };
    expect(cache.getOrCompute("a", f("A"))).toBe("A");
    expect(cache.getOrCompute("a", f("other"))).toBe("A");
    cache.getOrCompute("b", f("B"));
    cache.getOrCompute("a", f("A2")); // a is now most recent
    cache.getOrCompute("c", f("C")); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.getOrCompute("b", f("B2"))).toBe("B2");
    expect(calls).toBe(4);
    expect(cache.hits).toBe(2);
  });

  it("a failing computation caches nothing", () => {
    const cache = new ResultCache(10);
    expect(() =>
      cache.getOrCompute("k", () => {
        throw new Error("no");
      }),
    ).toThrow();
    expect(cache.size).toBe(0);
  });

  it("keeps at most maxChars of text, dropping the least recently used, and never keeps a text larger than that", () => {
    const cache = new ResultCache(100, 10);
    cache.getOrCompute("a", () => "aaaa");
    cache.getOrCompute("b", () => "bbbb");
    cache.getOrCompute("a", () => "unused"); // a is now most recent
    cache.getOrCompute("c", () => "cccc"); // 12 characters: b goes
    expect(cache.totalChars).toBe(8);
    expect(cache.getOrCompute("a", () => "recomputed")).toBe("aaaa");
    expect(cache.getOrCompute("b", () => "BBBB")).toBe("BBBB");
    expect(cache.getOrCompute("huge", () => "x".repeat(11))).toHaveLength(11);
    expect(cache.getOrCompute("huge", () => "again")).toBe("again");
    expect(cache.totalChars).toBeLessThanOrEqual(10);
  });

  it("forgets the entries a test picks, and their characters", () => {
    const cache = new ResultCache(10);
    for (const k of ["p1 v1", "p1 v2", "p2 v1"]) cache.getOrCompute(k, () => k);
    cache.forget((k) => k.startsWith("p1 "));
    expect(cache.size).toBe(1);
    expect(cache.totalChars).toBe("p2 v1".length);
    expect(cache.getOrCompute("p1 v1", () => "fresh")).toBe("fresh");
  });
});

describe("ResultCache for computations elsewhere", () => {
  it("shares one computation between identical requests in flight and keeps its result", async () => {
    const cache = new ResultCache(10);
    let calls = 0;
    let finish: (v: string) => void = () => {};
    const compute = () => {
      calls++;
      return new Promise<string>((r) => {
        finish = r;
      });
    };
    const a = cache.getOrComputeAsync("k", compute);
    const b = cache.getOrComputeAsync("k", compute);
    finish("V");
    expect(await Promise.all([a, b])).toEqual(["V", "V"]);
    expect(await cache.getOrComputeAsync("k", compute)).toBe("V");
    expect(calls).toBe(1);
  });

  it("a waiting request computes for itself when the shared computation failed for its starter's own reason, and only then", async () => {
    const cache = new ResultCache(10);
    const starterGone = new Error("starter went away");
    const other = new Error("the input is invalid");
    const retryIf = (e: unknown) => e === starterGone;
    let fail: (e: Error) => void = () => {};
    const pending = () =>
      new Promise<string>((_, reject) => {
        fail = reject;
      });
    const starter = cache.getOrComputeAsync("k", pending, retryIf);
    const waiting = cache.getOrComputeAsync("k", () => Promise.resolve("own"), retryIf);
    fail(starterGone);
    await expect(starter).rejects.toBe(starterGone);
    expect(await waiting).toBe("own");

    const starter2 = cache.getOrComputeAsync("j", pending, retryIf);
    const waiting2 = cache.getOrComputeAsync("j", () => Promise.resolve("own"), retryIf);
    fail(other);
    await expect(starter2).rejects.toBe(other);
    await expect(waiting2).rejects.toBe(other);
    expect(cache.size).toBe(1);
  });
});

describe("canonicalJson", () => {
  it("ignores key order and undefined values but nothing else", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        expect(JSON.parse(canonicalJson(o))).toEqual(JSON.parse(JSON.stringify(o)));
      }),
    );
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it("writes the text the first, array-building version wrote, for nested values", () => {
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
      if (value && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
      }
      return JSON.stringify(value) ?? "null";
    };
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true }), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 1_000 },
    );
  });
});
