import { type Alarm, createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays } from "../assess/application-cycle.ts";
import type { StudyPlan } from "../study/types.ts";
import { timelineUid } from "../timeline/timeline-ics.ts";
import { CONFIDENCE_MARK, type Timeline, type TimelineItem } from "../timeline/types.ts";
import type { Plan } from "./types.ts";

/**
 * The whole plan as one calendar (RFC 5545) to import into a phone's or a desktop calendar:
 * what lies ahead of the plan's as-of date, as one-day entries, with reminders before each date
 * that asks for something. The same calendar of a timeline alone or a Step 2 CK plan alone is what
 * the API's `format=ics` answers give (`calendarIcs`).
 *
 * Spec. Steps: (1) the Match cycle's dates (ERAS opens, registration and rank-list deadlines,
 * Match Day…), each one day; (2) the timeline's rows: a one-day row as itself, a longer one (a
 * stage of months, the interview season) as two one-day entries — where it starts and where it
 * ends or is due — so no calendar shows a block across weeks or a year; (3) the Step 2 CK plan's
 * phase starts, self-assessment days and dated reminders (its exam is the timeline's row, so it is
 * not listed twice; without a timeline it is the plan's); (4) everything dated before the as-of
 * date is left out. Deadlines — cycle dates, a milestone's due day, exam and self-assessment days —
 * carry two display alarms (VALARM), `REMINDER_DAYS_BEFORE`. UIDs are stable (the timeline's and
 * the study plan's keys plus the entry's role), so importing a re-made plan updates entries instead
 * of duplicating them; DTSTAMP is the as-of date, so the file depends only on the plan. Pure.
 *
 * Not modelled: times of day (every entry is all-day: the sources give dates, not hours) and the
 * applicant's own reminders.
 */

/**
 * Reminder lead times in days: a week to act and the day before. Not a rule of any guide — a
 * calendar convenience, the leads calendar apps themselves offer for all-day events.
 */
export const REMINDER_DAYS_BEFORE = [7, 1] as const;

const asArray = (date: string): DateArray => date.split("-").map(Number) as DateArray;

const reminders = (what: string): Alarm[] =>
  REMINDER_DAYS_BEFORE.map((days) => ({
    action: "display",
    description: `${what} — in ${days} day${days === 1 ? "" : "s"}`,
    trigger: { days, before: true },
  }));

export interface CalendarEntry {
  uid: string;
  date: string;
  title: string;
  description: string;
  categories: string[];
  deadline: boolean;
}

const mark = (estimated: boolean) => (estimated ? " (estimated)" : "");

function itemEntries(t: Timeline, i: TimelineItem): CalendarEntry[] {
  const description = [
    ...i.tasks.map((task) => `- ${task}`),
    i.start === i.end ? "" : `From ${i.start} to ${i.end}.`,
    i.basis,
    `${i.ruleId ? `Rule ${i.ruleId}. ` : ""}Sources: ${i.sources.join(", ")}`,
  ]
    .filter(Boolean)
    .join("\n");
  const title = `${i.label}${CONFIDENCE_MARK[i.confidence] ? ` (${CONFIDENCE_MARK[i.confidence]})` : ""}`;
  const common = { description, categories: ["match-cycle", i.kind] };
  // Milestones and exams are things to have done by a day; stages and seasons are periods.
  // A multi-day exam row is the study period before it, not something due.
  const due = i.kind === "milestone" || (i.kind === "exam" && i.start === i.end);
  if (i.start === i.end)
    return [{ ...common, uid: timelineUid(t.matchYear, i.id), date: i.start, title, deadline: due }];
  return [
    {
      ...common,
      uid: timelineUid(t.matchYear, `${i.id}-start`),
      date: i.start,
      title: `Starts: ${title}`,
      deadline: false,
    },
    {
      ...common,
      uid: timelineUid(t.matchYear, `${i.id}-end`),
      date: i.end,
      title: `${due ? "Due" : "Ends"}: ${title}`,
      deadline: due,
    },
  ];
}

