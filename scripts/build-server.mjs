#!/usr/bin/env node
/**
 * `npm run build:server` (and `prepare`, which `npm ci` and `npm install` run): compiles the
 * server's compute worker to JavaScript in dist/server/, so each worker thread starts without a
 * TypeScript loader of its own. tsx registers its loader on a thread of its own in every thread
 * that registers it: about 26 MB of memory per compute worker (measured), held for the worker's life.
 *
 *   compute-worker.mjs   the worker (src/server/compute/compute-worker.ts), bundled with esbuild
 *   chunk-*.mjs, report-render-*.mjs   the HTML report renderer, loaded on first use
 *   inputs.json          the source files compiled in: compute-worker-entry.mjs checks none is newer
 *
 * compute-worker-entry.mjs runs the TypeScript sources instead when this folder is missing or
 * stale, so an edit is never served from an old build. dist/server/ sits two folders below the
 * package root, as src/server/ does. Plain JavaScript, so it runs before anything else is built.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  process.stdout.write("esbuild is not installed: the compute workers will run from their TypeScript sources\n");
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
  entryPoints: { "compute-worker": "src/server/compute/compute-worker.ts" },
  outdir: fresh,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["echarts", "playwright-core"],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/"));
writeFileSync(join(fresh, "inputs.json"), JSON.stringify(inputs));

const old = join(root, "dist", `server.old-${process.pid}`);
if (existsSync(target)) renameSync(target, old);
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`matchplan compute worker compiled into dist/server/ (${inputs.length} source files)\n`);
