import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import type { Issue } from "../../core/issues.ts";
import { PERCENT, pct } from "../../core/math/percent.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { parseDateOption, today } from "../read-input.ts";

interface TrackOptions {
  tracker: string;
  profile?: string;
  asOf?: string;
  json?: boolean;
  ics?: boolean;
  csv?: boolean;
  import?: string;
  specialty?: string;
  matchYear?: string;
}

/**
 * `matchplan track`: the season from a tracker file (JSON, or CSV with --specialty and
 * --match-year): P(match) now against the plan, applying to more, the rank list and SOAP; or
 * the tracker exported as CSV or a calendar; or a spreadsheet's CSV imported into it. The
 * season's engine is loaded only when the command runs.
 */
export function registerTrack(program: Command, ctx: CliContext): void {
  program
    .command("track")
    .description(
      "Through the season: record applications, invitations and ranks in a tracker file (JSON or CSV) and see P(match) now, whether to apply to more, the rank list and SOAP.",
    )
    .requiredOption("--tracker <file>", "tracker file (.json, or .csv with --specialty and --match-year)")
    .option("--profile <file>", "profile JSON file: needed for the odds")
    .option("--as-of <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--import <csv>", "import a spreadsheet's CSV into the tracker file (written back as JSON)")
    .option("--csv", "print the tracker as CSV")
    .option("--ics", "print interview dates and the season's deadlines as an iCalendar file")
    .option("--json", "print the season report as JSON")
    .option("--specialty <id>", "specialty of a new or CSV tracker")
    .option("--match-year <year>", "Match year of a new or CSV tracker")
    .action(async (o: TrackOptions) => {
      const season = await import("../../core/season/index.ts");
      const { repositoryProgramData } = await import("../../io/load-program-data.ts");
      const { repositorySeasonModel } = await import("../../io/load-season-model.ts");
      const { cycleFor } = await import("../../core/assess/application-cycle.ts");
      const rb = ctx.rulebook();
      const data = repositoryProgramData();
      const model = repositorySeasonModel();
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const names = (specialty: string) =>
        new Map((data.bySpecialty.get(specialty) ?? []).map((p) => [p.id, p.name] as const));
      const isCsv = o.tracker.toLowerCase().endsWith(".csv");
      const header = () => {
        if (!o.specialty || !o.matchYear)
          throw new InputError([
            {
              code: "missing_field",
              path: o.specialty ? "--match-year" : "--specialty",
              message: "a CSV or new tracker needs --specialty and --match-year",
            },
          ]);
        if (!rb.specialties.has(o.specialty))
          throw new InputError([
            { code: "unknown_specialty", path: "--specialty", message: `unknown specialty "${o.specialty}"` },
          ]);
        return { specialty: o.specialty, matchYear: Number(o.matchYear) };
      };
      const readText = (file: string, option: string): string | null => {
        try {
          return readFileSync(file, "utf8");
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
          throw new InputError([{ code: "invalid_value", path: option, message: (e as Error).message }]);
        }
      };
      const report = (issues: Issue[], prefix: string) => {
        for (const i of issues)
          ctx.err(`${prefix}${i.path}: ${i.message}${i.allowed ? ` (allowed: ${i.allowed})` : ""}\n`);
      };

      // ── the tracker as it stands ──
      const text = readText(o.tracker, "--tracker");
      let raw: unknown;
      if (text === null) raw = { ...header(), entries: [] };
      else if (isCsv) {
        const h = header();
        const r = season.trackerFromCsv(text, names(h.specialty));
        report(r.issues, `${o.tracker}: `);
        if (r.unmatched.length > 0)
          throw new InputError(r.issues.filter((i) => i.code === "unknown_reference"));
        raw = { ...h, entries: r.entries };
      } else {
        try {
          raw = JSON.parse(text);
        } catch (e) {
          throw new InputError([
            { code: "invalid_json", path: "--tracker", message: `not valid JSON: ${(e as Error).message}` },
          ]);
        }
      }
      const first = season.validateTracker(raw);
      if (!first.ok) throw new InputError(first.issues.map((i) => ({ ...i, path: `--tracker: ${i.path}` })));
      let tracker = first.value;

      if (o.import) {
        const csv = readText(o.import, "--import");
        if (csv === null)
          throw new InputError([
            { code: "invalid_value", path: "--import", message: `cannot read "${o.import}"` },
          ]);
        const r = season.trackerFromCsv(csv, names(tracker.specialty));
        report(r.issues, `${o.import}: `);
        for (const u of r.unmatched)
          ctx.err(`${o.import}: line ${u.line} kept aside: ${JSON.stringify(u.row)}\n`);
        const incoming = new Map(r.entries.map((e) => [e.programId, e]));
        tracker = {
          ...tracker,
          entries: [
            ...tracker.entries.map((e) => incoming.get(e.programId) ?? e),
            ...r.entries.filter((e) => !tracker.entries.some((x) => x.programId === e.programId)),
          ],
        };
        const target = isCsv ? o.tracker.replace(/\.csv$/i, ".json") : o.tracker;
        writeFileSync(target, `${JSON.stringify(tracker, null, 2)}\n`);
        ctx.err(`${r.entries.length} rows imported into ${target}; ${r.unmatched.length} kept aside.\n`);
        if (!o.csv && !o.ics && !o.json && !o.profile) return;
      }
      if (o.csv) return ctx.out(season.trackerToCsv(tracker, names(tracker.specialty)).trimEnd());
      if (o.ics)
        return ctx.out(
          season
            .seasonIcs(tracker, cycleFor(rb, tracker.matchYear), model, names(tracker.specialty), asOf)
            .trimEnd(),
        );
      if (!o.profile)
        throw new InputError([
          { code: "missing_field", path: "--profile", message: "the odds need the profile" },
        ]);
      const profile = loadProfile(ctx, o.profile);
      const r = season.trackSeason(rb, data, model, { profile, tracker, asOf });
      if (!r.ok) throw new InputError(r.issues);
      if (o.json) return ctx.out(JSON.stringify(r.value, null, 2));
      ctx.out(renderSeason(r.value));
    });
}

