import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../../test/support/scratch-dir.ts";
import type { Issue } from "../core/issues.ts";
import { buildCatalog } from "./build-catalog.ts";
import { defaultImportDir, IMPORT_RECORD, type ImportResult, importCatalog } from "./import-catalog.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("./test-fixtures/raw", import.meta.url));
const now = new Date("2026-12-06T10:00:00Z");
const scratch = () => scratchDir("matchplan-import-");

function run(raw: string, out: string, replaceShipped = false, at = root) {
  return importCatalog({ root: at, raw, out, replaceShipped, now });
}

function value(r: ReturnType<typeof run>): ImportResult {
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.issues)}`);
  return r.value;
}

function issues(r: ReturnType<typeof run>): Issue[] {
  if (r.ok) throw new Error("import succeeded where it should have failed");
  return r.issues;
}

/** A copy of the fixture exports that a test may break. */
function fixtureCopy(): string {
  const dir = join(scratch(), "raw");
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("importing a user's own exports", () => {
  const out = join(scratch(), "my-data");
  const result = value(run(fixture, out));

  it("writes the catalog that `npm run data:build` makes of the same exports, byte for byte", () => {
    const built = buildCatalog({ root, raw: fixture, out: join(tmpdir(), "matchplan-none.json") });
    expect(readFileSync(join(out, "catalog/programs.json"), "utf8") === built.text).toBe(true);
  });

  it("gives the new folder the shipped rulebook, facts and model, but not the shipped raw exports", () => {
    expect(result.created).toBe(true);
    for (const file of [
      "sources.yaml",
      "specialties.yaml",
      "facts/exam-rules.yaml",
      "model/program-model.yaml",
    ])
      expect(existsSync(join(out, file))).toBe(true);
    expect(existsSync(join(out, "raw"))).toBe(false);
  });

  it("records every input file with its size and SHA-256, and says which differ from the shipped copy", () => {
    const record = JSON.parse(readFileSync(join(out, IMPORT_RECORD), "utf8"));
    expect(record).toEqual(JSON.parse(JSON.stringify(result.record)));
    expect(record.importedAt).toBe("2026-12-06T10:00:00.000Z");
    const nrmp = record.inputs.find((i: { key: string }) => i.key === "nrmp");
    const path = "nrmp-program-list-2023/nrmp_programs_joined.csv";
    expect(nrmp.files[0]).toEqual({
      path,
      bytes: readFileSync(join(fixture, path)).length,
      sha256: sha256(join(fixture, path)),
      sameAsShipped: false,
    });
    const census = record.inputs.find((i: { key: string }) => i.key === "censusDivisions");
    expect(census.files[0].sameAsShipped).toBe(true);
    expect(record.catalog.sameAsShipped).toBe(false);
    expect(record.catalog.sha256).toBe(sha256(join(out, "catalog/programs.json")));
  });

  it("prints the join rates and the comparison with the shipped exports", () => {
    expect(result.report).toContain("  residency-explorer → nrmp: diagnostic-radiology 3/4 (75.0%)");
    expect(result.report).toContain(
      "Input nrmp (nrmp-program-list-2023, 2023): 2 files, 2 differ from the shipped copy",
    );
    expect(result.report.at(-1)).toBe("The catalog differs from the shipped data/catalog/programs.json.");
  });

  it("replaces only the catalog and the record when it imports again into a folder it made", () => {
    writeFileSync(join(out, "facts/my-note.txt"), "mine");
    const again = value(run(fixture, out));
    expect(again.created).toBe(false);
    expect(readFileSync(join(out, "facts/my-note.txt"), "utf8")).toBe("mine");
    expect(again.report).toContain("Changes against the previous catalog: 0 added, 0 removed, 0 changed");
  });
});

describe("where an import may write", () => {
  it("refuses the shipped data folder unless asked to replace it", () => {
    expect(issues(run(fixture, join(root, "data")))).toEqual([
      expect.objectContaining({ path: "--out", message: expect.stringContaining("--replace-shipped") }),
    ]);
  });

  it("refuses the shipped data folder reached through a symbolic link", () => {
    const link = join(scratch(), "data-link");
    symlinkSync(join(root, "data"), link);
    expect(issues(run(fixture, link))[0]?.message).toMatch(/is the shipped data folder/);
  });

  it("with --replace-shipped, replaces the shipped catalog only and writes no record there", () => {
    const copy = scratch();
    cpSync(join(root, "package.json"), join(copy, "package.json"));
    for (const part of ["sources.yaml", "specialties.yaml", "catalog", "geography"])
      cpSync(join(root, "data", part), join(copy, "data", part), { recursive: true });
    const r = value(run(fixture, join(copy, "data"), true, copy));
    expect(r.recorded).toBe(false);
    expect(existsSync(join(copy, "data", IMPORT_RECORD))).toBe(false);
    expect(readFileSync(join(copy, "data/catalog/programs.json"), "utf8")).not.toBe(
      readFileSync(join(root, "data/catalog/programs.json"), "utf8"),
    );
  });

  it("refuses a folder inside the shipped data, and a non-empty folder an import did not make", () => {
    expect(issues(run(fixture, join(root, "data/catalog")))[0]?.message).toMatch(
      /inside the shipped data folder/,
    );
    const someone = scratch();
    writeFileSync(join(someone, "notes.txt"), "not data");
    expect(issues(run(fixture, someone))[0]?.message).toMatch(
      /not empty and was not made by `matchplan data import`/,
    );
    expect(readFileSync(join(someone, "notes.txt"), "utf8")).toBe("not data");
  });

  it("writes into an empty folder", () => {
    const empty = scratch();
    expect(value(run(fixture, empty)).created).toBe(true);
  });

  it("defaults to the XDG data folder, else ~/.local/share", () => {
    expect(defaultImportDir({ XDG_DATA_HOME: "/x" }, "/home/a")).toBe("/x/matchplan/data");
    expect(defaultImportDir({}, "/home/a")).toBe("/home/a/.local/share/matchplan/data");
  });
});

describe("exports the build cannot read are refused, naming the file and the column", () => {
  const out = () => join(scratch(), "out");

  it("a missing --raw folder", () => {
    expect(issues(run(join(scratch(), "nowhere"), out()))).toEqual([
      expect.objectContaining({ code: "missing_field", path: "--raw" }),
    ]);
  });

  it("a missing input folder, by name", () => {
    const raw = fixtureCopy();
    rmSync(join(raw, "maction-program-geocodes"), { recursive: true });
    const target = out();
    expect(issues(run(raw, target))).toEqual([
      expect.objectContaining({
        path: "maction-program-geocodes/",
        message: expect.stringMatching(/folder is missing/),
      }),
    ]);
    expect(existsSync(target)).toBe(false);
  });

  it("a missing column, by file and column", () => {
    const raw = fixtureCopy();
    const file = "nrmp-program-list-2023/nrmp_programs_joined.csv";
    const text = readFileSync(join(raw, file), "utf8");
    writeFileSync(join(raw, file), text.replace("nrmp_program_code", "program_code"));
    expect(issues(run(raw, out()))).toEqual([
      expect.objectContaining({ code: "missing_field", file, path: "nrmp_program_code" }),
    ]);
  });

  it("a Residency Explorer file without a rate column, and a Florida file without its Matched column", () => {
    const raw = fixtureCopy();
    const re = "residency-explorer-interview-rates-2024/Internal Medicine.csv";
    const fl = "nrmp-florida-program-results/NRMP_2020_2026_Main_and_Specialty.csv";
    writeFileSync(join(raw, re), readFileSync(join(raw, re), "utf8").replace("Non US IMG", "Non-US IMG"));
    writeFileSync(join(raw, fl), readFileSync(join(raw, fl), "utf8").replace("2024 Matched", "2024 Filled"));
    const found = issues(run(raw, out())).map((i) => [i.file, i.path]);
    expect(found).toEqual([
      [fl, "2024 Matched"],
      [re, "Non US IMG"],
    ]);
  });

  it("a value the reader rejects, by file", () => {
    const raw = fixtureCopy();
    const re = "residency-explorer-interview-rates-2024/Internal Medicine.csv";
    const [head, first, ...rest] = readFileSync(join(raw, re), "utf8").split("\n");
    const broken = (first as string).replace(",0.5,", ",7.5,");
    writeFileSync(join(raw, re), [head, broken, ...rest].join("\n"));
    expect(issues(run(raw, out()))).toEqual([
      expect.objectContaining({
        path: re,
        message: expect.stringMatching(/In-State School = "7.5" is not a fraction/),
      }),
    ]);
  });

  it("an inputs.yaml of the user's that names a source the bibliography does not hold", () => {
    const raw = fixtureCopy();
    const manifest = readFileSync(join(root, "data/catalog/inputs.yaml"), "utf8");
    writeFileSync(
      join(raw, "inputs.yaml"),
      manifest.replace("source: freida-im-2025", "source: freida-im-2027"),
    );
    expect(issues(run(raw, out()))).toEqual([
      expect.objectContaining({ code: "unknown_source", file: "inputs.yaml", path: "freidaIm.source" }),
    ]);
  });

  it("a Transitional Year list that is not a JSON array of programs", () => {
    const raw = fixtureCopy();
    const ty = "freida-ty-list-2022/freida_transitional_year_programs_2022.json";
    writeFileSync(join(raw, ty), JSON.stringify([{ title: "A Program" }]));
    expect(issues(run(raw, out()))).toEqual([expect.objectContaining({ file: ty, path: "[0].link" })]);
  });
});
