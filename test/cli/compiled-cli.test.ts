import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * The command as installed: `npm ci` compiles it (the `prepare` script) into dist/cli/, and
 * bin/matchplan.js runs that. These tests spawn it as a user would.
 */
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  scripts: Record<string, string>;
  bin: Record<string, string>;
};
const run = (args: string[], script = bin) => {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** A stack frame, as Node prints an uncaught error. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** Runs the command and closes the reading end of its output early, as `| head -1` does. */
function runClosingEarly(args: string[], closeAfterFirstChunk: boolean) {
  return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    if (closeAfterFirstChunk) child.stdout.once("data", () => child.stdout.destroy());
    else child.stdout.destroy();
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe("the compiled CLI", () => {
  it("npm ci builds it: `prepare` compiles src/cli into dist/cli/, which `bin` runs", () => {
    expect(pkg.scripts.prepare).toMatch(/build-cli/);
    expect(pkg.bin.matchplan).toBe("bin/matchplan.js");
    expect(readFileSync(bin, "utf8")).toContain("../dist/cli/main.mjs");
    expect(existsSync(join(root, "dist/cli/main.mjs"))).toBe(true);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toMatch(/^dist\/$/m);
  });

  it("runs on its own, without TypeScript", () => {
    const r = run(["--version"], join(root, "dist/cli/main.mjs"));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("--version and -V print the package's version", () => {
    for (const flag of ["--version", "-V"]) {
      const r = run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
  });

  it("a reader that closes the pipe at once (`matchplan specialties | head -1`) ends it quietly with code 0", async () => {
    const r = await runClosingEarly(["specialties"], false);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
  });

  it("a reader that stops after the first chunk of a long output ends it quietly with code 0", async () => {
    const r = await runClosingEarly(
      ["programs", "search", "--specialty", "internal-medicine", "--json"],
      true,
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
  });
});

describe("bin/matchplan.js picks the compiled CLI only while it is current", () => {
  // A package of its own: the launcher, a stand-in compiled CLI, and one source file it was built from.
  const pkgDir = scratchDir("matchplan-bin-");
  mkdirSync(join(pkgDir, "bin"));
  mkdirSync(join(pkgDir, "dist/cli"), { recursive: true });
  mkdirSync(join(pkgDir, "src"));
  copyFileSync(bin, join(pkgDir, "bin/matchplan.js"));
  writeFileSync(join(pkgDir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(pkgDir, "dist/cli/main.mjs"), 'process.stdout.write("compiled\\n");');
  writeFileSync(join(pkgDir, "dist/cli/inputs.json"), JSON.stringify(["src/a.ts"]));
  writeFileSync(join(pkgDir, "src/a.ts"), "export {};");
  const launch = () => run([], join(pkgDir, "bin/matchplan.js"));
  const at = (file: string, seconds: number) => utimesSync(join(pkgDir, file), seconds, seconds);

  it("runs dist/cli/ when no source it was compiled from is newer", () => {
    at("src/a.ts", 1_000);
    at("dist/cli/main.mjs", 2_000);
    const r = launch();
    expect(r.stdout).toBe("compiled\n");
    expect(r.stderr).toBe("");
  });

  it("says which source changed, and runs the sources instead, when one is newer", () => {
    at("src/a.ts", 3_000);
    const r = launch();
    expect(r.stdout).not.toContain("compiled");
    expect(r.stderr).toContain("src/a.ts changed after dist/cli/ was compiled");
    expect(r.stderr).toContain("npm run build:cli");
  });
});
