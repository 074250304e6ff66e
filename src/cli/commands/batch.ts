import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import {
  BATCH_INPUT_FORMATS,
  type BatchInputFormat,
  flattenRow,
  type Issue,
  type ProgramData,
  parseBatchInput,
  profileSchemaFor,
  type StrategyRow,
} from "../../core/index.ts";
import { runBatch } from "../../io/run-batch.ts";
import { InputError } from "../cli-error.ts";
import type { CliContext } from "../context.ts";
import { cliProgramData } from "../load-data.ts";
import { parseDateOption, today } from "../read-input.ts";
import { toCsv } from "../to-csv.ts";
import { budgetOption, specialtyOption } from "./report.ts";

/**
 * `matchplan batch`: the strategy for every profile in a file — assessment, program plan and
 * Step 2 CK target, no documents. The rulebook, catalog and profile schema are loaded once. Bad
 * rows are reported with their line and field and the run goes on; the exit code is 2 when any
 * row was invalid (the valid rows are still written).
 */
export function registerBatch(
  program: Command,
  ctx: CliContext,
  data: () => ProgramData = cliProgramData,
): void {
  program
    .command("batch")
    .description(
      "Run the strategy for many applicants: profiles in (JSON Lines or CSV), one result row each out, bad rows reported by line and field.",
    )
    .requiredOption(
      "--in <file>",
      "profiles: .jsonl (one profile a line) or .csv (columns as in docs/report.md)",
    )
    .requiredOption("--specialty <id>", "specialty id (see `matchplan specialties`)")
    .requiredOption("--out <file>", "results: .jsonl or .csv")
    .option("--as-of <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--budget <usd>", "application budget for every row (default: each profile's; none = no limit)")
    .action(async (o: { in: string; specialty: string; out: string; asOf?: string; budget?: string }) => {
      const inFormat = formatOf(o.in, "--in");
      const outFormat = formatOf(o.out, "--out");
      specialtyOption(ctx, o.specialty);
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const budget = budgetOption(o.budget);
      let text: string;
      try {
        text = readFileSync(o.in, "utf8");
      } catch (e) {
        const reason =
          (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message;
        throw new InputError([
          { code: "invalid_value", path: "--in", message: `cannot read "${o.in}": ${reason}` },
        ]);
      }
      const started = performance.now();
      const rb = ctx.rulebook();
      const strategy = {
        rb,
        data: data(),
        schema: profileSchemaFor(rb),
        specialty: o.specialty,
        asOf,
        ...(budget !== undefined ? { budgetUsd: budget } : {}),
      };
      const rows = parseBatchInput(text, inFormat);
      const bar = ctx.isTTY
        ? new SingleBar(
            {
              stream: process.stderr,
              format: "{bar} {value}/{total} rows · {failed} failed · {eta_formatted} left",
              hideCursor: true,
            },
            Presets.shades_classic,
          )
        : null;
      bar?.start(rows.length, 0, { failed: 0 });
      const results: StrategyRow[] = await runBatch(strategy, rows, (done, failedSoFar) =>
        bar?.update(done, { failed: failedSoFar }),
      );
      const failed = results.filter((r) => !r.ok).length;
      bar?.stop();
      const output =
        outFormat === "csv"
          ? `${toCsv(results.map(flattenRow))}\n`
          : `${results.map((r) => JSON.stringify(r)).join("\n")}\n`;
      writeFileSync(o.out, results.length > 0 ? output : "");
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(results.length / seconds) : results.length;
      ctx.out(
        `${results.length} rows: ${results.length - failed} ok, ${failed} failed · ${seconds.toFixed(2)} s (${rate} rows/s) · results in ${o.out}`,
      );
      if (failed > 0) {
        const issues: Issue[] = results.flatMap((r) =>
          r.ok
            ? []
            : r.issues.map((i) => ({ ...i, path: i.path ? `line ${r.line}: ${i.path}` : `line ${r.line}` })),
        );
        const shown = issues.slice(0, MAX_PRINTED_ISSUES);
        if (issues.length > shown.length)
          shown.push({
            code: "invalid_value",
            path: "…",
            message: `and ${issues.length - shown.length} more problems; every failed row's problems are in the output's error field`,
          });
        throw new InputError(shown);
      }
    });
}

/** Problems printed to the terminal; the output file keeps all of them. */
const MAX_PRINTED_ISSUES = 50;

function formatOf(file: string, option: string): BatchInputFormat {
  const ext = extname(file).slice(1).toLowerCase();
  const format = ext === "ndjson" ? "jsonl" : ext;
  if (!BATCH_INPUT_FORMATS.includes(format as BatchInputFormat))
    throw new InputError([
      {
        code: "invalid_value",
        path: option,
        message: `"${file}" is neither .jsonl nor .csv`,
        allowed: ".jsonl, .csv",
      },
    ]);
  return format as BatchInputFormat;
}
