#!/usr/bin/env node
/**
 * `matchplan`: runs the compiled CLI in dist/cli/ (built by `npm run build:cli`, which `npm ci`
 * runs as `prepare`). When it is missing, or a source file it was compiled from has changed since,
 * it says so and runs the TypeScript sources through tsx instead — slower (about a second more),
 * never stale.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = new URL("../dist/cli/main.mjs", import.meta.url);

function whyNotCompiled() {
  if (!existsSync(compiled)) return "the compiled CLI (dist/cli/) is missing";
  const builtAt = statSync(compiled).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL("../dist/cli/inputs.json", import.meta.url), "utf8"));
  } catch {
    return "dist/cli/inputs.json is missing";
  }
  for (const file of inputs) {
    const st = statSync(root + file, { throwIfNoEntry: false });
    if (!st) return `${file}, compiled into dist/cli/, no longer exists`;
    if (st.mtimeMs > builtAt) return `${file} changed after dist/cli/ was compiled`;
  }
  return null;
}

const reason = whyNotCompiled();
if (reason === null) {
  await import(compiled.href);
} else {
  process.stderr.write(
    `matchplan: ${reason}; running the TypeScript sources instead (slower). \`npm run build:cli\` compiles it.\n`,
  );
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
