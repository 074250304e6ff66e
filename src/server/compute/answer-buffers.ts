/**
 * A compute worker's supply of memory for answers: buffers the server has finished sending come
 * back (`keep`), and the next answer is written into one that is large enough (`allocate`).
 *
 * Why: an answer's bytes move to the server thread without a copy, but every new buffer counts
 * as memory outside the JavaScript heap in both threads, and V8 answers a steady stream of it
 * with full garbage collections: under a load of distinct plans the server thread ran one every
 * second or two, each marking its whole heap (tens of ms; about a quarter of a millisecond per
 * request, measured with --trace-gc). Buffers that circle between the threads are allocated once.
 *
 * A new buffer is rounded up to `GRANULE_BYTES`, so one made for an answer fits the next answers
 * of about its size; an answer larger than every kept buffer gets a new one, and the smallest
 * kept buffers are dropped past `MAX_KEPT`.
 */
const GRANULE_BYTES = 64 * 1024; // not a score: bytes; answers are 40–250 KB
export const MAX_KEPT = 8;

export class AnswerBuffers {
  private readonly kept: ArrayBuffer[] = [];

  /** Buffers handed back by the server; detached or empty ones are ignored. */
  keep(buffers: readonly ArrayBuffer[] | undefined): void {
    for (const b of buffers ?? []) {
      if (b.byteLength === 0) continue;
      this.kept.push(b);
    }
    if (this.kept.length > MAX_KEPT) {
      this.kept.sort((x, y) => y.byteLength - x.byteLength);
      this.kept.length = MAX_KEPT;
    }
  }

  /** A buffer of at least `bytes` bytes over an ArrayBuffer of its own, starting at offset 0. */
  readonly allocate = (bytes: number): Buffer<ArrayBuffer> => {
    let best = -1;
    for (let i = 0; i < this.kept.length; i++) {
      const size = (this.kept[i] as ArrayBuffer).byteLength;
      if (size >= bytes && (best === -1 || size < (this.kept[best] as ArrayBuffer).byteLength)) best = i;
    }
    if (best !== -1) {
      const [buffer] = this.kept.splice(best, 1) as [ArrayBuffer];
      return Buffer.from(buffer, 0, bytes);
    }
    const rounded = Math.max(GRANULE_BYTES, Math.ceil(bytes / GRANULE_BYTES) * GRANULE_BYTES);
    return Buffer.from(Buffer.allocUnsafeSlow(rounded).buffer, 0, bytes);
  };

  /** Buffers held now. */
  get size(): number {
    return this.kept.length;
  }
}
