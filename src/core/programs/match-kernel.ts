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

/** The kernel's sums by WebAssembly; null where it cannot run (then the JavaScript kernel does). D must be even. */
export function wasmKernelSums(x: KernelInput): KernelSums | null {
  const k = kernel();
  if (!k) return null;
  const D = x.expNegU.length;
  const K = x.maxInterviews;
  const n = x.expNegL.length;
  const pU = 0;
  const pM = align(pU + D * F64);
  const pL = align(pM + (K + 1) * F64);
  const pS = align(pL + n * F64);
  const pRows = align(pS + n * F64);
  const pPer = align(pRows + (D / 2) * (K + 1) * 2 * F64);
  const pNone = align(pPer + D * F64);
  const pPm = align(pNone + n * F64);
  const pPre = align(pPm + n * F64);
  const end = pPre + (x.prefix ? n * D * F64 : 0);
  const have = k.memory.buffer.byteLength;
  if (end > have) k.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
  const mem = k.memory.buffer;
  new Float64Array(mem, pU, D).set(x.expNegU);
  new Float64Array(mem, pM, K + 1).set(x.m);
  new Float64Array(mem, pL, n).set(x.expNegL);
  new Float64Array(mem, pS, n).set(x.scale);
  new Float64Array(mem, pNone, n).fill(0);
  if (x.prefix) new Float64Array(mem, pPm, n).fill(0);
  k.curve(n, K, D, x.prefix ? 1 : 0, pU, pM, pL, pS, pRows, pPer, pNone, pPm, pPre);
  return {
    perDraw: new Float64Array(mem, pPer, D).slice(),
    noneSum: new Float64Array(mem, pNone, n).slice(),
    pmSum: x.prefix ? new Float64Array(mem, pPm, n).slice() : null,
    prefixPerDraw: x.prefix ? new Float64Array(mem, pPre, n * D).slice() : null,
  };
}
