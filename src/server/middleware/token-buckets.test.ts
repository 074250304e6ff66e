import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-buckets.ts";

describe("token buckets", () => {
  it("allow a burst of `capacity`, then refuse with the wait until the next token", () => {
    let now = 0;
    const b = new TokenBuckets(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => b.take("a").allowed)).toEqual([true, true, true, false]);
    expect(b.take("a").retryAfterSeconds).toBe(20);
    now += 20_000;
    expect(b.take("a").allowed).toBe(true);
    expect(b.take("b").allowed).toBe(true);
  });

  it("never allow more than the burst plus what the elapsed time refilled", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 200 }),
        (capacity, gaps) => {
          let now = 0;
          const window = 60_000;
          const b = new TokenBuckets(capacity, window, () => now);
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (b.take("k").allowed) allowed++;
          }
          return allowed <= capacity + Math.floor((now * capacity) / window);
        },
      ),
    );
  });

  it("keep memory bounded by forgetting quiet clients first", () => {
    let now = 0;
    const b = new TokenBuckets(2, 1_000, () => now, 100);
    for (let i = 0; i < 500; i++) {
      b.take(`client-${i}`);
      now += 10;
    }
    expect(b.size).toBeLessThanOrEqual(101);
  });
});
