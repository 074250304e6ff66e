import type { Issue } from "../issues.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { phaseSpans } from "./allocate-phases.ts";
import { addDays, daysBetween, weekdayOf, weekStart } from "./dates.ts";
import { refNumber, refRange } from "./rule-ref.ts";
import type { StudyPlan } from "./types.ts";

/**
 * Checks a study plan against its own rules and returns what it breaks. The planner runs it on
 * every plan it makes (and the property tests run it on generated requests). One issue a plan
 * the planner makes can carry: study time too short for the phases' minimums (P3, P4), which the
 * planner meets by shortening every phase in proportion (`out_of_range` at `phases`). Any other
 * issue is a planner bug or a hand-edited plan: a study day after the exam, hours above
 * availability, fewer self-assessments in the final weeks than P5 asks, a week without a light day, …
 */
export function checkPlan(rb: Rulebook, plan: StudyPlan): Issue[] {
  const P = rb.study.plan;
  const R = rb.rules;
  const issues: Issue[] = [];
  const add = (path: string, message: string, allowed?: string) =>
    issues.push({ code: "inconsistent", path, message, ...(allowed ? { allowed } : {}) });
  const { days, examDate, studyStart } = plan;
  const eps = 1e-9;

  // The calendar: consecutive days from the study start to the exam, and nothing after it.
  if (studyStart < plan.asOf)
    add("studyStart", `study starts on ${studyStart}, before the as-of date ${plan.asOf}`);
  days.forEach((d, i) => {
    if (d.date > examDate) add(`days[${i}].date`, `a day on ${d.date}, after the exam on ${examDate}`);
    const prev = days[i - 1];
    if (prev && daysBetween(prev.date, d.date) !== 1)
      add(`days[${i}].date`, `days must follow one another: ${prev.date} then ${d.date}`);
    if (d.kind === "exam" && d.date !== examDate)
      add(`days[${i}].kind`, `an exam day on ${d.date}, not ${examDate}`);
    if (d.kind !== "exam" && d.date === examDate)
      add(`days[${i}].kind`, "the exam date must be the exam day");
    if (d.hours < 0 || d.questions < 0 || !Number.isInteger(d.questions))
      add(`days[${i}]`, "hours and questions must be non-negative; questions whole");
    const limit =
      d.kind === "self-assessment" ? plan.availability.fullLengthDayHours : plan.availability.hoursPerDay;
    if (d.hours > limit + eps)
      add(`days[${i}].hours`, `${d.hours} h on ${d.date} is above the ${limit} h available`);
    const off = plan.availability.daysOff.includes(weekdayOf(d.date));
    if (d.kind !== "exam" && off !== (d.kind === "off"))
      add(
        `days[${i}].kind`,
        `${d.date} is ${off ? "a day off but planned as study" : "marked off but is not a day off"}`,
      );
    if ((d.kind === "off" || d.kind === "exam") && (d.hours > 0 || d.questions > 0))
      add(`days[${i}].hours`, `no study on ${d.kind === "off" ? "a day off" : "the exam day"}`);
  });
  if (days[0]?.date !== studyStart)
    add("days[0].date", `the calendar must start on the study start ${studyStart}`);
  if (days.at(-1)?.kind !== "exam" || days.at(-1)?.date !== examDate)
    add(`days[${days.length - 1}]`, `the calendar must end with the exam on ${examDate}`);

  // Phases cover the study days in order.
  let expected = studyStart;
  plan.phases.forEach((p, i) => {
    if (p.start !== expected)
      add(`phases[${i}].start`, `phase ${p.name} starts on ${p.start}, expected ${expected}`);
    if (p.end < p.start) add(`phases[${i}].end`, `phase ${p.name} ends before it starts`);
    expected = addDays(p.end, 1);
  });
  if (plan.phases.length > 0 && expected !== examDate)
    add("phases", `the phases must end the day before the exam (${addDays(examDate, -1)})`);
  days.forEach((d, i) => {
    if (d.kind === "exam") return;
    const p = plan.phases.find((x) => x.start <= d.date && d.date <= x.end);
    if ((p?.name ?? null) !== d.phase) add(`days[${i}].phase`, `${d.date} is in phase ${p?.name ?? "none"}`);
  });

  // Phases at least as long as their rule's minimum (P3, P4): a plan too short for them says so.
  const model = P.phaseModels.find((m) => m.rule === plan.phaseRule);
  if (model) {
    const spans = phaseSpans(R, model);
    const minTotal = spans.reduce((s, x) => s + x.min, 0);
    const short = plan.phases.flatMap((p) => {
      const i = model.phases.findIndex((m) => m.name === p.name);
      const min = spans[i]?.min ?? 0;
      return p.days < min ? [`${p.name} ${weeks(p.days)} weeks (at least ${weeks(min)})`] : [];
    });
    const dropped = model.phases
      .filter((m) => !plan.phases.some((p) => p.name === m.name))
      .map((m) => m.name);
    if (short.length > 0 || dropped.length > 0)
      issues.push({
        code: "out_of_range",
        path: "phases",
        message: `${weeks(daysBetween(studyStart, examDate))} weeks of study are below the ${weeks(minTotal)} weeks ${plan.phaseRule}'s phases need at their minimums, so every phase is shortened: ${[...short, ...dropped.map((n) => `${n} left out`)].join("; ")}`,
        allowed: `at least ${weeks(minTotal)} weeks of study (${plan.phaseRule})`,
      });
  }

  // Self-assessments (P5, P7).
  const sa = P.selfAssessments;
  const spacing = Math.round(refRange(R, sa.spacingWeeks).min * 7);
  const windowDays = Math.round(refNumber(R, sa.finalWindowWeeks) * 7);
  const studyDays = daysBetween(studyStart, examDate);
  const seen = new Set<string>();
  plan.selfAssessments.forEach((s, i) => {
    const day = days.find((d) => d.date === s.date);
    if (day?.kind !== "self-assessment")
      add(`selfAssessments[${i}].date`, `${s.date} is not a self-assessment day`);
    if (s.date >= examDate) add(`selfAssessments[${i}].date`, "a self-assessment on or after the exam");
    const key = `${s.slot}:${s.form}`;
    if (seen.has(key)) add(`selfAssessments[${i}]`, `${s.label} is scheduled twice`);
    seen.add(key);
    const prev = plan.selfAssessments[i - 1];
    if (prev && daysBetween(prev.date, s.date) < spacing)
      add(
        `selfAssessments[${i}].date`,
        `self-assessments ${prev.date} and ${s.date} are closer than ${spacing} days (P5)`,
      );
  });
  if (days.filter((d) => d.kind === "self-assessment").length !== plan.selfAssessments.length)
    add("selfAssessments", "every self-assessment day must be listed in selfAssessments");
  if (studyDays >= windowDays) {
    const inWindow = plan.selfAssessments.filter((s) => daysBetween(s.date, examDate) <= windowDays).length;
    const needed = refNumber(R, sa.finalMinimum);
    if (inWindow < needed)
      add(
        "selfAssessments",
        `${inWindow} self-assessment(s) in the last ${windowDays / 7} weeks; P5 asks for at least ${needed}`,
      );
    const sims = plan.selfAssessments.filter((s) => s.fullLength).length;
    if (sims !== refNumber(R, sa.simulations))
      add("selfAssessments", `${sims} full-exam simulation(s); P7 asks for ${refNumber(R, sa.simulations)}`);
  }

  // Weekly rhythm (P6, P7): a light day and an error-log review every complete week; no long runs.
  const maxRun = refNumber(R, P.day.heavyDaysInARow);
  let run = 0;
  days.forEach((d, i) => {
    run = d.kind === "heavy" || d.kind === "consolidation" || d.kind === "self-assessment" ? run + 1 : 0;
    if (run > maxRun)
      add(`days[${i}]`, `${run} study days in a row up to ${d.date}; P6 allows ${maxRun} before a light day`);
  });
  const lastStudy = addDays(examDate, -1);
  for (let monday = weekStart(studyStart); monday <= lastStudy; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    if (monday < studyStart || sunday > lastStudy) continue;
    const week = days.filter((d) => d.date >= monday && d.date <= sunday);
    if (!week.some((d) => d.kind === "light")) add(`days`, `the week of ${monday} has no light day (P6)`);
    if (!week.some((d) => d.activities.some((a) => a.includes("error-log review"))))
      add(`days`, `the week of ${monday} has no error-log review (P7)`);
  }

  // Consolidation every 2–3 weeks (P6).
  const maxGap = Math.round(refRange(R, P.day.consolidationEveryWeeks).max * 7);
  if (studyDays > maxGap) {
    let last = addDays(studyStart, -1);
    for (const d of days.filter((x) => x.kind === "consolidation")) {
      if (daysBetween(last, d.date) > maxGap)
        add(
          "days",
          `no consolidation day between ${last} and ${d.date} (P6: every ${maxGap / 7} weeks at most)`,
        );
      last = d.date;
    }
    if (daysBetween(last, lastStudy) > maxGap) add("days", `no consolidation day after ${last} (P6)`);
  }

  // Weak systems in rotation (P3): each appears in every cycle of the rotation.
  const w = plan.weakSystems;
  if (w.length > 0) {
    const cycle = w.length + (plan.rotation.length > w.length ? 1 : 0);
    const heavy = days.filter((d) => d.kind === "heavy");
    for (let i = 0; i + cycle <= heavy.length; i++) {
      const focus = new Set(heavy.slice(i, i + cycle).map((d) => d.focus));
      const missing = w.filter((s) => !focus.has(s));
      if (missing.length > 0) {
        add(
          "days",
          `weak system(s) ${missing.join(", ")} left out of the rotation from ${heavy[i]?.date} (P3)`,
        );
        break;
      }
    }
  }

  // One secondary bank at most, started before the midpoint (P8).
  const midpoint = addDays(studyStart, Math.floor(studyDays / 2));
  const firstSecondary = days.find((d) => (d.secondaryQuestions ?? 0) > 0);
  if (firstSecondary && firstSecondary.date > midpoint)
    add(
      "questionBank.secondary",
      `the secondary bank starts on ${firstSecondary.date}, after the midpoint ${midpoint} (P8)`,
    );
  if (firstSecondary && !plan.questionBank.secondary)
    add(
      "questionBank.secondary",
      "secondary-bank questions are planned but the plan names no secondary bank",
    );
  const total = days.reduce((s, d) => s + d.questions, 0);
  if (total !== plan.questionBank.total)
    add(
      "questionBank.total",
      `the days plan ${total} questions; the summary says ${plan.questionBank.total}`,
    );

  return issues;
}

/** Days as weeks, to one decimal. */
function weeks(days: number): string {
  return String(Math.round((days / 7) * 10) / 10);
}
