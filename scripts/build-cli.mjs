#!/usr/bin/env node
/**
 * `npm run build:cli` (and `prepare`, which `npm ci` and `npm install` run): compiles the CLI to
 * JavaScript in dist/cli/, so `matchplan` starts without compiling TypeScript on every call.
 *
 *   main.mjs                 the CLI (src/cli/main.ts), bundled with esbuild with its packages
 *   batch-worker-entry.mjs   the batch worker (src/io/batch-worker.ts), at the name run-batch.ts loads
 *   market-worker-entry.mjs  the worker of `market simulate` (src/cli/market-worker.ts), at the name market-job.ts loads
 *   chunk-*.mjs, report-*.mjs code shared by both, and the report (ECharts, Chromium) loaded only by `report`
 *   inputs.json              the source files compiled in: bin/matchplan.js checks none is newer
 *   rulebook.v8              the compiled rulebook (see src/cli/load-data.ts), written by the smoke run
 *
 * Packages are bundled too: loading zod, yaml and commander file by file from node_modules cost
 * about 0.1 s of CPU on every call. ECharts and playwright-core stay in node_modules: only
 * `report` loads them, through a dynamic import. Bundled CommonJS packages get a `require`.
 *
 * dist/cli/ sits two folders below the package root, as src/cli/ and src/io/ do, so the paths the
 * code builds from its own location (`../../data/`, `../../package.json`) mean the same compiled.
 * Plain JavaScript, so it runs before anything else is built.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// esbuild comes with the dev dependencies (and with tsx). Without it there is nothing to compile
// with: say so and leave the install working — bin/matchplan.js then runs the TypeScript sources.
let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  process.stdout.write("esbuild is not installed: the matchplan CLI will run from its TypeScript sources\n");
  process.exit(0);
}

const root = fileURLToPath(new URL("..", import.meta.url));
const target = join(root, "dist", "cli");
// Built beside the target and swapped in whole, so a `matchplan` started meanwhile never sees half a build.
const fresh = join(root, "dist", `cli.new-${process.pid}`);

rmSync(fresh, { recursive: true, force: true });
mkdirSync(fresh, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: "src/cli/main.ts",
    "batch-worker-entry": "src/io/batch-worker.ts",
    "market-worker-entry": "src/cli/market-worker.ts",
  },
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

// Smoke-run the result; it also writes the rulebook cache beside it, from the repository's own
// data/ whatever MATCHPLAN_DATA_DIR says.
writeFileSync(join(fresh, "rulebook.v8"), "");
const env = { ...process.env };
delete env.MATCHPLAN_DATA_DIR;
const smoke = spawnSync(process.execPath, [join(fresh, "main.mjs"), "specialties", "--json"], {
  cwd: root,
  encoding: "utf8",
  env,
});
if (smoke.status !== 0) {
  rmSync(fresh, { recursive: true, force: true });
  process.stderr.write(`The compiled CLI does not run:\n${smoke.stderr}`);
  process.exit(1);
}

const old = join(root, "dist", `cli.old-${process.pid}`);
if (existsSync(target)) renameSync(target, old);
renameSync(fresh, target);
rmSync(old, { recursive: true, force: true });
process.stdout.write(`matchplan CLI compiled into dist/cli/ (${inputs.length} source files)\n`);
