#!/usr/bin/env node
/**
 * `npm run build:cli` (and `prepare`, which `npm ci` and `npm install` run): compiles the CLI to
 * JavaScript in dist/cli/, so `matchplan` starts without compiling TypeScript on every call.
 *
 *   main.mjs                 the CLI (src/cli/main.ts), bundled with esbuild; packages stay in node_modules
 *   batch-worker-entry.mjs   the batch worker (src/io/batch-worker.ts), at the name run-batch.ts loads
 *   chunk-*.mjs, report-*.mjs code shared by both, and the report (ECharts, Chromium) loaded only by `report`
 *   inputs.json              the source files compiled in: bin/matchplan.js checks none is newer
 *   rulebook.v8              the compiled rulebook (see src/cli/load-data.ts), written by the smoke run
 *
 * dist/cli/ sits two folders below the package root, as src/cli/ and src/io/ do, so the paths the
 * code builds from its own location (`../../data/`, `../../package.json`) mean the same compiled.
 * Plain JavaScript, so it runs before anything else is built.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = fileURLToPath(new URL("../dist/cli/", import.meta.url));

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli/main.ts", "batch-worker-entry": "src/io/batch-worker.ts" },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/"));
writeFileSync(join(outdir, "inputs.json"), JSON.stringify(inputs));

// Smoke-run the result; it also writes the parsed-rulebook cache beside it.
// The repository's own data/, whatever MATCHPLAN_DATA_DIR says: that is what the cache is for.
writeFileSync(join(outdir, "rulebook.v8"), "");
const env = { ...process.env };
delete env.MATCHPLAN_DATA_DIR;
const smoke = spawnSync(process.execPath, [join(outdir, "main.mjs"), "specialties", "--json"], {
  cwd: root,
  encoding: "utf8",
  env,
});
if (smoke.status !== 0) {
  process.stderr.write(`The compiled CLI does not run:\n${smoke.stderr}`);
  process.exit(1);
}
process.stdout.write(`matchplan CLI compiled into dist/cli/ (${inputs.length} source files)\n`);
