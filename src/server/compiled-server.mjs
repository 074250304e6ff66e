import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A file of the compiled server under `root` (dist/server/, from `npm run build:server`:
 * `main.mjs`, the server, or `compute-worker.mjs`, a compute worker), or null when it is
 * missing or a source file it was compiled from (listed in dist/server/inputs.json, relative to
 * `root`) is newer than it or gone: the caller then runs the TypeScript sources, never a stale build.
 * `folder` names another build of scripts/compile-bundle.mjs (dist/bench/, the load bench's core reference).
 */
export function compiledServerFile(root, name, folder = "server") {
  const compiled = join(root, "dist", folder, name);
  if (!existsSync(compiled)) return null;
  const builtAt = statSync(compiled).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, "dist", folder, "inputs.json"), "utf8"));
  } catch {
    return null;
  }
  const fresh = inputs.every((file) => {
    const st = statSync(join(root, file), { throwIfNoEntry: false });
    return st !== undefined && st.mtimeMs <= builtAt;
  });
  return fresh ? pathToFileURL(compiled) : null;
}
