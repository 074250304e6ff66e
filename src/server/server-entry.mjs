import { fileURLToPath } from "node:url";
import { compiledServerFile } from "./compiled-server.mjs";
import { applyEngineFlags } from "./engine-flags.mjs";

// Before anything else runs: the engine settings every thread of the server starts with.
applyEngineFlags();

/**
 * `npm start`: runs the compiled server in dist/server/ (`npm run build:server`, which `npm ci`
 * runs as `prepare`). Run through tsx instead, the server thread carries a TypeScript loader (a
 * thread of its own) and the compiled sources it made: about 90 MB more resident memory at
 * start, measured (386–395 MB against 479–500 MB with two compute workers). When the build is
 * missing, or a source file it was compiled from has changed since, it registers tsx and runs the
 * TypeScript sources instead — never stale, and silently, so the server's own start-up lines
 * stay the only ones.
 */
const compiled = compiledServerFile(fileURLToPath(new URL("../../", import.meta.url)), "main.mjs");
if (compiled) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./main.ts");
}
