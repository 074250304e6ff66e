import { setFlagsFromString } from "node:v8";

/**
 * The V8 settings the server runs with, applied by `npm start` (server-entry.mjs) before any
 * compute worker starts, and by `npm run bench:load` before it times the core alone, so the
 * core's reference time and the server's throughput are measured under the same engine.
 *
 * `--no-allocation-site-pretenuring`: a plan's per-program objects all live until the plan is
 * done, so a young collection in the middle of a plan finds nearly all of them alive; V8 then
 * decides those allocation sites make long-lived objects and allocates their objects straight in
 * the old generation, where they die a moment later and only a full collection (marking the
 * thread's whole heap) frees them. With it off, about 35 KB of a plan reaches the old generation
 * instead of about 165 KB (a heap sampling profile of 400 plans), and a compute worker runs a full
 * collection about every 500 plans instead of about every 110 (--trace-gc). V8 reads it when it
 * decides, per isolate, so setting it at start covers the workers started after.
 *
 * `--wasm-tier-up-filter=0`: of every WebAssembly module, only the function at index 0 is ever
 * recompiled by V8's optimising compiler; the rest run as its baseline compiler (Liftoff) made
 * them. The server runs two modules. The embedded database (PGlite, a 9 MB module) is the first:
 * its optimised recompilation kept about 65–90 MB resident for the life of the process (resident
 * after start 316–320 MB with none of it, against 384; saving and reading plans took the same
 * time either way: 2,000 inserts of a 3 KB row 0.82–0.87 ms each against 0.94–0.98, reads
 * 0.25–0.32 ms against 0.28–0.34), and the store opened faster (1.0 s against 1.5 s). The memory
 * it frees is what lets each compute worker have a larger young generation (compute-pool.ts). The
 * core's P(match) kernel (match-kernel.wat) is the second module, and its one function is index
 * 0: optimised, a list of 85 programs takes 53–58 µs, against 90–128 µs as Liftoff leaves it and
 * 170–200 µs in JavaScript. (Until 2026-12-07 the flag was `--liftoff-only`, which left the kernel
 * at Liftoff's pace too.) It is one of V8's testing flags: an engine without it tiers every
 * module up as by default, which costs memory, never a different result. JavaScript is not
 * affected.
 */
export const ENGINE_FLAGS = ["--no-allocation-site-pretenuring", "--wasm-tier-up-filter=0"];

export function applyEngineFlags() {
  for (const flag of ENGINE_FLAGS) setFlagsFromString(flag);
}
