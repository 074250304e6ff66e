import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { InputError } from "../cli-error.ts";
import type { CliContext } from "../context.ts";

/**
 * `matchplan data import --raw DIR [--out DIR]`: the program catalog rebuilt from your own exports
 * (AAMC Residency Explorer, AMA FREIDA, NRMP), into a data folder of yours that
 * `MATCHPLAN_DATA_DIR` then points the CLI, the server and the page's build at. The build is the
 * one of `npm run data:build` (src/build/import-catalog.ts), loaded only when this command runs.
 */
export function registerData(program: Command, ctx: CliContext, env: NodeJS.ProcessEnv = process.env): void {
  const data = program
    .command("data")
    .description("Program data: rebuild the catalog from your own exports (see docs/data.md).");
  data
    .command("import")
    .description(
      "Rebuild the program catalog from your own Residency Explorer, FREIDA and NRMP exports into your own data folder; prints the join rates and records every input with its SHA-256.",
    )
    .requiredOption("--raw <dir>", "folder of exports laid out like data/raw/, or with its own inputs.yaml")
    .option(
      "--out <dir>",
      "data folder to write (default: $MATCHPLAN_DATA_DIR, else $XDG_DATA_HOME/matchplan/data or ~/.local/share/matchplan/data)",
    )
    .option("--replace-shipped", "allow --out to be the shipped data/ folder and replace its catalog")
    .option("--json", "print the import record (inputs with SHA-256, catalog hash) as JSON")
    .action(async (o: ImportOptions) => {
      const { defaultImportDir, IMPORT_RECORD, importCatalog, PACKAGE_ROOT } = await import(
        "../../build/import-catalog.ts"
      );
      const out = resolve(o.out ?? nonEmpty(env.MATCHPLAN_DATA_DIR) ?? defaultImportDir(env, homedir()));
      const r = importCatalog({
        root: PACKAGE_ROOT,
        raw: resolve(o.raw),
        out,
        replaceShipped: o.replaceShipped === true,
        now: new Date(),
      });
      if (!r.ok) throw new InputError(r.issues);
      const { record, report, created, recorded } = r.value;
      if (o.json) {
        ctx.out(JSON.stringify(record, null, 2));
        return;
      }
      const kib = Math.round(record.catalog.bytes / 1024);
      const recordNote = recorded ? ` and ${join(out, IMPORT_RECORD)} (each input file with its hash)` : "";
      ctx.out(
        [
          ...report,
          `Wrote ${join(out, record.catalog.file)} (${record.catalog.programs} programs, ${kib} KiB)${recordNote}.`,
          ...(created
            ? [`${out} also holds a copy of the shipped data without raw/, to use the catalog with.`]
            : []),
          ...(recorded
            ? [
                `Use it: MATCHPLAN_DATA_DIR=${out} matchplan programs search --specialty internal-medicine`,
                `        MATCHPLAN_DATA_DIR=${out} npm run build:web && MATCHPLAN_DATA_DIR=${out} npm start`,
              ]
            : []),
          "Your exports stay under their owners' terms (NOTICE, docs/data.md).",
        ].join("\n"),
      );
    });
}

interface ImportOptions {
  raw: string;
  out?: string;
  replaceShipped?: boolean;
  json?: boolean;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
