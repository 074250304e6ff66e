import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";

/** `matchplan data import`, run as a user runs it (bin/matchplan.js). */
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const fixture = join(root, "src/build/test-fixtures/raw");
const scratch = () => scratchDir("matchplan-data-cli-");
const run = (args: string[], env: Record<string, string | undefined> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, MATCHPLAN_DATA_DIR: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("matchplan data import", () => {
  // Rebuilding the whole catalog takes ~11 s alone; on a shared CI machine it can take several times that.
  it("run on the repository's own raw files, reproduces the shipped catalog byte for byte, in a folder the CLI then uses", {
    timeout: 180_000,
  }, () => {
    const out = join(scratch(), "data");
    const r = run(["data", "import", "--raw", "data/raw", "--out", out]);
    expect(r.stderr).not.toMatch(/Invalid input|Internal error/);
    expect(r.code).toBe(0);
    const shipped = readFileSync(join(root, "data/catalog/programs.json"));
    expect(readFileSync(join(out, "catalog/programs.json")).equals(shipped)).toBe(true);
    expect(r.stdout).toContain("residency-explorer → nrmp: diagnostic-radiology 179/197 (90.9%)");
    expect(r.stdout).toContain("The catalog is byte for byte the shipped data/catalog/programs.json.");
    expect(r.stdout).toContain(`MATCHPLAN_DATA_DIR=${out}`);

    const search = ["programs", "search", "--specialty", "diagnostic-radiology", "--state", "TX", "--json"];
    const fromImport = run(search, { MATCHPLAN_DATA_DIR: out });
    expect(fromImport.code).toBe(0);
    expect(JSON.parse(fromImport.stdout).count).toBeGreaterThan(0);
    expect(fromImport.stdout).toBe(run(search).stdout);
  });

  it("exits 2 on exports with a missing column, naming the file and the column, and writes nothing", () => {
    const raw = join(scratch(), "raw");
    cpSync(fixture, raw, { recursive: true });
    const file = "maction-program-geocodes/program_geocodes_2018_2019.csv";
    writeFileSync(join(raw, file), readFileSync(join(raw, file), "utf8").replace("latitude", "lat"));
    const out = join(scratch(), "data");
    const r = run(["data", "import", "--raw", raw, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: latitude: column is missing`);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 when --raw names no folder, naming it", () => {
    const r = run(["data", "import", "--raw", "/nowhere/exports", "--out", join(scratch(), "data")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--raw: folder "/nowhere/exports" does not exist');
  });

  it("never writes into the shipped data/ unless --replace-shipped is given", () => {
    const before = readFileSync(join(root, "data/catalog/programs.json"));
    const r = run(["data", "import", "--raw", fixture, "--out", "data"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is the shipped data folder; add --replace-shipped");
    expect(readFileSync(join(root, "data/catalog/programs.json")).equals(before)).toBe(true);
  });

  it("without --out, writes to MATCHPLAN_DATA_DIR, else to the XDG data folder; --json prints the record", () => {
    const dataDir = join(scratch(), "env-data");
    const viaEnv = run(["data", "import", "--raw", fixture, "--json"], { MATCHPLAN_DATA_DIR: dataDir });
    expect(viaEnv.code).toBe(0);
    const record = JSON.parse(viaEnv.stdout);
    expect(record.madeBy).toBe("matchplan data import");
    expect(record.inputs.flatMap((i: { files: unknown[] }) => i.files).length).toBeGreaterThan(6);
    expect(existsSync(join(dataDir, "catalog/import.json"))).toBe(true);

    const xdg = scratch();
    const viaXdg = run(["data", "import", "--raw", fixture], { XDG_DATA_HOME: xdg });
    expect(viaXdg.code).toBe(0);
    expect(existsSync(join(xdg, "matchplan/data/catalog/programs.json"))).toBe(true);
  });
});
