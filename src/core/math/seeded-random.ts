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
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller gives two independent normals per pair of uniforms; the second is kept for the next call.
  let spare = Number.NaN;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    gaussian: () => {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = Number.NaN;
        return z;
      }
      const r = Math.sqrt(-2 * Math.log(Math.max(Number.MIN_VALUE, next())));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
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
