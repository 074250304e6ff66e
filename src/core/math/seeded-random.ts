/**
 * A small seeded random source, so every simulated market is the same on every run and in
 * every runtime (Node and the browser): Mulberry32 (Tommy Ettinger, public domain), a 32-bit
 * generator with period 2³² — ample for drawing markets, not for cryptography.
 */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
}

/**
 * Mulberry32 as a class, so every generator shares one set of methods: a hot loop that draws from
 * many generators in turn (a season per seed) sees one call target and the engine inlines it,
 * where closures made per generator are different functions each time and undo the compiled loop.
 * The state lives in typed arrays, not in plain fields: a 32-bit state or a spare normal held as a
 * number field is a boxed number on the heap, one allocation per draw, and a simulated season makes
 * some 300,000 draws. Int32 wrap-around gives the same bits as the unsigned sum. Call the methods
 * on the generator (rng.next()), not detached.
 */
class Mulberry32 implements Random {
  private readonly state = new Int32Array(1);
  /** Box–Muller gives two independent normals per pair of uniforms; the second is kept for the next call. */
  private readonly spare = new Float64Array(1);

  constructor(seed: number) {
    this.state[0] = seed | 0;
    this.spare[0] = Number.NaN;
  }

  next(): number {
    const a = ((this.state[0] as number) + 0x6d2b79f5) | 0;
    this.state[0] = a;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  gaussian(): number {
    const z = this.spare[0] as number;
    if (!Number.isNaN(z)) {
      this.spare[0] = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(Math.max(Number.MIN_VALUE, this.next())));
    const theta = 2 * Math.PI * this.next();
    this.spare[0] = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

export function seededRandom(seed: number): Random {
  return new Mulberry32(seed);
}

/** A random order of 0 … n−1 (Fisher–Yates). */
export function permutation(n: number, rng: Random): number[] {
  // Filled by a loop rather than Array.from with a callback: a season draws one of 1,400 applicants.
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}
