import { fileURLToPath } from "node:url";
import { compiledServerFile } from "../compiled-server.mjs";

/**
 * A compute worker's first module when the server runs from its TypeScript sources (the
 * compiled server starts dist/server/compute-worker-entry.mjs instead). It runs the compiled
 * worker in dist/server/ (`npm run build:server`, which `npm ci` runs as `prepare`): a worker
 * thread starts without the parent's TypeScript loader, and registering tsx here would cost each
 * worker a loader thread of its own (about 26 MB, measured). When the compiled worker is missing,
 * or a source file it was compiled from has changed since, it registers tsx and runs the
 * TypeScript sources instead — never stale.
 */
const compiled = compiledServerFile(
  fileURLToPath(new URL("../../../", import.meta.url)),
  "compute-worker.mjs",
);
if (compiled) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./compute-worker.ts");
}
