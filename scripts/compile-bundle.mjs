/**
 * What `build:cli` and `build:server` share: bundle some entry points of the TypeScript sources
 * with esbuild into dist/<name>/, as ES modules for Node 20, and swap the folder in whole.
 *
 * - Packages are bundled too, except `external` ones; bundled CommonJS packages get a `require`.
 * - The build is written beside the target and renamed into place, so a process started meanwhile
 *   never sees half a build; `check(folder)` runs on the new folder first (a smoke run), and a
 *   failing check leaves the old build in place.
 * - `inputs.json` lists the source files compiled in: the entries that load a build check that
 *   none is newer, so an edit is never run from an old build.
 * - dist/<name>/ sits two folders below the package root, as src/cli/ and src/server/ do, so the
 *   paths the code builds from its own location (`../../data/`) mean the same compiled.
 *
 * esbuild comes with the dev dependencies (and with tsx). Without it there is nothing to compile
 * with: `compileBundle` says so and returns false, leaving the install working — the entries then
 * run the TypeScript sources. Plain JavaScript, so it runs before anything else is built.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * @param {{
 *   name: string,
 *   what: string,
 *   entryPoints: Record<string, string>,
 *   external: string[],
 *   extraFiles?: Record<string, string>,
 *   check?: (folder: string) => string | null,
 * }} options `what` names the build in messages; `extraFiles` are written beside the bundle;
 *   `check` returns a problem's text, or null when the new build runs.
 * @returns {Promise<boolean>} whether a build was made.
 */
export async function compileBundle({ name, what, entryPoints, external, extraFiles = {}, check }) {
  let build;
  try {
    ({ build } = await import("esbuild"));
  } catch {
    process.stdout.write(`esbuild is not installed: the ${what} will run from TypeScript sources\n`);
    return false;
  }
  const target = join(root, "dist", name);
  const fresh = join(root, "dist", `${name}.new-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir: fresh,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/"));
  writeFileSync(join(fresh, "inputs.json"), JSON.stringify(inputs));
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(join(fresh, file), text);

  const problem = check?.(fresh) ?? null;
  if (problem !== null) {
    rmSync(fresh, { recursive: true, force: true });
    process.stderr.write(`The compiled ${what} does not run:\n${problem}`);
    process.exit(1);
  }

  const old = join(root, "dist", `${name}.old-${process.pid}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
  process.stdout.write(`matchplan ${what} compiled into dist/${name}/ (${inputs.length} source files)\n`);
  return true;
}
