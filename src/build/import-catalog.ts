import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, ok, type Result } from "../core/issues.ts";
import { buildCatalog } from "./build-catalog.ts";
import { checkRawInputs } from "./check-raw-inputs.ts";
import { RawInputError } from "./raw-input-error.ts";
import { manifestPath } from "./read-inputs.ts";

/**
 * `matchplan data import`: builds the program catalog from a user's own exports (Residency
 * Explorer, FREIDA, NRMP) with the build of `npm run data:build` — same manifest, readers, joins,
 * schema check and report — and writes it into a data folder of the user's, never into the shipped
 * data/ unless asked to (`replaceShipped`).
 *
 * A new folder receives a copy of the shipped data/ without raw/ (the rulebook, facts and model the
 * catalog is used with), then the built catalog and `catalog/import.json`, the record of what it
 * was built from: every input file with its size and SHA-256, and whether it and the catalog are
 * the same as the shipped ones. `MATCHPLAN_DATA_DIR=<folder>` makes the CLI, the server and the
 * page's build read it. A folder already made by an import keeps its other files; only the catalog
 * and the record are replaced. Any other non-empty folder is refused, so nothing of the user's is
 * overwritten by mistake.
 *
 * Facts (data/facts/) are cited transcriptions, not built from raw exports, so there are none to
 * rebuild here.
 */

/** The package root: src/build/ and the compiled dist/cli/ both sit two folders below it. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where an import writes its record, inside the data folder. */
export const IMPORT_RECORD = "catalog/import.json";
const CATALOG = "catalog/programs.json";

export interface ImportOptions {
  /** Package root: its data/ is the shipped data (registry, bibliography, catalog to compare with). */
  root: string;
  /** The user's folder of raw exports, laid out like data/raw/ or with its own inputs.yaml. */
  raw: string;
  /** The data folder to write. */
  out: string;
  /** Allows `out` to be the shipped data/ itself; only its catalog is then replaced. */
  replaceShipped: boolean;
  /** When the import ran; stamped in the record only, never in the catalog. */
  now: Date;
}

export interface InputFileRecord {
  path: string;
  bytes: number;
  sha256: string;
  /** Whether the shipped data/raw/ holds the same file, byte for byte; null when it holds no such file. */
  sameAsShipped: boolean | null;
}

export interface ImportRecord {
  madeBy: "matchplan data import";
  version: string;
  importedAt: string;
  raw: string;
  manifest: string;
  inputs: Array<{ key: string; source: string; vintage: string; files: InputFileRecord[] }>;
  catalog: { file: string; bytes: number; sha256: string; programs: number; sameAsShipped: boolean };
}

export interface ImportResult {
  record: ImportRecord;
  /** The build's report (join rates, counts, notes, changes), then what the import compared and wrote. */
  report: string[];
  out: string;
  /** True when the folder was new and received a copy of the shipped data. */
  created: boolean;
  /** True when the record was written (not for the shipped data/, which keeps no record). */
  recorded: boolean;
}

export function importCatalog(options: ImportOptions): Result<ImportResult> {
  const shipped = join(options.root, "data");
  const raw = resolve(options.raw);
  const out = resolve(options.out);
  const target = checkTarget(out, shipped, options.replaceShipped);
  if (!target.ok) return target;

  const issues = checkRawInputs({ root: options.root, raw });
  if (issues.length > 0) return fail(issues);
  const previous = existsSync(join(out, CATALOG)) ? join(out, CATALOG) : join(shipped, CATALOG);
  let built: ReturnType<typeof buildCatalog>;
  try {
    built = buildCatalog({ root: options.root, raw, out: previous });
  } catch (e) {
    if (e instanceof RawInputError) return fail([{ code: "invalid_value", path: e.file, message: e.detail }]);
    throw e;
  }

  const shippedText = readIfExists(join(shipped, CATALOG));
  const inputs = built.catalog.metadata.inputs.map((input) => ({
    key: input.key,
    source: input.source,
    vintage: input.vintage,
    // The census table is read from data/, every other input from the raw folder.
    files: input.files.map((path) =>
      input.key === "censusDivisions"
        ? fileRecord(options.root, path, join(options.root, path))
        : fileRecord(raw, path, join(shipped, "raw", path)),
    ),
  }));
  const { path: manifest, own } = manifestPath({ root: options.root, raw });
  const record: ImportRecord = {
    madeBy: "matchplan data import",
    version: packageVersion(options.root),
    importedAt: options.now.toISOString(),
    raw,
    manifest: own ? manifest : "data/catalog/inputs.yaml (shipped)",
    inputs,
    catalog: {
      file: CATALOG,
      bytes: Buffer.byteLength(built.text),
      sha256: sha256(built.text),
      programs: built.catalog.programs.length,
      sameAsShipped: built.text === shippedText,
    },
  };

  const created = target.value === "new";
  if (created) copyShippedData(shipped, out);
  writeAtomically(join(out, CATALOG), built.text);
  const recorded = target.value !== "shipped";
  if (recorded) writeAtomically(join(out, IMPORT_RECORD), `${JSON.stringify(record, null, 2)}\n`);

  const report = [
    ...built.report,
    ...inputs.map(
      (i) =>
        `Input ${i.key} (${i.source}, ${i.vintage}): ${i.files.length === 1 ? "1 file" : `${i.files.length} files`}, ${shippedNote(i.files)}`,
    ),
    record.catalog.sameAsShipped
      ? "The catalog is byte for byte the shipped data/catalog/programs.json."
      : "The catalog differs from the shipped data/catalog/programs.json.",
  ];
  return ok({ record, report, out, created, recorded });
}

