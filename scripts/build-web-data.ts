/**
 * `tsx scripts/build-web-data.ts [--data DIR] [--out DIR]` (part of `npm run build:web`)
 *
 * Writes the data the web page fetches, so the engine runs in the browser on exactly the files
 * the CLI reads:
 *   rulebook.json       the rulebook as compiled (`rulebookToJson`), read back by the page with
 *                      `rulebookFromJson`: the files are parsed and cross-checked here, once
 *   program-model.json  `{ model }`: data/model/program-model.yaml, parsed (fees are cycle facts, in the rulebook)
 *   catalog/index.json  data/catalog/programs.json's metadata and the list of its parts
 *   catalog/<id>.json   one part per specialty: that specialty's programs of data/catalog/programs.json
 *                      as they are there (compact), with their sponsors' visa answers (`splitCatalog`,
 *                      src/core/programs/catalog-parts.ts). The page fetches the specialties a plan
 *                      needs, not the whole 3 MB; the catalog has passed `catalogSchema` here, so the
 *                      page only expands the parts (`readCatalogPart`) instead of validating them again
 *   season.json         `{ model, unfilled }`: data/model/season.yaml and the unfilled-positions record
 *                      (null when the data folder has none), fetched only when the season's tracker opens
 * YAML is parsed here so the browser needs no YAML parser. Everything is compiled and validated
 * first with the same core the page uses: broken data fails the build instead of the page.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { formatIssue } from "../src/core/issues.ts";
import { type CatalogFile, splitCatalog } from "../src/core/programs/catalog-parts.ts";
import { compileRulebook } from "../src/core/rulebook/compile-rulebook.ts";
import { rulebookFromJson, rulebookToJson } from "../src/core/rulebook/rulebook-json.ts";
import { loadProgramData } from "../src/io/load-program-data.ts";
import { defaultDataDir, readDataFiles } from "../src/io/load-rulebook.ts";
import { loadSeasonData, SEASON_FILES } from "../src/io/load-season-model.ts";

export const WEB_DATA_FILES = {
  rulebook: "rulebook.json",
  programModel: "program-model.json",
  catalogIndex: "catalog/index.json",
  catalogPart: (specialty: string) => `catalog/${specialty}.json`,
  season: "season.json",
} as const;

/** What the catalog was written as before it came in parts; removed so no stale copy is served or cached. */
const FORMER_CATALOG_FILE = "catalog.json";

export interface WebDataResult {
  files: Array<{ name: string; bytes: number }>;
}

/** Reads `dataDir`, checks it compiles, and writes the files above into `outDir`. Throws on bad data. */
export function buildWebData(dataDir: string, outDir: string): WebDataResult {
  const files = readDataFiles(dataDir);
  if (!files.ok) throw new Error(`data/ cannot be read:\n${files.issues.map(formatIssue).join("\n")}`);
  // Round-trip through JSON first: the rulebook is compiled from what JSON can carry, not from what YAML produced.
  const rb = compileRulebook(JSON.parse(JSON.stringify(files.value)));
  if (!rb.ok) throw new Error(`the rulebook does not compile:\n${rb.issues.map(formatIssue).join("\n")}`);
  // The page reads the compiled rulebook back instead of compiling the files again: it must be the same.
  const rulebookText = JSON.stringify(rulebookToJson(rb.value));
  if (!isDeepStrictEqual(rulebookFromJson(JSON.parse(rulebookText)), rb.value))
    throw new Error(
      "the compiled rulebook does not survive being written as JSON (src/core/rulebook/rulebook-json.ts)",
    );
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

  const { index, parts } = splitCatalog(
    JSON.parse(read("catalog/programs.json")) as CatalogFile,
    programData.value,
  );
  const written: Array<{ name: string; text: string }> = [
    { name: WEB_DATA_FILES.rulebook, text: rulebookText },
    { name: WEB_DATA_FILES.programModel, text: modelText },
    { name: WEB_DATA_FILES.catalogIndex, text: JSON.stringify(index) },
    ...parts.map((part) => ({
      name: WEB_DATA_FILES.catalogPart(part.specialty),
      text: JSON.stringify(part),
    })),
    { name: WEB_DATA_FILES.season, text: seasonText },
  ];
  rmSync(join(outDir, FORMER_CATALOG_FILE), { force: true });
  rmSync(join(outDir, dirname(WEB_DATA_FILES.catalogIndex)), { recursive: true, force: true });
  for (const f of written) {
    mkdirSync(dirname(join(outDir, f.name)), { recursive: true });
    writeFileSync(join(outDir, f.name), f.text);
  }
  return { files: written.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.text) })) };
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
    const parts = r.files.filter(
      (f) => f.name.startsWith("catalog/") && f.name !== WEB_DATA_FILES.catalogIndex,
    );
    for (const f of r.files.filter((f) => !parts.includes(f)))
      console.log(`web data: ${join(outDir, f.name)} (${f.bytes} bytes)`);
    const partBytes = parts.reduce((sum, f) => sum + f.bytes, 0);
    console.log(
      `web data: ${join(outDir, "catalog")}/<specialty>.json (${parts.length} parts, ${partBytes} bytes)`,
    );
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
