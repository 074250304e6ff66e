import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compiledServerFile } from "./compiled-server.mjs";

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

describe("whether the server and its workers run compiled", () => {
  it("runs the compiled file when no source it was made from changed since", () => {
    const root = folder({ builtAt: 2_000 });
    expect(compiledServerFile(root, "compute-worker.mjs")?.pathname).toBe(
      join(root, "dist", "server", "compute-worker.mjs"),
    );
  });

  it("runs the sources when a source is newer than the build", () => {
    expect(compiledServerFile(folder({ builtAt: 500 }), "compute-worker.mjs")).toBeNull();
  });

  it("runs the sources when a source the build was made from is gone", () => {
    expect(
      compiledServerFile(
        folder({ builtAt: 2_000, inputs: ["src/worker.ts", "src/gone.ts"] }),
        "compute-worker.mjs",
      ),
    ).toBeNull();
  });

  it("runs the sources when there is no build", () => {
    expect(compiledServerFile(folder(null), "compute-worker.mjs")).toBeNull();
  });

  it("runs the sources when the build has no such file", () => {
    expect(compiledServerFile(folder({ builtAt: 2_000 }), "main.mjs")).toBeNull();
  });

  it("reads another build's folder when named (dist/bench/), by the same rules", () => {
    const root = folder({ builtAt: 2_000 });
    expect(compiledServerFile(root, "compute-worker.mjs", "bench")).toBeNull();
    cpSync(join(root, "dist", "server"), join(root, "dist", "bench"), {
      recursive: true,
      preserveTimestamps: true,
    });
    expect(compiledServerFile(root, "compute-worker.mjs", "bench")?.pathname).toBe(
      join(root, "dist", "bench", "compute-worker.mjs"),
    );
    utimesSync(join(root, "src", "worker.ts"), 3_000, 3_000);
    expect(compiledServerFile(root, "compute-worker.mjs", "bench")).toBeNull();
  });
});