type Target = "new" | "previous-import" | "shipped";

/** Where the import may write: a new or empty folder, a folder an import made, or data/ when asked. */
function checkTarget(out: string, shipped: string, replaceShipped: boolean): Result<Target> {
  const issue = (message: string): Result<Target> =>
    fail([{ code: "invalid_value", path: "--out", message }]);
  const shippedDir = canonical(shipped);
  const at = canonical(out);
  if (at === shippedDir) {
    if (!replaceShipped)
      return issue(
        `"${out}" is the shipped data folder; add --replace-shipped to replace its catalog, or choose another folder`,
      );
    return ok("shipped");
  }
  if (at.startsWith(`${shippedDir}${sep}`))
    return issue(`"${out}" is inside the shipped data folder; choose a folder outside ${shippedDir}`);
  if (!existsSync(out)) return ok("new");
  if (!statSync(out).isDirectory()) return issue(`"${out}" is a file, not a folder`);
  if (existsSync(join(out, IMPORT_RECORD))) return ok("previous-import");
  if (readdirSync(out).length === 0) return ok("new");
  return issue(
    `"${out}" is not empty and was not made by \`matchplan data import\`; choose a new or empty folder`,
  );
}

/** The path with symbolic links resolved as far as it exists, so a link to data/ is still data/. */
function canonical(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(canonical(parent), basename(absolute));
}

/** The shipped data/ without raw/: the folder then holds everything the CLI and the server read. */
function copyShippedData(shipped: string, out: string): void {
  const rawDir = join(shipped, "raw");
  mkdirSync(out, { recursive: true });
  cpSync(shipped, out, {
    recursive: true,
    filter: (source) => source !== rawDir && !source.startsWith(`${rawDir}${sep}`),
  });
}

function fileRecord(base: string, path: string, shippedCopy: string): InputFileRecord {
  const bytes = readFileSync(join(base, path));
  const shippedBytes = existsSync(shippedCopy) ? readFileSync(shippedCopy) : null;
  return {
    path,
    bytes: bytes.length,
    sha256: sha256(bytes),
    sameAsShipped: shippedBytes === null ? null : shippedBytes.equals(bytes),
  };
}

function shippedNote(files: readonly InputFileRecord[]): string {
  const same = files.filter((f) => f.sameAsShipped === true).length;
  const absent = files.filter((f) => f.sameAsShipped === null).length;
  if (same === files.length) return "all the same as the shipped copy";
  const parts = [`${files.length - same - absent} differ from the shipped copy`];
  if (absent > 0) parts.push(`${absent} not in the shipped data`);
  return parts.join(", ");
}

function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

/** Written beside the target and renamed over it, so a reader sees the old file or the new one, never half. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(join(path, ".."), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}

/** The folder `matchplan data import` writes when no --out is given and MATCHPLAN_DATA_DIR is unset. */
export function defaultImportDir(env: NodeJS.ProcessEnv, home: string): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME !== "" ? env.XDG_DATA_HOME : join(home, ".local", "share");
  return join(base, "matchplan", "data");
}