function renderSeason(r: import("../../core/season/index.ts").SeasonReport): string {
  const p = (x: number) => pct(x);
  const points = (x: number) => `${x >= 0 ? "+" : ""}${(x * PERCENT).toFixed(1)}`;
  const lines = [
    `The season · ${r.specialty} · ${r.matchYear} Match · as of ${r.asOf}`,
    `P(match) now ${p(r.pMatch.estimate)} (range ${p(r.pMatch.low)}–${p(r.pMatch.high)}); at plan time ${p(r.planPMatch.estimate)}; change ${points(r.change)} points.`,
    `Expected interviews ${r.expectedInterviews.estimate.toFixed(1)} (range ${r.expectedInterviews.low.toFixed(1)}–${r.expectedInterviews.high.toFixed(1)}); plan ${r.planExpectedInterviews.toFixed(1)}.`,
    `P(at least k interviews): ${r.atLeast.map((a) => `${a.k}: ${p(a.p)}`).join(", ")}`,
    "",
    ...r.explanation,
    "",
    r.applyMore.text,
    ...r.applyMore.programs.map(
      (x) => `  + ${x.name}: P(match) ${p(x.pMatch)} (${points(x.gain)} points) for $${x.feeUsd}`,
    ),
    "",
    `Rank list: ${r.rankList.ranked} ranked of ${r.rankList.interviews} interviews; deadline ${r.rankList.deadline?.date ?? "unknown"}.`,
    ...r.rankList.rules.map((x) => `  - ${x.text}`),
    ...(r.rankList.supplemental.text ? [`  ${r.rankList.supplemental.text}`] : []),
    ...r.rankList.warnings.map((w) => `  ! ${w}`),
    "",
    r.soap.text,
    ...r.soap.prepare.map((x) => `  - ${x.text}`),
  ];
  return lines.join("\n");
}
