import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  buildReport,
  type ProgramData,
  parsePracticeLog,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  renderReportMarkdown,
} from "../../core/index.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { cliProgramData } from "../load-data.ts";
import { parseDateOption, readJsonInput, today } from "../read-input.ts";

/** `matchplan report`: the whole strategy as one document — JSON, Markdown, HTML or PDF. */
export function registerReport(
  program: Command,
  ctx: CliContext,
  data: () => ProgramData = cliProgramData,
  print: (html: string) => Promise<Buffer> = printPdfLazily,
): void {
  program
    .command("report")
    .description(
      "The whole strategy in one document: standing, Step 2 CK plan, forecast, program list, timeline, narrative and letters, backups, sources — with charts.",
    )
    .requiredOption("--profile <file>", "profile JSON file, or - for standard input")
    .requiredOption("--specialty <id>", "specialty id (see `matchplan specialties`)")
    .option(
      "--log <file>",
      "practice-exam log: JSON array of { date, kind, form, score } (adds the forecast)",
    )
    .option("--as-of <date>", "report as of this date (YYYY-MM-DD); default today")
    .option("--budget <usd>", "application budget in US dollars (default: the profile's; none = no limit)")
    .option("--format <format>", `output format: ${REPORT_FORMATS.join(", ")}`, "html")
    .option("-o, --out <file>", "write to this file (required for pdf; otherwise standard output)")
    .action(async (o: ReportOptions) => {
      const format = o.format as ReportFormat;
      if (!REPORT_FORMATS.includes(format))
        throw new InputError([
          {
            code: "invalid_value",
            path: "--format",
            message: `"${o.format}" is not a report format`,
            allowed: REPORT_FORMATS.join(", "),
          },
        ]);
      if (format === "pdf" && !o.out)
        throw new InputError([{ code: "missing_field", path: "--out", message: "is required for a PDF" }]);
      const rb = ctx.rulebook();
      specialtyOption(ctx, o.specialty);
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const budget = budgetOption(o.budget);
      const profile = loadProfile(ctx, o.profile);
      let log = null;
      if (o.log) {
        const parsed = parsePracticeLog(rb, readJsonInput(o.log, "--log"), asOf);
        if (!parsed.ok) throw new InputError(parsed.issues.map((i) => ({ ...i, path: `--log ${i.path}` })));
        log = parsed.value;
      }
      const started = performance.now();
      const r = buildReport(rb, data(), {
        profile,
        specialty: o.specialty,
        asOf,
        log,
        ...(budget !== undefined ? { budgetUsd: budget } : {}),
      });
      if (!r.ok) throw new InputError(r.issues);
      const content: string | Buffer =
        format === "json"
          ? `${JSON.stringify(r.value, null, 2)}\n`
          : format === "md"
            ? renderReportMarkdown(r.value)
            : format === "html"
              ? await renderHtml(r.value)
              : await print(await renderHtml(r.value));
      if (!o.out) {
        ctx.out(String(content).trimEnd());
        return;
      }
      writeFileSync(o.out, content);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      ctx.err(`Wrote ${o.out} (${format}, ${content.length} bytes) in ${seconds} s.\n`);
    });
}

/** Loaded here, not at start-up: the charts bring in ECharts, which every other command can do without. */
async function renderHtml(report: Report): Promise<string> {
  const { renderReportHtml } = await import("../../core/report-render.ts");
  return renderReportHtml(report);
}

/** Headless Chromium's driver is loaded only when a PDF is asked for. */
async function printPdfLazily(html: string): Promise<Buffer> {
  const { printPdf } = await import("../../io/report/index.ts");
  return printPdf(html);
}

interface ReportOptions {
  profile: string;
  specialty: string;
  log?: string;
  asOf?: string;
  budget?: string;
  format: string;
  out?: string;
}

/** `--specialty`: a registered id, else exit 2 listing the ids (shared by report, timeline and batch). */
export function specialtyOption(ctx: CliContext, id: string): void {
  if (!ctx.rulebook().specialties.has(id))
    throw new InputError([
      {
        code: "unknown_specialty",
        path: "--specialty",
        message: `unknown specialty "${id}"`,
        allowed: [...ctx.rulebook().specialties.keys()].join(", "),
      },
    ]);
}

const MAX_BUDGET_USD = 1_000_000;

/** `--budget`: undefined when absent (each profile's own budget), null for "none", else dollars. */
export function budgetOption(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "none") return null;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > MAX_BUDGET_USD)
    throw new InputError([
      {
        code: "out_of_range",
        path: "--budget",
        message: `"${value}" is not an amount from 0 to ${MAX_BUDGET_USD}`,
        allowed: `0–${MAX_BUDGET_USD}, or none`,
      },
    ]);
  return n;
}
