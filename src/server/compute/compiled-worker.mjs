import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The compiled compute worker under `root` (dist/server/, from `npm run build:server`), or null
 * when it is missing or a source file it was compiled from (listed in its inputs.json, relative to
 * `root`) is newer than it or gone: the caller then runs the TypeScript sources, never a stale build.
 */
export function compiledWorkerIfFresh(root) {
  const compiled = join(root, "dist", "server", "compute-worker.mjs");
  if (!existsSync(compiled)) return null;
  const builtAt = statSync(compiled).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, "dist", "server", "inputs.json"), "utf8"));
  } catch {
    return null;
  }
  const fresh = inputs.every((file) => {
    const st = statSync(join(root, file), { throwIfNoEntry: false });
    return st !== undefined && st.mtimeMs <= builtAt;
  });
  return fresh ? pathToFileURL(compiled) : null;
}
