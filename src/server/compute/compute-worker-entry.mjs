import { fileURLToPath } from "node:url";
import { compiledWorkerIfFresh } from "./compiled-worker.mjs";

/**
 * A compute worker's first module. It runs the compiled worker in dist/server/ (`npm run
 * build:server`, which `npm ci` runs as `prepare`): a worker thread starts without the parent's
 * TypeScript loader, and registering tsx here would cost each worker a loader thread of its own
 * (about 26 MB, measured). When the compiled worker is missing, or a source file it was compiled
 * from has changed since, it registers tsx and runs the TypeScript sources instead — never stale.
 */
const compiled = compiledWorkerIfFresh(fileURLToPath(new URL("../../../", import.meta.url)));
if (compiled) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./compute-worker.ts");
}
