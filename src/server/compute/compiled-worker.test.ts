import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module (the worker entry loads it before any TypeScript loader)
import { compiledWorkerIfFresh } from "./compiled-worker.mjs";

/** A package folder with one source file and, if asked, a build of it made at `builtAt` (seconds). */
function folder(build: { builtAt: number; inputs?: string[] } | null, sourceAt = 1_000) {
  const root = mkdtempSync(join(tmpdir(), "matchplan-compiled-"));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "src", "worker.ts"), "");
  utimesSync(join(root, "src", "worker.ts"), sourceAt, sourceAt);
  if (build) {
    mkdirSync(join(root, "dist", "server"), { recursive: true });
    writeFileSync(join(root, "dist", "server", "compute-worker.mjs"), "");
    writeFileSync(
      join(root, "dist", "server", "inputs.json"),
      JSON.stringify(build.inputs ?? ["src/worker.ts"]),
    );
    utimesSync(join(root, "dist", "server", "compute-worker.mjs"), build.builtAt, build.builtAt);
  }
  roots.push(root);
  return root;
}
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe("which compute worker a worker thread runs", () => {
  it("runs the compiled worker when no source it was made from changed since", () => {
    const root = folder({ builtAt: 2_000 });
    expect(compiledWorkerIfFresh(root)?.pathname).toBe(join(root, "dist", "server", "compute-worker.mjs"));
  });

  it("runs the sources when a source is newer than the build", () => {
    expect(compiledWorkerIfFresh(folder({ builtAt: 500 }))).toBeNull();
  });

  it("runs the sources when a source the build was made from is gone", () => {
    expect(
      compiledWorkerIfFresh(folder({ builtAt: 2_000, inputs: ["src/worker.ts", "src/gone.ts"] })),
    ).toBeNull();
  });

  it("runs the sources when there is no build", () => {
    expect(compiledWorkerIfFresh(folder(null))).toBeNull();
  });
});
