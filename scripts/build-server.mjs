#!/usr/bin/env node
/**
 * `npm run build:server` (and `prepare`, which `npm ci` and `npm install` run): compiles the
 * server and its compute worker to JavaScript in dist/server/ (scripts/compile-bundle.mjs does the
 * compiling), so neither the server thread nor a worker thread runs a TypeScript loader. tsx
 * registers its loader on a thread of its own in every thread that registers it, and keeps what
 * it compiled: about 26 MB per compute worker and about 90 MB in the server thread (measured),
 * held for the process's life.
 *
 *   main.mjs             the server (src/server/main.ts), which src/server/server-entry.mjs runs
 *   compute-worker.mjs   the worker (src/server/compute/compute-worker.ts)
 *   compute-worker-entry.mjs   what the compiled server's pool starts in each worker thread
 *   chunk-*.mjs, report-render-*.mjs, season-*.mjs   code shared by both, and parts loaded on first use
 *   inputs.json          the source files compiled in: the entries check none is newer
 *
 * src/server/server-entry.mjs and src/server/compute/compute-worker-entry.mjs run the TypeScript
 * sources instead when this folder is missing or stale. Packages are bundled too, except those
 * that read files beside their own code (PGlite's WebAssembly, pg's optional native driver) or
 * that only one rare route loads (ECharts, playwright-core).
 */
import { compileBundle } from "./compile-bundle.mjs";

await compileBundle({
  name: "server",
  what: "server and compute worker",
  entryPoints: { main: "src/server/main.ts", "compute-worker": "src/server/compute/compute-worker.ts" },
  external: ["echarts", "playwright-core", "@electric-sql/pglite", "pg"],
  // The compiled server's pool starts workers at this name beside its own code (the sources' name for it).
  extraFiles: { "compute-worker-entry.mjs": 'import "./compute-worker.mjs";\n' },
});