function studyEntries(s: StudyPlan, withExam: boolean): CalendarEntry[] {
  const uid = (key: string) => `step2ck-${s.examDate}-${key}@matchplan`;
  return [
    ...s.phases.map((p) => ({
      uid: uid(`phase-${p.name}`),
      date: p.start,
      title: `Step 2 CK study: ${p.name.replace(/-/g, " ")} begins`,
      description: `Phase ${p.name} of the Step 2 CK plan (${p.ruleId}): ${p.days} days, ${p.start} to ${p.end}.`,
      categories: ["step2ck", "phase"],
      deadline: false,
    })),
    ...s.selfAssessments.map((x) => ({
      uid: uid(`self-assessment-${x.date}`),
      date: x.date,
      title: `${x.label}${x.fullLength ? " — full-exam simulation" : ""}`,
      description: (s.days.find((d) => d.date === x.date)?.activities ?? []).join("\n"),
      categories: ["step2ck", "self-assessment"],
      deadline: true,
    })),
    ...s.reminders.map((r, i) => ({
      uid: uid(`reminder-${r.date}-${i}`),
      date: r.date,
      title: r.text,
      description: `Rule ${r.ruleId}. Sources: ${r.sources.join(", ")}`,
      categories: ["step2ck", "reminder"],
      deadline: false,
    })),
    ...(withExam
      ? [
          {
            uid: uid("exam"),
            date: s.examDate,
            title: "USMLE Step 2 CK",
            description: `Score reported ${s.timing.scoreReported.earliest} to ${s.timing.scoreReported.latest}.`,
            categories: ["step2ck", "exam"],
            deadline: true,
          },
        ]
      : []),
  ];
}

/**
 * What a calendar is made of: the date it is made as of, and the timeline and the Step 2 CK plan
 * when there are (a plan's; or the API's timeline alone, or its study plan alone).
 */
export interface CalendarSource {
  asOf: string;
  timeline: Timeline | null;
  study: StudyPlan | null;
}

/** The entries of the plan's calendar, dated on or after the plan's as-of date, in date order. */
export function planCalendarEntries(plan: Plan): CalendarEntry[] {
  return calendarEntries({ asOf: plan.asOf, timeline: plan.timeline, study: plan.step2ck.study });
}

/** The entries of a calendar, dated on or after its as-of date, in date order. */
export function calendarEntries({ asOf, timeline: t, study }: CalendarSource): CalendarEntry[] {
  const entries: CalendarEntry[] = [
    ...(t
      ? t.events.map((e) => ({
          uid: timelineUid(t.matchYear, `event-${e.id}`),
          date: e.date,
          title: `${e.label}${mark(e.estimated)}`,
          description: `${e.basis}\nSources: ${e.sources.join(", ")}`,
          categories: ["match-cycle", "date"],
          deadline: true,
        }))
      : []),
    ...(t ? t.items.flatMap((i) => itemEntries(t, i)) : []),
    ...(study ? studyEntries(study, !t?.items.some((i) => i.kind === "exam" && i.start === i.end)) : []),
  ];
  return entries
    .filter((e) => e.date >= asOf)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid.localeCompare(b.uid)));
}

export function planIcs(plan: Plan): string {
  return calendarIcs(
    { asOf: plan.asOf, timeline: plan.timeline, study: plan.step2ck.study },
    `MatchPlan: ${plan.specialty.name}, ${plan.matchYear.matchYear} Match`,
  );
}

/** The calendar of a timeline alone: the API's and the CLI's `ics` answers for a timeline. */
export function timelineCalendarIcs(t: Timeline): string {
  return calendarIcs(
    { asOf: t.asOf, timeline: t, study: null },
    `Application timeline, ${t.matchYear} Match`,
  );
}

/** The calendar of a Step 2 CK plan alone: the API's and the CLI's `ics` answers for a study plan. */
export function studyCalendarIcs(s: StudyPlan): string {
  return calendarIcs({ asOf: s.asOf, timeline: null, study: s }, "Step 2 CK study plan");
}

/** A calendar as an iCalendar file, named `calName` in the applications that show names. */
export function calendarIcs(source: CalendarSource, calName: string): string {
  // `timestamp` (DTSTAMP) is accepted by `ics` but missing from its type definitions.
  const stamp = { timestamp: Date.parse(`${source.asOf}T00:00:00Z`) } as Partial<EventAttributes>;
  const events = calendarEntries(source).map(
    (e): EventAttributes => ({
      ...stamp,
      uid: e.uid,
      title: e.title,
      description: e.description,
      start: asArray(e.date),
      end: asArray(addDays(e.date, 1)),
      categories: e.categories,
      ...(e.deadline ? { alarms: reminders(e.title) } : { transp: "TRANSPARENT" as const }),
    }),
  );
  const { error, value } = createEvents(events, { productId: "-//MatchPlan//Application plan//EN", calName });
  if (error || !value) throw new Error(`Calendar export failed: ${error?.message ?? "no output"}`);
  return value;
}
