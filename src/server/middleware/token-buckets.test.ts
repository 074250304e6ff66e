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

  it("take a request's cost at once, and make a costly one wait for that many tokens", () => {
    let now = 0;
    const b = new TokenBuckets(10, 60_000, () => now);
    expect(b.take("a", 4).allowed).toBe(true);
    expect(b.take("a", 4).allowed).toBe(true);
    const refused = b.take("a", 4);
    expect(refused.allowed).toBe(false);
    // 2 tokens left; 2 more take 12 s at 10 a minute.
    expect(refused.retryAfterSeconds).toBe(12);
    expect(b.take("a", 1).allowed).toBe(true);
    now += 18_000;
    expect(b.take("a", 4).allowed).toBe(true);
  });

  it("count a cost above the capacity as a full bucket, so it is never refused for ever", () => {
    let now = 0;
    const b = new TokenBuckets(3, 60_000, () => now);
    expect(b.take("a", 50).allowed).toBe(true);
    const refused = b.take("a", 50);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(60);
    now += 60_000;
    expect(b.take("a", 50).allowed).toBe(true);
  });

  it("never let the tokens taken exceed the burst plus what the elapsed time refilled, whatever the costs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 20 })), {
          maxLength: 200,
        }),
        (capacity, requests) => {
          let now = 0;
          const window = 60_000;
          const b = new TokenBuckets(capacity, window, () => now);
          let taken = 0;
          for (const [gap, cost] of requests) {
            now += gap;
            if (b.take("k", cost).allowed) taken += Math.min(cost, capacity);
          }
          return taken <= capacity + (now * capacity) / window + 1e-9;
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
