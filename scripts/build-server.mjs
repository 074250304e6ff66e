#!/usr/bin/env node
/**
 * `npm run build:server` (and `prepare`, which `npm ci` and `npm install` run): compiles the
 * server and its compute worker to JavaScript in dist/server/, so neither the server thread nor a
 * worker thread runs a TypeScript loader. tsx registers its loader on a thread of its own in every
 * thread that registers it, and keeps what it compiled: about 26 MB per compute worker and about
 * 90 MB in the server thread (measured), held for the process's life.
 *
 *   main.mjs             the server (src/server/main.ts), which src/server/server-entry.mjs runs
 *   compute-worker.mjs   the worker (src/server/compute/compute-worker.ts)
 *   compute-worker-entry.mjs   what the compiled server's pool starts in each worker thread
 *   chunk-*.mjs, report-render-*.mjs, season-*.mjs   code shared by both, and parts loaded on first use
 *   inputs.json          the source files compiled in: the entries check none is newer
 *
 * src/server/server-entry.mjs and src/server/compute/compute-worker-entry.mjs run the TypeScript
 * sources instead when this folder is missing or stale, so an edit is never served from an old
 * build. dist/server/ sits two folders below the package root, as src/server/ and src/store/ do,
 * so the paths the code builds from its own location (`../../data/`, the migrations) mean the
 * same compiled. Packages are bundled too, except those that read files beside their own code
 * (PGlite's WebAssembly, pg's optional native driver) or that only one rare route loads
 * (ECharts, playwright-core). Plain JavaScript, so it runs before anything else is built.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  process.stdout.write("esbuild is not installed: the server and its workers will run from their TypeScript sources\n");
  process.exit(0);
}

const root = fileURLToPath(new URL("..", import.meta.url));
const target = join(root, "dist", "server");
// Built beside the target and swapped in whole, so a worker started meanwhile never sees half a build.
const fresh = join(root, "dist", `server.new-${process.pid}`);

rmSync(fresh, { recursive: true, force: true });
mkdirSync(fresh, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "src/server/main.ts", "compute-worker": "src/server/compute/compute-worker.ts" },
  outdir: fresh,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["echarts", "playwright-core", "@electric-sql/pglite", "pg"],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/"));
writeFileSync(join(fresh, "inputs.json"), JSON.stringify(inputs));
// The compiled server's pool starts workers at this name beside its own code (the sources' name for it).
writeFileSync(join(fresh, "compute-worker-entry.mjs"), 'import "./compute-worker.mjs";\n');

const old = join(root, "dist", `server.old-${process.pid}`);
if (existsSync(target)) renameSync(target, old);
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`matchplan server and compute worker compiled into dist/server/ (${inputs.length} source files)\n`);
