/**
 * A small least-recently-used cache of computed responses, keyed by the canonical request.
 *
 * The compute routes are pure functions of the request and the loaded data, so an identical
 * request (a page re-rendering, a client retrying, a saved plan re-read) can be answered from
 * memory. Entries live only in this process's memory and are never written anywhere. Memory is
 * bounded twice: past `maxEntries` entries, or past `maxChars` characters of cached text in all
 * (bytes, for a cached UTF-8 body), the least recently used are dropped; a value larger than
 * `maxChars` on its own is not kept.
 *
 * Admission (`admit`): "always" keeps every result; "on-repeat" keeps a result only when its
 * request has been seen before (among the last `rememberKeys` keys) or was asked for again while
 * it was computed. Under a load of distinct requests, where nothing is ever asked twice, such a
 * cache holds nothing and every result is free to be reused once sent (`wasKept`); a request that
 * comes back is computed a second time and then kept.
 */
export interface CacheAdmission {
  admit: "always" | "on-repeat";
  /** Keys remembered for "on-repeat" (only the keys, not the results). */
  rememberKeys?: number;
}

export class ResultCache<V extends { readonly length: number } = string> {
  private readonly entries = new Map<string, V>();
  private readonly inFlight = new Map<string, Promise<V>>();
  /** Keys asked for while computed, by a second request. */
  private readonly joined = new Set<string>();
  /** Digests of the keys seen recently, oldest first (admission "on-repeat"; `keyDigest`). */
  private readonly seen = new Set<number>();
  /** Every object result ever kept: another request may hold it, so it is never reused. */
  private readonly everKept = new WeakSet<object>();
  private readonly rememberKeys: number;
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars = Number.POSITIVE_INFINITY,
    private readonly admission: CacheAdmission = { admit: "always" },
  ) {
    this.rememberKeys = admission.rememberKeys ?? Math.max(1, 4 * maxEntries);
  }

  /**
   * Whether `value` was ever kept by this cache or handed to more than one request. A value for
   * which this is false went to exactly one request, whose response may reuse its memory once sent.
   */
  wasKept(value: V): boolean {
    return typeof value === "object" && value !== null && this.everKept.has(value);
  }

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
    const repeat = this.sighted(key);
    const value = compute();
    if (repeat) this.store(key, value);
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
      this.joined.add(key);
      return pending.catch((e: unknown) => {
        if (!retry(e)) throw e;
        return this.getOrComputeAsync(key, compute, retry);
      });
    }
    this.misses++;
    const repeat = this.sighted(key);
    const p: Promise<V> = compute().then(
      (value) => {
        const shared = this.joined.delete(key);
        // A value more than one request received is never reused, kept or not.
        if (shared && typeof value === "object" && value !== null) this.everKept.add(value);
        // Kept only if `forget` has not dropped the key while it was computed.
        if (this.inFlight.get(key) === p) {
          this.inFlight.delete(key);
          if (repeat || shared) this.store(key, value);
        }
        return value;
      },
      (e: unknown) => {
        this.joined.delete(key);
        if (this.inFlight.get(key) === p) this.inFlight.delete(key);
        throw e;
      },
    );
    this.inFlight.set(key, p);
    return p;
  }

  /**
   * Drops every entry whose key passes `test` (a deleted saved plan's results, say); one still
   * being computed is answered to whoever waits for it but not kept. Sightings are kept as
   * digests, so they stay: a forgotten key asked for again may be kept at once, a fresh result.
   */
  forget(test: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (test(key)) this.remove(key);
    for (const key of [...this.inFlight.keys()]) if (test(key)) this.inFlight.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters of cached text held (JSON is mostly ASCII, so about its bytes), or bytes of cached bodies. */
  get totalChars(): number {
    return this.chars;
  }

  /** Records a sighting of `key`; whether its result may be kept (admission). */
  private sighted(key: string): boolean {
    if (this.admission.admit === "always") return true;
    const digest = keyDigest(key);
    if (this.seen.delete(digest)) {
      this.seen.add(digest);
      return true;
    }
    this.seen.add(digest);
    if (this.seen.size > this.rememberKeys) this.seen.delete(this.seen.values().next().value as number);
    return false;
  }

  private store(key: string, value: V): void {
    if (this.maxEntries <= 0 || value.length > this.maxChars) return;
    if (typeof value === "object" && value !== null) this.everKept.add(value);
    this.remove(key);
    this.entries.set(key, value);
    this.chars += value.length;
    // Map keeps insertion order, so the first key is the least recently used.
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.chars -= value.length;
  }
}

/**
 * A 53-bit digest of a key, for admission only: two 32-bit lanes over its UTF-16 code units (FNV-1a,
 * and a multiply-rotate lane), joined. The plan cache remembers the last 2,000 requests it has
 * seen; kept whole, those keys (1–2 KB of canonical JSON each, alive for seconds) outlived the
 * server thread's young generation and were copied into the old one, about 1 MB per young
 * collection under a load of distinct requests, which the old generation's collections (10–20 ms
 * pauses of every request in flight) then had to clear. Two keys with one digest only let a
 * result be kept one sighting early.
 */
export function keyDigest(key: string): number {
  let a = 0x811c9dc5;
  let b = key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d) ^ a;
  // 21 bits of one lane above the 32 of the other: an integer below 2^53, exact as a number.
  return (b & 0x1fffff) * 0x100000000 + (a >>> 0);
}

/**
 * JSON with object keys sorted, so two requests that differ only in key order share an entry.
 * Built by string concatenation, without an array per object: every compute request makes one,
 * and the entries, filter, map and join of the first version were a quarter of the server
 * thread's allocations under load (a heap sampling profile), all garbage a moment later.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++)
      out += i === 0 ? canonicalJson(value[i]) : `,${canonicalJson(value[i])}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Sorted by UTF-16 code units, as `sort` compares strings.
  const keys = Object.keys(record).sort();
  let out = "{";
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
