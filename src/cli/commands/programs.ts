import type { Command } from "commander";
import {
  ESTIMATED_MARK,
  ESTIMATED_TEXT,
  type ProgramData,
  type ProgramPlan,
  pgy1TrackText,
  planApplication,
  planPart,
  searchPrograms,
  signalLabel,
  sponsorshipText,
  trackScheme,
  usd,
  VISA_TYPES,
  type VisaType,
  whatMovesLines,
} from "../../core/index.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { cliProgramData } from "../load-data.ts";
import { parseDateOption, today } from "../read-input.ts";
import { toCsv } from "../to-csv.ts";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function numberOption(
  value: string | undefined,
  option: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError([
      {
        code: "out_of_range",
        path: option,
        message: `"${value}" is not a number from ${min} to ${max}`,
        allowed: `${min}–${max}`,
      },
    ]);
  }
  return n;
}

function specialtyKnown(ctx: CliContext, id: string) {
  if (!ctx.rulebook().specialties.has(id)) {
    throw new InputError([
      {
        code: "unknown_specialty",
        path: "--specialty",
        message: `unknown specialty "${id}"`,
        allowed: [...ctx.rulebook().specialties.keys()].join(", "),
      },
    ]);
  }
}

export function registerPrograms(
  program: Command,
  ctx: CliContext,
  data: () => ProgramData = cliProgramData,
): void {
  const programs = program
    .command("programs")
    .description(
      "Build a program list from real programs: interview odds, tiers, signals, cost and P(match) with its range.",
    )
    // Not requiredOption: commander would then demand them of `programs search` too.
    .option("--profile <file>", "profile JSON file, or - for standard input (required)")
    .option("--specialty <id>", "specialty id, see `matchplan specialties` (required)")
    .option(
      "--budget <usd>",
      "application budget in US dollars (default: the profile's preferences.budgetUsd; none = no limit)",
    )
    .option("--signals <mode>", "auto (spend the specialty's signals) or none", "auto")
    .option("--parallel <id>", "also build a list in this specialty (a parallel or backup plan)")
    .option("--anywhere", "ignore the profile's preferred states and regions when ordering programs")
    .option("--as-of <date>", "plan as of this date (YYYY-MM-DD); default today")
    .option("--json", "print the plan as JSON (see docs/cli.md)")
    .option("--csv", "print the program list as CSV")
    .action(
      (o: {
        profile?: string;
        specialty?: string;
        budget?: string;
        signals: string;
        parallel?: string;
        anywhere?: boolean;
        asOf?: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        if (o.profile === undefined || o.specialty === undefined) {
          const missing = (["profile", "specialty"] as const).filter((k) => o[k] === undefined);
          throw new InputError(
            missing.map((k) => ({ code: "missing_field", path: `--${k}`, message: "is required" })),
          );
        }
        if (o.signals !== "auto" && o.signals !== "none") {
          throw new InputError([
            {
              code: "invalid_value",
              path: "--signals",
              message: `"${o.signals}" is not a signal mode`,
              allowed: "auto, none",
            },
          ]);
        }
        specialtyKnown(ctx, o.specialty);
        if (o.parallel) specialtyKnown(ctx, o.parallel);
        const asOf = parseDateOption(o.asOf, "--as-of", today);
        const profile = loadProfile(ctx, o.profile);
        const budget = o.budget === "none" ? null : numberOption(o.budget, "--budget", 0, 1_000_000);
        const planned = planApplication(ctx.rulebook(), data(), {
          profile,
          specialty: o.specialty,
          asOf,
          ...(budget !== undefined ? { budgetUsd: budget } : {}),
          list: { signals: o.signals, anywhere: o.anywhere ?? false, parallelSpecialty: o.parallel ?? null },
          parts: ["list"],
        });
        const r = planned.ok ? planPart(planned.value, "list") : planned;
        if (!r.ok) throw new InputError(r.issues);
        if (o.json) ctx.out(JSON.stringify(r.value, null, 2));
        else if (o.csv) ctx.out(planCsv(r.value));
        else {
          const rb = ctx.rulebook();
          ctx.out(renderPlan(r.value, (id) => rb.specialties.get(id)?.name ?? id));
        }
      },
    );

  programs
    .command("search")
    .description("Search the program catalog.")
    .requiredOption("--specialty <id>", "specialty id")
    .option("--state <XX>", "two-letter state code")
    .option("--visa <type>", `programs known to sponsor this visa: ${VISA_TYPES.join(", ")}`)
    .option("--min-img-rate <rate>", "minimum non-US IMG interview rate, 0–1")
    .option("--json", "print as JSON")
    .option("--csv", "print as CSV")
    .action(
      (o: {
        specialty: string;
        state?: string;
        visa?: string;
        minImgRate?: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        specialtyKnown(ctx, o.specialty);
        if (o.visa !== undefined && !VISA_TYPES.includes(o.visa as VisaType)) {
          throw new InputError([
            {
              code: "invalid_value",
              path: "--visa",
              message: `"${o.visa}" is not a visa type`,
              allowed: VISA_TYPES.join(", "),
            },
          ]);
        }
        if (o.state !== undefined && !/^[A-Za-z]{2}$/.test(o.state)) {
          throw new InputError([
            {
              code: "invalid_value",
              path: "--state",
              message: `"${o.state}" is not a state code`,
              allowed: "a two-letter US state code, e.g. OH",
            },
          ]);
        }
        const minImgRate = numberOption(o.minImgRate, "--min-img-rate", 0, 1);
        const found = searchPrograms(data().catalog, {
          specialty: o.specialty,
          ...(o.state ? { state: o.state } : {}),
          ...(o.visa ? { visa: o.visa as VisaType } : {}),
          ...(minImgRate !== undefined ? { minImgRate } : {}),
        });
        if (o.json) {
          ctx.out(JSON.stringify({ count: found.length, programs: found }, null, 2));
          return;
        }
        const rows = found.map((p) => ({
          id: p.id,
          name: p.name,
          city: p.city ?? "",
          state: p.state ?? "",
          track: p.track ?? "",
          nonUsImgInterviewRate: p.interviewRates?.nonUsImg ?? "unknown",
          j1: p.visa?.j1 ?? "unknown",
          h1b: p.visa?.h1b ?? "unknown",
          imgShare: p.imgShare ?? "unknown",
        }));
        if (o.csv) ctx.out(toCsv(rows));
        else {
          for (const r of rows)
            ctx.out(
              `${r.name} — ${r.city}, ${r.state} · ${r.track} · non-US IMG interview rate ${r.nonUsImgInterviewRate} · J-1 ${r.j1} · H-1B ${r.h1b}`,
            );
          ctx.out(`${rows.length} program(s)`);
        }
      },
    );
}

function planCsv(plan: ProgramPlan): string {
  return toCsv(
    plan.programs.map((p) => ({
      id: p.id,
      name: p.name,
      city: p.city ?? "",
      state: p.state ?? "",
      tier: p.tier,
      pInterview: p.pInterview.estimate.toFixed(4),
      pInterviewLow: p.pInterview.low.toFixed(4),
      pInterviewHigh: p.pInterview.high.toFixed(4),
      signal: p.signal ?? "",
      rateEstimated: p.rate.estimated,
      j1: p.visa?.j1 ?? "unknown",
      h1b: p.visa?.h1b ?? "unknown",
      pSponsors: p.sponsorship.p.toFixed(4),
      sponsorship: p.sponsorship.basis,
      sources: p.sources.join(" "),
    })),
  );
}

/** The plan as text; `nameOf` names a specialty id (the command passes the registry's names). */
export function renderPlan(plan: ProgramPlan, nameOf: (id: string) => string = (id) => id): string {
  const lines: string[] = [];
  const pm = plan.pMatch;
  lines.push(`${nameOf(plan.specialty)} · ${plan.applicantType} · ${plan.season} Match`);
  lines.push(
    pm
      ? `P(match): ${pct(pm.estimate)} (range ${pct(pm.low)}–${pct(pm.high)}) with ${plan.recommendedCount} programs`
      : "P(match): unknown",
  );
  const withRange = (m: { estimate: number; low: number; high: number } | null) =>
    m ? `${pct(m.estimate)} (range ${pct(m.low)}–${pct(m.high)})` : "unknown";
  if (plan.parallel)
    lines.push(
      `P(match), the parallel ${nameOf(plan.parallel.specialty)} list alone: ${withRange(plan.parallel.pMatch)} with ${plan.parallel.programs.length} programs`,
      `P(match in ${nameOf(plan.specialty)} or ${nameOf(plan.parallel.specialty)}): ${withRange(plan.pMatchAny)}`,
    );
  lines.push(
    `Application fees: ${usd(plan.costUsd)}${plan.budgetUsd !== null ? ` of a ${usd(plan.budgetUsd)} budget` : ""} (${plan.service.basis})`,
    ...plan.fees.map((f) => `  ${f.text}`),
    plan.cost.text,
    ...plan.cost.lines.filter((l) => l.kind !== "application").map((l) => `  ${l.text}`),
  );
  if (plan.pgy1) lines.push(`PGY-1 year: ${plan.pgy1.text}`);
  lines.push(`Visa: ${plan.visaSponsorship.note}`);
  if (plan.calibration) lines.push(`Note: ${plan.calibration.text}`);
  if (plan.thinData) lines.push(plan.thinData.text);
  lines.push(...whatMovesLines(plan.whatMoves));
  lines.push(plan.comparison);
  if (plan.signals) lines.push(`Signals: ${plan.signals.text}`);
  lines.push(`Signal allowance: ${plan.signalAllowance.text}`);
  if (plan.pgy1Signals)
    lines.push(
      `PGY-1 signals: ${plan.pgy1Signals.rule}`,
      ...plan.pgy1Signals.tracks.map((t) => `  ${pgy1TrackText(t, nameOf(t.specialty))}`),
    );
  for (const n of plan.visaNotes)
    lines.push(
      "",
      `${n.title}:`,
      ...n.points.map((p) => `  - ${p}`),
      "  What to do:",
      ...n.whatToDo.map((p) => `  - ${p}`),
      `  ${n.provenance}`,
    );
  lines.push("", plan.freshness.text);
  if (plan.freshness.warning) lines.push(`Warning: ${plan.freshness.warning}`);
  lines.push("");
  const sponsor = (p: ProgramPlan["programs"][number]) =>
    p.sponsorship.basis === "not-needed" ? "" : ` · visa ${sponsorshipText(p.sponsorship)}`;
  // A parallel list holds signals only when it shares the main list's allowance (DR and IR,
  // plan-program-list.ts), so its signals read in the main list's tiers.
  const row = (p: ProgramPlan["programs"][number]) =>
    `  ${p.tier.padEnd(7)} ${pct(p.pInterview.estimate).padStart(6)} (${pct(p.pInterview.low)}–${pct(p.pInterview.high)}) ${p.rate.estimated ? `${ESTIMATED_MARK} ` : ""}${p.signal ? `[${signalLabel(p.signal, plan.signals?.scheme)}] ` : ""}${p.name}, ${p.state ?? "?"}${sponsor(p)}`;
  lines.push(
    "Programs (tier, interview odds and range, visa sponsorship inside the odds):",
    ...plan.programs.map(row),
  );
  if (plan.parallel) {
    lines.push(
      "",
      `Parallel list — ${nameOf(plan.parallel.specialty)} (tier, interview odds and range, visa sponsorship inside the odds):`,
      ...plan.parallel.programs.map(row),
    );
  }
  if ([...plan.programs, ...(plan.parallel?.programs ?? [])].some((p) => p.rate.estimated))
    lines.push(ESTIMATED_TEXT);
  if (plan.supplementalPgy1.length > 0) {
    lines.push(
      "",
      "Supplemental PGY-1 list (chance of a position per program from the published PGY-1 rates; no per-program interview rates exist for these tracks):",
    );
    for (const s of plan.supplementalPgy1)
      lines.push(
        `  ${nameOf(s.specialty).padEnd(30)} ${pct(s.pPosition).padStart(6)} ${s.signal ? `[${signalLabel(s.signal, trackScheme(plan.pgy1Signals?.tracks, s.specialty))}] ` : ""}${s.name}, ${s.state ?? "?"} — ${s.near}${s.sponsorship.basis === "not-needed" ? "" : ` · visa ${sponsorshipText(s.sponsorship)}`}`,
      );
  }
  if (plan.excluded.length > 0)
    lines.push(
      "",
      `${plan.excluded.length} program(s) left out (e.g. ${plan.excluded[0]?.name}: ${plan.excluded[0]?.reason}).`,
    );
  return lines.join("\n");
}
