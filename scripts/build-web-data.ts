/**
 * `tsx scripts/build-web-data.ts [--data DIR] [--out DIR]` (part of `npm run build:web`)
 *
 * Writes the data the web page fetches at start, so the engine runs in the browser on exactly
 * the files the CLI reads:
 *   rulebook.json       the parsed rulebook files, `[{ path, data }]` — `compileRulebook` input
 *   program-model.json  `{ model }`: data/model/program-model.yaml, parsed (fees are cycle facts, in the rulebook)
 *   catalog.json        data/catalog/programs.json as is (compact), after `catalogSchema` has accepted it:
 *                      the page only expands it (`expandValidatedCatalog`) instead of validating it again
 *   season.json         `{ model, unfilled }`: data/model/season.yaml and the unfilled-positions record
 *                      (null when the data folder has none), fetched only when the season's tracker opens
 * YAML is parsed here so the browser needs no YAML parser. Everything is compiled and validated
 * first with the same core the page uses: broken data fails the build instead of the page.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { formatIssue } from "../src/core/issues.ts";
import { compileRulebook } from "../src/core/rulebook/compile-rulebook.ts";
import { loadProgramData } from "../src/io/load-program-data.ts";
import { defaultDataDir, readDataFiles } from "../src/io/load-rulebook.ts";
import { loadSeasonData, SEASON_FILES } from "../src/io/load-season-model.ts";

export const WEB_DATA_FILES = {
  rulebook: "rulebook.json",
  programModel: "program-model.json",
  catalog: "catalog.json",
  season: "season.json",
} as const;

export interface WebDataResult {
  files: Array<{ name: string; bytes: number }>;
}

/** Reads `dataDir`, checks it compiles, and writes the three files into `outDir`. Throws on bad data. */
export function buildWebData(dataDir: string, outDir: string): WebDataResult {
  const files = readDataFiles(dataDir);
  if (!files.ok) throw new Error(`data/ cannot be read:\n${files.issues.map(formatIssue).join("\n")}`);
  // Round-trip through JSON first: the page compiles what it fetches, not what YAML produced.
  const rulebookText = JSON.stringify(files.value);
  const rb = compileRulebook(JSON.parse(rulebookText));
  if (!rb.ok) throw new Error(`the rulebook does not compile:\n${rb.issues.map(formatIssue).join("\n")}`);
  const programData = loadProgramData(rb.value, dataDir);
  if (!programData.ok)
    throw new Error(`the program data do not load:\n${programData.issues.map(formatIssue).join("\n")}`);

  const read = (path: string) => readFileSync(join(dataDir, path), "utf8");
  const modelText = JSON.stringify({
    model: parse(read("model/program-model.yaml")),
  });

  const season = loadSeasonData(rb.value, dataDir);
  if (!season.ok)
    throw new Error(`the season's data do not load:\n${season.issues.map(formatIssue).join("\n")}`);
  const seasonText = JSON.stringify({
    model: parse(read(SEASON_FILES.model)),
    unfilled: season.value.unfilled ? parse(read(SEASON_FILES.unfilled)) : null,
  });

  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, WEB_DATA_FILES.rulebook), rulebookText);
  writeFileSync(join(outDir, WEB_DATA_FILES.programModel), modelText);
  copyFileSync(join(dataDir, "catalog/programs.json"), join(outDir, WEB_DATA_FILES.catalog));
  writeFileSync(join(outDir, WEB_DATA_FILES.season), seasonText);
  return {
    files: [
      { name: WEB_DATA_FILES.rulebook, bytes: Buffer.byteLength(rulebookText) },
      { name: WEB_DATA_FILES.programModel, bytes: Buffer.byteLength(modelText) },
      { name: WEB_DATA_FILES.catalog, bytes: Buffer.byteLength(read("catalog/programs.json")) },
      { name: WEB_DATA_FILES.season, bytes: Buffer.byteLength(seasonText) },
    ],
  };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dataDir = resolve(option(args, "--data") ?? defaultDataDir());
  const outDir = resolve(
    option(args, "--out") ?? fileURLToPath(new URL("../web/public/data/", import.meta.url)),
  );
  try {
    const r = buildWebData(dataDir, outDir);
    for (const f of r.files) console.log(`web data: ${join(outDir, f.name)} (${f.bytes} bytes)`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
