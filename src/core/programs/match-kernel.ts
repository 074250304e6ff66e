import { MATCH_KERNEL_WASM } from "./match-kernel-wasm.ts";
import type { KernelInput, KernelSums } from "./match-probability.ts";

/**
 * The P(match) kernel in WebAssembly (match-kernel.wat): the same operations as the JavaScript
 * kernel (`jsKernelSums`), in the same order, on two strength draws at once. One instance per
 * thread, made on first use; where WebAssembly or its SIMD instructions are not available, or a
 * page's Content-Security-Policy refuses to compile it, `wasmKernelSums` answers null and the
 * JavaScript kernel runs instead, with the same results.
 */
interface KernelExports {
  memory: WebAssembly.Memory;
  curve: (
    n: number,
    K: number,
    D: number,
    prefix: number,
    pU: number,
    pM: number,
    pL: number,
    pS: number,
    pRows: number,
    pPer: number,
    pNone: number,
    pPm: number,
    pPre: number,
  ) => void;
}

const PAGE_BYTES = 65_536;
const F64 = 8;
/** Every region starts on a 16-byte boundary, where an f64x2 load of a pair of draws is aligned. */
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

let instance: KernelExports | null | undefined;

function kernel(): KernelExports | null {
  if (instance !== undefined) return instance;
  try {
    const bytes = Uint8Array.from(atob(MATCH_KERNEL_WASM), (c) => c.charCodeAt(0));
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as KernelExports;
  } catch {
    instance = null;
  }
  return instance;
}

/** Whether the WebAssembly kernel runs in this thread (the JavaScript one stands in otherwise). */
export const wasmKernelAvailable = (): boolean => kernel() !== null;

/** The kernel's sums by WebAssembly; null where it does not run (then the JavaScript kernel does). */
export function wasmKernelSums(x: KernelInput): KernelSums | null {
  const run = runKernel(x);
  if (!run) return null;
  const { mem, at, D, n } = run;
  return {
    perDraw: new Float64Array(mem, at.per, D).slice(),
    noneSum: new Float64Array(mem, at.none, n).slice(),
    pmSum: x.prefix ? new Float64Array(mem, at.pm, n).slice() : null,
    prefixPerDraw: x.prefix ? new Float64Array(mem, at.pre, n * D).slice() : null,
  };
}

/**
 * The distribution of the interview count after the whole list, per draw: row j (length K + 1)
 * is P(K = k | u_j), as `interviewDistribution` lays it out. The kernel leaves each pair of
 * draws' last row in its scratch, one f64x2 per bin; this reads it out lane by lane. Null where
 * the kernel cannot run.
 */
export function wasmInterviewDistribution(x: KernelInput): Float64Array | null {
  const run = runKernel({ ...x, prefix: false });
  if (!run) return null;
  const { mem, at, D } = run;
  const W = x.maxInterviews + 1;
  const rows = new Float64Array(mem, at.rows, D * W);
  const dist = new Float64Array(D * W);
  for (let j = 0; j < D; j++) {
    const pair = (j >> 1) * W * 2;
    const lane = j & 1;
    for (let k = 0; k < W; k++) dist[j * W + k] = rows[pair + k * 2 + lane] as number;
  }
  return dist;
}

/**
 * Lays the input out in the module's memory (growing it when needed), runs the kernel, and says
 * where it left what. Null for what the module does not take: an odd number of draws (it works on
 * pairs), an empty list (the JavaScript kernel's answer is immediate), no WebAssembly.
 */
function runKernel(x: KernelInput) {
  const D = x.expNegU.length;
  const K = x.maxInterviews;
  const n = x.expNegL.length;
  if (D % 2 !== 0 || n === 0) return null;
  const k = kernel();
  if (!k) return null;
  const u = 0;
  const m = align(u + D * F64);
  const l = align(m + (K + 1) * F64);
  const s = align(l + n * F64);
  const rows = align(s + n * F64);
  const per = align(rows + (D / 2) * (K + 1) * 2 * F64);
  const none = align(per + D * F64);
  const pm = align(none + n * F64);
  const pre = align(pm + n * F64);
  const end = pre + (x.prefix ? n * D * F64 : 0);
  const have = k.memory.buffer.byteLength;
  if (end > have) {
    // Memory the module cannot have is left to the JavaScript kernel, with the same result.
    try {
      k.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    } catch {
      return null;
    }
  }
  const mem = k.memory.buffer;
  new Float64Array(mem, u, D).set(x.expNegU);
  new Float64Array(mem, m, K + 1).set(x.m);
  new Float64Array(mem, l, n).set(x.expNegL);
  new Float64Array(mem, s, n).set(x.scale);
  new Float64Array(mem, none, n).fill(0);
  if (x.prefix) new Float64Array(mem, pm, n).fill(0);
  k.curve(n, K, D, x.prefix ? 1 : 0, u, m, l, s, rows, per, none, pm, pre);
  return { mem, D, n, at: { rows, per, none, pm, pre } };
}
