import type { Command } from "commander";
import { studyCalendarIcs } from "../../core/calendars.ts";
import {
  type DateRange,
  type ForecastResult,
  forecastScore,
  type Issue,
  parsePracticeLog,
  phrase,
  planApplication,
  planPart,
  type StudyOptions,
  type StudyPlan,
  title,
  WEEKDAYS,
  type Weekday,
} from "../../core/index.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { parseDateOption, readJsonInput, today } from "../read-input.ts";

/** `matchplan study plan|forecast`: the Step 2 CK planner and the practice-exam forecast. */
export function registerStudy(program: Command, ctx: CliContext): void {
  const study = program
    .command("study")
    .description(
      "Step 2 CK: a dated day-by-day study plan, and a forecast from practice exams with a go / postpone call.",
    );

  study
    .command("plan")
    .description(
      "A day-by-day Step 2 CK plan: exam date, phases, daily questions and hours, self-assessments.",
    )
    .requiredOption("--profile <file>", "profile JSON file, or - for standard input")
    .requiredOption("--specialty <id>", "specialty id (see `matchplan specialties`)")
    .option("--as-of <date>", "plan as of this date (YYYY-MM-DD); default today")
    .option("--exam-date <date>", "sit on this date; without it the plan recommends one")
    .option("--baseline <score>", "your latest full practice-exam score before studying")
    .option("--target <score>", "your own target; default: the guides' target for the profile")
    .option("--hours-per-day <hours>", "hours you can study on a study day")
    .option("--part-time", "study part-time (work, research or observerships alongside)")
    .option("--days-off <days>", `weekly days off, comma-separated (${WEEKDAYS.join(",")})`)
    .option("--diagnosis <list>", "what went wrong on Step 1, comma-separated (see docs/study.md)")
    .option("--weak <systems>", "your weakest systems, comma-separated, weakest first")
    .option(
      "--busy <range...>",
      "clerkships or electives to keep the exam out of: START:END (YYYY-MM-DD:YYYY-MM-DD)",
    )
    .option(
      "--usce-start <date>",
      "when major US clinical experience starts (graduates want the score before it)",
    )
    .option("--json", "print the whole plan as JSON (see docs/study.md)")
    .option("--ics", "print the plan as an iCalendar file")
    .action((o: PlanOptions) => {
      if (o.json && o.ics)
        throw new InputError([
          { code: "inconsistent", path: "--ics", message: "choose --json or --ics, not both" },
        ]);
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const study = studyOptions(o);
      const profile = loadProfile(ctx, o.profile);
      // The plan's Step 2 CK plan: the same exam date and Match year as its timeline and report.
      const planned = planApplication(ctx.rulebook(), null, {
        profile,
        specialty: o.specialty,
        asOf,
        parts: [],
        study,
      });
      const r = planned.ok ? planPart(planned.value, "study") : planned;
      if (!r.ok) throw new InputError(r.issues.map(toOption));
      if (o.json) ctx.out(JSON.stringify(r.value, null, 2));
      else if (o.ics) ctx.out(studyCalendarIcs(r.value).trimEnd());
      else ctx.out(renderPlan(r.value, ctx));
    });

  study
    .command("forecast")
    .description(
      "Forecast the exam-day score from a practice-exam log, with a band and a go / postpone call.",
    )
    .requiredOption(
      "--log <file>",
      'JSON array of { date, kind: "nbme"|"uwsa"|"free120"|"other", form, score }',
    )
    .requiredOption("--target <score>", "the Step 2 CK score you need")
    .option("--as-of <date>", "forecast as of this date (YYYY-MM-DD); default today")
    .option("--exam-date <date>", "your exam date; default: forecast for today")
    .option("--match-year <year>", "the Match you apply to; default: the next one still open")
    .option("--json", "print the result as JSON (see docs/study.md)")
    .action((o: ForecastOptions) => {
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const examDate =
        o.examDate === undefined ? undefined : parseDateOption(o.examDate, "--exam-date", today);
      const target = wholeNumber(o.target, "--target");
      const matchYear = o.matchYear === undefined ? undefined : wholeNumber(o.matchYear, "--match-year");
      const rb = ctx.rulebook();
      const log = parsePracticeLog(rb, readJsonInput(o.log, "--log"), asOf);
      if (!log.ok) throw new InputError(log.issues);
      const r = forecastScore(rb, {
        log: log.value,
        target,
        asOf,
        ...(examDate ? { examDate } : {}),
        ...(matchYear !== undefined ? { matchYear } : {}),
      });
      if (!r.ok) throw new InputError(r.issues.map(toOption));
      ctx.out(o.json ? JSON.stringify(r.value, null, 2) : renderForecast(r.value));
    });

  for (const cmd of study.commands) cmd.exitOverride().showHelpAfterError();
}

