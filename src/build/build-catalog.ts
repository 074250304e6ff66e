/**
 * `npm run data:build [-- --raw DIR] [--out FILE] [--check]`
 *
 * Builds data/catalog/programs.json from the raw exports in data/raw (or DIR), prints the join
 * rate of each source per specialty and what changed against the catalog already at FILE, then
 * writes FILE. `--check` writes nothing and exits 1 when the built catalog differs from FILE.
 * `matchplan data import` runs the same build on a user's own exports (src/build/import-catalog.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Catalog, catalogSchema } from "../core/catalog/program.ts";
import { formatIssue } from "../core/issues.ts";
import { assembleCatalog } from "./assemble-catalog.ts";
import { diffCatalogs, formatDiff } from "./catalog-diff.ts";
import { catalogMetadata, inputNotes } from "./catalog-metadata.ts";
import { checkRawInputs } from "./check-raw-inputs.ts";
import { formatJoinRates } from "./format-join-rates.ts";
import { readInputs } from "./read-inputs.ts";
import { serialiseCatalog } from "./serialise-catalog.ts";

export interface BuildOptions {
  root: string;
  raw: string;
  out: string;
}

export interface BuildResult {
  catalog: Catalog;
  text: string;
  report: string[];
  /** The catalog previously at `out`, when there was a readable one. */
  previous: Catalog | null;
}

/** Reads the inputs, assembles and validates the catalog, and describes it; writes nothing. */
export function buildCatalog({ root, raw, out }: BuildOptions): BuildResult {
  const loaded = readInputs({ root, raw });
  const assembled = assembleCatalog(loaded.inputs);
  const parsed = catalogSchema.safeParse({
    metadata: catalogMetadata(loaded, assembled.programs, assembled.joinRates),
    programs: assembled.programs,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The built catalog does not match its schema:\n${issues.join("\n")}`);
  }
  const catalog = parsed.data;
  const previous = readPrevious(out);
  const counts = Object.entries(catalog.metadata.programsPerSpecialty).map(([s, n]) => `  ${s}: ${n}`);
  const report = [
    `Inputs: ${raw}`,
    ...formatJoinRates(catalog.metadata.joinRates),
    `Programs: ${catalog.programs.length}`,
    ...counts,
    ...[...loaded.notes, ...inputNotes(loaded), ...assembled.notes].map((n) => `Note: ${n}`),
    ...(previous
      ? formatDiff(diffCatalogs(previous.programs, catalog.programs))
      : [`No previous catalog at ${out}`]),
  ];
  return { catalog, text: serialiseCatalog(catalog), report, previous };
}

function readPrevious(path: string): Catalog | null {
  if (!existsSync(path)) return null;
  const parsed = catalogSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  return parsed.success ? parsed.data : null;
}

function parseArgs(argv: readonly string[], root: string): BuildOptions & { check: boolean } {
  const options = {
    root,
    raw: resolve(root, "data/raw"),
    out: resolve(root, "data/catalog/programs.json"),
    check: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return resolve(v);
    };
    if (arg === "--raw") options.raw = value();
    else if (arg === "--out") options.out = value();
    else if (arg === "--check") options.check = true;
    else throw new Error(`Unknown argument ${arg}; use --raw DIR, --out FILE or --check`);
  }
  return options;
}

function main(): number {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const options = parseArgs(process.argv.slice(2), root);
  const issues = checkRawInputs(options);
  if (issues.length > 0) {
    console.error(`The raw inputs cannot be built:\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`);
    return 1;
  }
  const { text, report } = buildCatalog(options);
  for (const line of report) console.log(line);
  const current = existsSync(options.out) ? readFileSync(options.out, "utf8") : null;
  if (options.check) {
    const same = current === text;
    console.log(same ? `${options.out} is up to date` : `${options.out} differs from a fresh build`);
    return same ? 0 : 1;
  }
  writeFileSync(options.out, text);
  console.log(`Wrote ${options.out} (${Math.round(Buffer.byteLength(text) / 1024)} KiB)`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
