#!/usr/bin/env node
/**
 * `npm run build:cli` (and `prepare`, which `npm ci` and `npm install` run): compiles the CLI to
 * JavaScript in dist/cli/, so `matchplan` starts without compiling TypeScript on every call
 * (scripts/compile-bundle.mjs does the compiling).
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
 * `report` loads them, through a dynamic import.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { compileBundle, root } from "./compile-bundle.mjs";

await compileBundle({
  name: "cli",
  what: "CLI",
  entryPoints: {
    main: "src/cli/main.ts",
    "batch-worker-entry": "src/io/batch-worker.ts",
    "market-worker-entry": "src/cli/market-worker.ts",
  },
  external: ["echarts", "playwright-core"],
  // The smoke run writes the rulebook cache into this (empty) file, from the repository's own
  // data/ whatever MATCHPLAN_DATA_DIR says.
  extraFiles: { "rulebook.v8": "" },
  check(folder) {
    const env = { ...process.env };
    delete env.MATCHPLAN_DATA_DIR;
    const smoke = spawnSync(process.execPath, [join(folder, "main.mjs"), "specialties", "--json"], {
      cwd: root,
      encoding: "utf8",
      env,
    });
    return smoke.status === 0 ? null : smoke.stderr;
  },
});
