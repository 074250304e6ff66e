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
 * `--liftoff-only`: WebAssembly is compiled by V8's baseline compiler only, never recompiled by
 * the optimising one. The only WebAssembly the server runs is the embedded database (PGlite, a
 * 9 MB module), whose optimised recompilation kept about 65–90 MB resident for the life of the
 * process: resident after start 316–320 MB against 384 (peak under the load bench 30–60 MB
 * lower), while saving and reading plans took the same time (2,000 inserts of a 3 KB row:
 * 0.82–0.87 ms each against 0.94–0.98; reads 0.25–0.32 ms against 0.28–0.34) and the store
 * opened faster (1.0 s against 1.5 s). JavaScript is not affected. The memory it frees is what
 * lets each compute worker have a larger young generation (compute-pool.ts).
 */
export const ENGINE_FLAGS = ["--no-allocation-site-pretenuring", "--liftoff-only"];

export function applyEngineFlags() {
  for (const flag of ENGINE_FLAGS) setFlagsFromString(flag);
}
