import type { Command } from "commander";
import { timelineCalendarIcs } from "../../core/calendars.ts";
import { planApplication, planPart, type Timeline } from "../../core/index.ts";
import { InputError } from "../cli-error.ts";
import { type CliContext, loadProfile } from "../context.ts";
import { parseDateOption, today } from "../read-input.ts";
import { specialtyOption } from "./report.ts";

/** `matchplan timeline`: the application timeline for the profile's Match year, as a table, JSON or iCalendar. */
export function registerTimeline(program: Command, ctx: CliContext): void {
  program
    .command("timeline")
    .description(
      "The application timeline: cycle dates (estimated ones marked, with their basis), the guide's stage plan, milestones and Step 2 CK.",
    )
    .requiredOption("--profile <file>", "profile JSON file, or - for standard input")
    .requiredOption("--specialty <id>", "specialty id (see `matchplan specialties`)")
    .option("--as-of <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--json", "print the timeline as JSON (see docs/report.md)")
    .option("--ics", "print the timeline as an iCalendar file")
    .action((o: { profile: string; specialty: string; asOf?: string; json?: boolean; ics?: boolean }) => {
      if (o.json && o.ics)
        throw new InputError([
          { code: "inconsistent", path: "--ics", message: "choose --json or --ics, not both" },
        ]);
      specialtyOption(ctx, o.specialty);
      const rb = ctx.rulebook();
      const asOf = parseDateOption(o.asOf, "--as-of", today);
      const profile = loadProfile(ctx, o.profile);
      // The plan's timeline; the program catalog is not needed for it, so it is not loaded.
      const planned = planApplication(rb, null, {
        profile,
        specialty: o.specialty,
        asOf,
        parts: ["timeline"],
      });
      const timeline = planned.ok ? planPart(planned.value, "timeline") : planned;
      if (!timeline.ok) throw new InputError(timeline.issues);
      const t = timeline.value;
      if (o.json) ctx.out(JSON.stringify(t, null, 2));
      else if (o.ics) ctx.out(timelineCalendarIcs(t).trimEnd());
      else ctx.out(renderTimeline(t, rb.specialties.get(o.specialty)?.name ?? o.specialty));
    });
}

const ROW_MARK = { official: " ", secondary: "*", estimated: "~" } as const;

function renderTimeline(t: Timeline, specialtyName: string): string {
  const lines: string[] = [];
  lines.push(`Application timeline · ${specialtyName} · ${t.matchYear} Match · as of ${t.asOf}`);
  if (t.stagePlan) lines.push(`Stage plan ${t.stagePlan.ruleId}, anchored on ${t.stagePlan.anchor}.`);
  lines.push(
    "(~ = rests on an estimated date; * = rests on a date only a secondary source states; the basis is in --json)",
  );
  lines.push("");
  for (const i of t.items) {
    const when = i.start === i.end ? i.start : `${i.start} – ${i.end}`;
    lines.push(
      `${ROW_MARK[i.confidence]} ${when.padEnd(23)} ${i.status.padEnd(8)} ${i.label}${i.ruleId ? ` [${i.ruleId}]` : ""}`,
    );
    for (const task of i.tasks) lines.push(`${" ".repeat(35)}- ${task}`);
  }
  lines.push("");
  lines.push(`Cycle dates (${t.service.name}; [official], [secondary] or [estimated]):`);
  for (const e of t.events) lines.push(`${e.estimated ? "~" : " "} ${e.date}  [${e.confidence}] ${e.label}`);
  lines.push(`  ${t.freshness.text}`);
  for (const n of t.notes) lines.push(`  Note: ${n}`);
  return lines.join("\n");
}