/** The study planner's options, from the command line (everything but the profile, specialty and date). */
function studyOptions(o: PlanOptions): StudyOptions {
  const examDate = o.examDate === undefined ? undefined : parseDateOption(o.examDate, "--exam-date", today);
  const usceStart =
    o.usceStart === undefined ? undefined : parseDateOption(o.usceStart, "--usce-start", today);
  return {
    ...(examDate ? { examDate } : {}),
    ...(o.baseline !== undefined ? { baseline: wholeNumber(o.baseline, "--baseline") } : {}),
    ...(o.target !== undefined ? { target: wholeNumber(o.target, "--target") } : {}),
    ...(o.hoursPerDay !== undefined ? { hoursPerDay: number(o.hoursPerDay, "--hours-per-day") } : {}),
    mode: o.partTime ? "part-time" : "full-time",
    ...(o.daysOff ? { daysOff: list(o.daysOff) as Weekday[] } : {}),
    ...(o.diagnosis ? { diagnoses: list(o.diagnosis) } : {}),
    ...(o.weak ? { weakSystems: list(o.weak) } : {}),
    ...(o.busy ? { busy: o.busy.map((b, i) => busyRange(b, i)) } : {}),
    ...(usceStart ? { usceStart } : {}),
  };
}

interface PlanOptions {
  profile: string;
  specialty: string;
  asOf?: string;
  examDate?: string;
  baseline?: string;
  target?: string;
  hoursPerDay?: string;
  partTime?: boolean;
  daysOff?: string;
  diagnosis?: string;
  weak?: string;
  busy?: string[];
  usceStart?: string;
  json?: boolean;
  ics?: boolean;
}

interface ForecastOptions {
  log: string;
  target: string;
  asOf?: string;
  examDate?: string;
  matchYear?: string;
  json?: boolean;
}

const OPTION_OF: Record<string, string> = {
  examDate: "--exam-date",
  baseline: "--baseline",
  target: "--target",
  hoursPerDay: "--hours-per-day",
  daysOff: "--days-off",
  diagnoses: "--diagnosis",
  weakSystems: "--weak",
  busy: "--busy",
  usceStart: "--usce-start",
  asOf: "--as-of",
  specialty: "--specialty",
  mode: "--part-time",
};

/** Core issues name request fields; the CLI names its options. */
function toOption(issue: Issue): Issue {
  const m = /^([A-Za-z]+)(.*)$/.exec(issue.path);
  const option = m ? OPTION_OF[m[1] as string] : undefined;
  return option ? { ...issue, path: `${option}${m?.[2] ?? ""}` } : issue;
}

function number(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n))
    throw new InputError([
      { code: "invalid_type", path: option, message: `"${value}" is not a number`, allowed: "a number" },
    ]);
  return n;
}

function wholeNumber(value: string, option: string): number {
  const n = number(value, option);
  if (!Number.isInteger(n))
    throw new InputError([
      {
        code: "invalid_type",
        path: option,
        message: `"${value}" is not a whole number`,
        allowed: "a whole number",
      },
    ]);
  return n;
}

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function busyRange(value: string, i: number): DateRange {
  const [start, end, ...rest] = value.split(":");
  if (!start || !end || rest.length > 0)
    throw new InputError([
      {
        code: "invalid_value",
        path: `--busy[${i}]`,
        message: `"${value}" is not a date range`,
        allowed: "START:END, e.g. 2026-03-02:2026-03-29",
      },
    ]);
  return {
    start: parseDateOption(start, `--busy[${i}]`, today),
    end: parseDateOption(end, `--busy[${i}]`, today),
    label: `busy ${start} to ${end}`,
  };
}

