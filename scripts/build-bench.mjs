#!/usr/bin/env node
/**
 * `npm run build:bench` (run by `prebench` and `prebench:load`): compiles the load bench's core
 * reference (bench/core-reference.ts) into dist/bench/, so the time its target is set from is the
 * core's as the server runs it, compiled (scripts/compile-bundle.mjs), not through tsx.
 */
import { compileBundle } from "./compile-bundle.mjs";

await compileBundle({
  name: "bench",
  what: "load bench's core reference",
  entryPoints: { "core-reference": "bench/core-reference.ts" },
  external: ["echarts", "playwright-core", "@electric-sql/pglite", "pg"],
});
