import { existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A compute worker's first module. It runs the compiled worker in dist/server/ (`npm run
 * build:server`, which `npm ci` runs as `prepare`): a worker thread starts without the parent's
 * TypeScript loader, and registering tsx here would cost each worker a loader thread of its own
 * (about 26 MB, measured). When the compiled worker is missing, or a source file it was compiled
 * from has changed since, it registers tsx and runs the TypeScript sources instead — never stale.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const compiled = new URL("../../../dist/server/compute-worker.mjs", import.meta.url);

function isFresh() {
  if (!existsSync(compiled)) return false;
  const builtAt = statSync(compiled).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL("../../../dist/server/inputs.json", import.meta.url), "utf8"));
  } catch {
    return false;
  }
  return inputs.every((file) => {
    const st = statSync(root + file, { throwIfNoEntry: false });
    return st !== undefined && st.mtimeMs <= builtAt;
  });
}

if (isFresh()) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./compute-worker.ts");
}
