import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import type { Issue } from "../core/issues.ts";
import { parseCsv } from "./parse-csv.ts";
import { FLORIDA_COLUMNS } from "./read-florida-results.ts";
import { FREIDA_LISTING_KEYS, FREIDA_PROGRAM_COLUMNS } from "./read-freida.ts";
import { GEOCODE_COLUMNS } from "./read-geocodes.ts";
import {
  type InputKey,
  type InputPaths,
  type Manifest,
  manifestPath,
  manifestSchema,
  readRegistryFiles,
} from "./read-inputs.ts";
import { NRMP_PROGRAM_COLUMNS, NRMP_SPECIALTY_CODE_COLUMNS } from "./read-nrmp-programs.ts";
import { RESIDENCY_EXPLORER_COLUMNS } from "./read-residency-explorer.ts";
import { VISA_LISTING_COLUMNS } from "./read-residency-explorer-visa.ts";

/**
 * Checks a folder of raw exports before the build reads it: the manifest is valid and names known
 * sources, every folder and file it names exists, and every file has the columns the build reads.
 * Each problem is an issue naming the file or folder (relative to the raw folder) as its `path`, or,
 * for a missing column, the file as its `file` and the column as its `path`; an empty list means
 * the build can read the folder. Values inside the files are
 * checked by the readers themselves while building (a rate outside 0–1, a shifted row), and those
 * errors name the file too (RawInputError).
 */
export function checkRawInputs(paths: InputPaths): Issue[] {
  const { raw } = paths;
  if (!existsSync(raw) || !statSync(raw).isDirectory())
    return [{ code: "missing_field", path: "--raw", message: `folder "${raw}" does not exist` }];
  const manifest = readManifest(paths);
  if (!manifest.ok) return manifest.issues;
  const m = manifest.value;
  const issues: Issue[] = [];

  /** The path of `key`'s file `name`, relative to the raw folder, or null (with an issue) when it is missing. */
  const file = (key: InputKey, name: string): string | null => {
    const folder = m[key].folder;
    const fileName = m[key].files[name];
    if (fileName === undefined) {
      issues.push({
        code: "missing_field",
        file: manifest.file,
        path: `${key}.files.${name}`,
        message: "names no file",
      });
      return null;
    }
    if (!isFolder(join(raw, folder))) {
      if (!issues.some((i) => i.path === `${folder}/`))
        issues.push({
          code: "missing_field",
          path: `${folder}/`,
          message: `folder is missing from ${raw} (${DESCRIPTIONS[key]})`,
        });
      return null;
    }
    const path = join(folder, fileName);
    if (!existsSync(join(raw, path))) {
      issues.push({ code: "missing_field", path, message: `file is missing (${DESCRIPTIONS[key]})` });
      return null;
    }
    return path;
  };
  const csv = (
    path: string | null,
    columns: readonly string[],
    also: (header: string[]) => Issue[] = () => [],
  ) => {
    if (path === null) return;
    issues.push(...checkColumns(raw, path, columns, also));
  };

  csv(file("nrmp", "programs"), NRMP_PROGRAM_COLUMNS);
  csv(file("nrmp", "specialtyCodes"), NRMP_SPECIALTY_CODE_COLUMNS);
  csv(file("freidaIm", "programs"), FREIDA_PROGRAM_COLUMNS);
  csv(file("residencyExplorerVisa", "programs"), VISA_LISTING_COLUMNS);
  csv(file("geocodes", "programs"), GEOCODE_COLUMNS);
  const florida = file("florida", "results");
  csv(florida, FLORIDA_COLUMNS, (header) => floridaYearColumns(florida as string, header));
  const ty = file("freidaTy", "programs");
  if (ty !== null) issues.push(...checkListing(raw, ty));
  issues.push(...checkResidencyExplorer(paths, m));
  return issues;
}

const DESCRIPTIONS: Record<InputKey, string> = {
  nrmp: "the NRMP program list",
  residencyExplorer: "the AAMC Residency Explorer files, one CSV per specialty",
  freidaIm: "the AMA FREIDA Internal Medicine listings",
  freidaTy: "the AMA FREIDA Transitional Year list",
  residencyExplorerVisa: "the AAMC Residency Explorer program pages with visa answers (neurology)",
  florida: "the NRMP program results of Florida programs",
  geocodes: "the program geocode table",
};

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

type ManifestResult = { ok: true; value: Manifest; file: string } | { ok: false; issues: Issue[] };

