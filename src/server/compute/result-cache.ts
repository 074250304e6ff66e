/**
 * A small least-recently-used cache of computed responses, keyed by the canonical request.
 *
 * The compute routes are pure functions of the request and the loaded data, so an identical
 * request (a page re-rendering, a client retrying, a saved plan re-read) can be answered from
 * memory. Entries live only in this process's memory, are never written anywhere, and the
 * oldest is dropped past `maxEntries`; a new data load means a new cache (a new process).
 */
export class ResultCache<V = string> {
  private readonly entries = new Map<string, V>();
  private readonly inFlight = new Map<string, Promise<V>>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries: number) {}

  /** The cached value for `key`, or the result of `compute` (cached when it succeeds). */
  getOrCompute(key: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.hits++;
      // Re-insert to mark it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const value = compute();
    if (this.maxEntries > 0) {
      this.entries.set(key, value);
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return value;
  }

  /**
   * As `getOrCompute` for a computation that runs elsewhere (a worker thread): requests for a
   * key already being computed wait for that computation instead of starting another. A waiting
   * request whose shared computation failed for a reason of its starter's own (`retry`, e.g. that
   * client went away) computes for itself instead.
   */
  getOrComputeAsync(
    key: string,
    compute: () => Promise<V>,
    retry: (e: unknown) => boolean = () => false,
  ): Promise<V> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit);
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.hits++;
      return pending.catch((e: unknown) => {
        if (!retry(e)) throw e;
        return this.getOrComputeAsync(key, compute, retry);
      });
    }
    this.misses++;
    const p = compute().then(
      (value) => {
        this.inFlight.delete(key);
        this.store(key, value);
        return value;
      },
      (e: unknown) => {
        this.inFlight.delete(key);
        throw e;
      },
    );
    this.inFlight.set(key, p);
    return p;
  }

  private store(key: string, value: V): void {
    if (this.maxEntries <= 0) return;
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** JSON with object keys sorted, so two requests that differ only in key order share an entry. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
