import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { compiledServerFile } from "./compiled-server.mjs";

/**
 * V8's allocation-site pretenuring off, for this thread and every compute worker started after
 * it. A plan's per-program objects all live until the plan is done, so a young collection in the
 * middle of a plan finds nearly all of them alive; V8 then decides those allocation sites make
 * long-lived objects and allocates their objects straight in the old generation, where they die
 * a moment later and only a full collection (marking every worker's whole heap) frees them. With
 * it off, about 35 KB of a plan reaches the old generation instead of about 165 KB, and a compute
 * worker runs a full collection about every 500 plans instead of about every 110 (measured with
 * --trace-gc and a heap sampling profile). Set before any worker starts; V8 reads it per isolate.
 */
setFlagsFromString("--no-allocation-site-pretenuring");

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