/** The manifest that applies (the raw folder's own inputs.yaml, else data/catalog/inputs.yaml), parsed and checked. */
function readManifest(paths: InputPaths): ManifestResult {
  const { path, own } = manifestPath(paths);
  const file = own ? relative(paths.raw, path) : "data/catalog/inputs.yaml";
  const doc = parseDocument(readFileSync(path, "utf8"));
  if (doc.errors.length > 0)
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        code: "invalid_value",
        file,
        path: e.linePos ? `line ${e.linePos[0].line}` : "",
        message: e.message.split("\n")[0] ?? e.message,
      })),
    };
  const parsed = manifestSchema.safeParse(doc.toJS());
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        code: "invalid_value",
        file,
        path: i.path.join("."),
        message: i.message,
      })),
    };
  const { sources } = readRegistryFiles(paths.root);
  const unknown = (Object.keys(parsed.data) as InputKey[]).filter(
    (key) => !(parsed.data[key].source in sources),
  );
  if (unknown.length > 0)
    return {
      ok: false,
      issues: unknown.map((key) => ({
        code: "unknown_source",
        file,
        path: `${key}.source`,
        message: `"${parsed.data[key].source}" is not in data/sources.yaml; add it there with its title, publisher and terms`,
      })),
    };
  return { ok: true, value: parsed.data, file };
}

/** The header row of a CSV file; an unreadable file is an issue. */
function header(raw: string, path: string): { ok: true; columns: string[] } | { ok: false; issue: Issue } {
  try {
    const first = parseCsv(readFileSync(join(raw, path), "utf8"))[0] ?? [];
    return { ok: true, columns: first.map((c) => c.trim()) };
  } catch (e) {
    return { ok: false, issue: { code: "invalid_value", path, message: (e as Error).message } };
  }
}

function checkColumns(
  raw: string,
  path: string,
  columns: readonly string[],
  also: (header: string[]) => Issue[],
): Issue[] {
  const h = header(raw, path);
  if (!h.ok) return [h.issue];
  const missing = columns.filter((c) => !h.columns.includes(c));
  return [
    ...missing.map(
      (column): Issue => ({
        code: "missing_field",
        file: path,
        path: column,
        message: "column is missing",
        allowed: `a header with ${columns.join(", ")}`,
      }),
    ),
    ...also(h.columns),
  ];
}

/** The Florida file dates itself by its "YYYY Quota" / "YYYY Matched" pairs and needs a city column. */
function floridaYearColumns(path: string, columns: string[]): Issue[] {
  const issues: Issue[] = [];
  const years = columns
    .map((c) => /^(\d{4}) Quota$/.exec(c)?.[1])
    .filter((y): y is string => y !== undefined);
  if (years.length === 0)
    issues.push({
      code: "missing_field",
      file: path,
      path: "YYYY Quota",
      message: 'no year column: the file needs a "<year> Quota" and "<year> Matched" column per Match year',
    });
  for (const year of years)
    if (!columns.includes(`${year} Matched`))
      issues.push({
        code: "missing_field",
        file: path,
        path: `${year} Matched`,
        message: `column is missing (the file has "${year} Quota")`,
      });
  if (!columns.includes("City Cleaned") && !columns.includes("City"))
    issues.push({
      code: "missing_field",
      file: path,
      path: "City",
      message: 'column is missing (or "City Cleaned")',
    });
  return issues;
}

/** The FREIDA Transitional Year list is JSON: an array of objects with a title and a link. */
function checkListing(raw: string, path: string): Issue[] {
  let rows: unknown;
  try {
    rows = JSON.parse(readFileSync(join(raw, path), "utf8"));
  } catch (e) {
    return [{ code: "invalid_json", path, message: (e as Error).message }];
  }
  if (!Array.isArray(rows))
    return [{ code: "invalid_type", path, message: "is not a JSON array of programs" }];
  const issues: Issue[] = [];
  rows.forEach((row, i) => {
    for (const key of FREIDA_LISTING_KEYS)
      if (row === null || typeof row !== "object" || !(key in row))
        issues.push({
          code: "missing_field",
          file: path,
          path: `[${i}].${key}`,
          message: "key is missing",
          allowed: `objects with ${FREIDA_LISTING_KEYS.join(", ")}`,
        });
  });
  return issues.slice(0, 10);
}

/** At least one CSV named for a registry specialty, each with the columns the build reads. */
function checkResidencyExplorer(paths: InputPaths, m: Manifest): Issue[] {
  const folder = m.residencyExplorer.folder;
  const dir = join(paths.raw, folder);
  if (!isFolder(dir))
    return [
      {
        code: "missing_field",
        path: `${folder}/`,
        message: `folder is missing from ${paths.raw} (${DESCRIPTIONS.residencyExplorer})`,
      },
    ];
  const { registry } = readRegistryFiles(paths.root);
  const present = new Set(readdirSync(dir));
  const named = registry.specialties
    .map((s) => s.names.residencyExplorer)
    .filter((n): n is string => n !== null)
    .map((n) => `${n}.csv`)
    .filter((f) => present.has(f));
  if (named.length === 0)
    return [
      {
        code: "missing_field",
        path: `${folder}/`,
        message: "holds no Residency Explorer file named for a specialty of data/specialties.yaml",
        allowed: 'files named by names.residencyExplorer, e.g. "Internal Medicine.csv"',
      },
    ];
  return named.flatMap((f) => checkColumns(paths.raw, join(folder, f), RESIDENCY_EXPLORER_COLUMNS, () => []));
}
