/**
 * Token buckets per key (a client IP): each holds up to `capacity` tokens, refilled evenly at
 * `capacity` per `windowMs`; a request takes as many as it costs or is refused with the wait
 * until that many are back. A cost above `capacity` counts as `capacity` (a full bucket), so no
 * request is refused for ever.
 *
 * Kept in this process's memory: with several instances behind a load balancer each counts on
 * its own, so a client spread over n instances gets up to n times the limit — an approximate
 * per-instance guard against bursts, not an exact global quota (docs/api.md). Memory is bounded:
 * past `maxKeys`, full buckets (clients quiet long enough to refill) are forgotten first.
 */
export interface TakeResult {
  allowed: boolean;
  /** Whole seconds until a token is available (0 when allowed). */
  retryAfterSeconds: number;
}

const MS_PER_SECOND = 1_000;
const DEFAULT_MAX_KEYS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    if (!(capacity > 0) || !(windowMs > 0))
      throw new Error("token buckets need a positive capacity and window");
    this.perMs = capacity / windowMs;
  }

  take(key: string, cost = 1): TakeResult {
    const need = Math.min(cost, this.capacity);
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    const tokens = Math.min(this.capacity, b.tokens + (t - b.at) * this.perMs);
    if (tokens >= need) {
      this.buckets.set(key, { tokens: tokens - need, at: t });
      if (this.buckets.size > this.maxKeys) this.prune(t);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    this.buckets.set(key, { tokens, at: t });
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((need - tokens) / this.perMs / MS_PER_SECOND)),
    };
  }

  /** How many keys are tracked (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private prune(t: number): void {
    for (const [key, b] of this.buckets)
      if (b.tokens + (t - b.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    // Still too many active clients: drop the oldest entries (Map keeps insertion order).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