function renderPlan(p: StudyPlan, ctx: CliContext): string {
  const rb = ctx.rulebook();
  const name = rb.specialties.get(p.specialty)?.name ?? p.specialty;
  const t = p.timing;
  const review = t.cycle.programsReview;
  const lines: string[] = [];
  lines.push(`Step 2 CK plan · ${name} · ${p.applicantType} · as of ${p.asOf} · ${t.cycle.matchYear} Match`);
  lines.push(
    `Target ${p.target.score} [${p.target.ruleId}] · baseline ${p.baseline ?? "none (a baseline self-assessment opens the plan)"} · ${p.mode}, ${p.availability.hoursPerDay} h a day${p.availability.daysOff.length ? `, off ${p.availability.daysOff.join(", ")}` : ""}`,
  );
  lines.push("");
  lines.push(
    `Exam: ${p.examDate} (${t.status === "given" ? "your date" : t.status === "too-short" ? "earliest sensible date" : "recommended"}) — score reported ${t.scoreReported.earliest} to ${t.scoreReported.latest}` +
      (review ? `; programs review from ${review.date}${review.estimated ? " (estimated)" : ""}` : ""),
  );
  for (const m of t.messages) lines.push(`  ${m}`);
  lines.push(
    `Study: ${p.studyStart} → ${p.days.at(-2)?.date ?? p.studyStart}, ${p.weeks.planned} weeks (${p.weeks.ruleId}: ${round1(p.weeks.needed.min)}–${round1(p.weeks.needed.max)} weeks)`,
  );
  lines.push("");
  lines.push(`Phases (${p.phaseRule}):`);
  for (const ph of p.phases) {
    const heavy = p.days.filter((d) => d.phase === ph.name && d.kind === "heavy");
    const perDay = heavy.length ? Math.max(...heavy.map((d) => d.questions)) : 0;
    lines.push(
      `  ${title(ph.name).padEnd(24)} ${ph.start} – ${ph.end}  ${String(round1(ph.days / 7)).padStart(4)} wk  ${perDay} questions a heavy day`,
    );
  }
  lines.push("");
  lines.push("Self-assessments:");
  for (const s of p.selfAssessments)
    lines.push(`  ${s.date}  ${s.label} (${s.purpose}${s.fullLength ? ", full-exam simulation" : ""})`);
  if (p.selfAssessments.length === 0) lines.push("  none — the plan is too short");
  const b = p.questionBank;
  lines.push("");
  lines.push(
    `Questions: ${b.total} planned — ${b.primary.name} ${b.primary.planned} (${b.primary.passes} passes of ~${b.primary.size})` +
      (b.secondary
        ? `, ${b.secondary.names.join(" or ")} ${b.secondary.planned} from ${b.secondary.from}`
        : ""),
  );
  const light = p.days.find((d) => d.kind === "light");
  lines.push(
    `Each week: one light day${light ? ` (${WEEKDAYS[(new Date(`${light.date}T00:00:00Z`).getUTCDay() + 6) % 7]})` : ""} with the error-log review; a consolidation day every 2 weeks; weak-system rotation: ${p.rotation.map(phrase).join(", ") || "from your latest self-assessment"}`,
  );
  lines.push("");
  lines.push("Reminders:");
  for (const r of p.reminders) lines.push(`  ${r.date}  ${r.text} (${r.ruleId})`);
  if (p.notes.length > 0) {
    lines.push("");
    lines.push("Notes:");
    for (const n of p.notes) lines.push(`  - ${n}`);
  }
  lines.push("");
  lines.push(
    p.issues.length === 0
      ? "Checks: the plan keeps all its own rules."
      : `Checks: ${p.issues.length} problem(s):\n${p.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`,
  );
  lines.push("Run with --json for the day-by-day plan and its sources, or --ics for a calendar.");
  return lines.join("\n");
}

function renderForecast(f: ForecastResult): string {
  const lines: string[] = [];
  const pct = Math.round(f.forecast.probability * 100); // not a score: a probability as a percentage
  lines.push(
    `Forecast for ${f.forecast.at}: ${f.forecast.estimate} (${pct}% band ${f.forecast.low}–${f.forecast.high}) · target ${f.target} · ${f.gap > 0 ? `${f.gap} below` : `${-f.gap} above`}`,
  );
  lines.push(`Decision: ${f.decision.toUpperCase().replace(/-/g, " ")}`);
  for (const b of f.because.slice(1)) if (b.note) lines.push(`  - ${b.note} [${b.ruleId}]`);
  lines.push("");
  lines.push("Practice exams (score → corrected, weight in the estimate):");
  for (const r of f.readings)
    lines.push(
      `  ${r.date}  ${r.kind}${r.form !== null ? ` ${r.form}` : ""}: ${r.score} → ${r.corrected} (${Math.round(r.weight * 100)}%)`,
    );
  if (f.tighten.length > 0) {
    lines.push("");
    lines.push("What would tighten the estimate:");
    for (const t of f.tighten.slice(0, 2))
      lines.push(`  - ${t.action} by ${t.by}: band ±${t.halfWidthNow} → ±${t.halfWidthAfter}`);
  }
  lines.push("");
  lines.push(
    "Coefficients and their evidence: data/facts/study-forecast.yaml (thin evidence; see docs/study.md).",
  );
  return lines.join("\n");
}

const round1 = (x: number) => Math.round(x * 10) / 10;
