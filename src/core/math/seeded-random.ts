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

export function seededRandom(seed: number): Random {
  // The state lives in typed arrays, not in closure variables: a 32-bit state or a spare normal
  // held in a variable is a boxed number on the heap, one allocation per draw, and a simulated
  // season makes some 300,000 draws. Int32 wrap-around gives the same bits as the unsigned sum.
  const state = new Int32Array(1);
  state[0] = seed | 0;
  const next = () => {
    const a = ((state[0] as number) + 0x6d2b79f5) | 0;
    state[0] = a;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller gives two independent normals per pair of uniforms; the second is kept for the next call.
  const spare = new Float64Array(1);
  spare[0] = Number.NaN;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    gaussian: () => {
      const z = spare[0] as number;
      if (!Number.isNaN(z)) {
        spare[0] = Number.NaN;
        return z;
      }
      const r = Math.sqrt(-2 * Math.log(Math.max(Number.MIN_VALUE, next())));
      const theta = 2 * Math.PI * next();
      spare[0] = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}

/** A random order of 0 … n−1 (Fisher–Yates). */
export function permutation(n: number, rng: Random): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}
