import { createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays } from "./dates.ts";
import type { StudyPlan } from "./types.ts";

/**
 * The plan as an iCalendar file (RFC 5545) via the `ics` library: one all-day event per phase,
 * per self-assessment day and for the exam. All-day dates carry no time zone, so the file is the
 * same wherever it is made. UIDs are stable — the exam date plus what the event is — so
 * re-importing a re-made plan updates its events instead of duplicating them; DTSTAMP is the
 * plan's as-of date, so the output depends only on the plan.
 */
const asArray = (date: string): DateArray => date.split("-").map(Number) as DateArray;
const dayAfter = (date: string) => asArray(addDays(date, 1));

export function planToIcs(plan: StudyPlan): string {
  const uid = (key: string) => `step2ck-${plan.examDate}-${key}@matchplan`;
  // `timestamp` (DTSTAMP) is accepted by `ics` but missing from its type definitions.
  const stamp = { timestamp: Date.parse(`${plan.asOf}T00:00:00Z`) } as Partial<EventAttributes>;
  const events: EventAttributes[] = [
    ...plan.phases.map(
      (p): EventAttributes => ({
        ...stamp,
        uid: uid(`phase-${p.name}`),
        title: `Step 2 CK: ${p.name.replace(/-/g, " ")}`,
        description: `Phase ${p.name} of the Step 2 CK plan (${p.ruleId}), ${p.days} days.`,
        start: asArray(p.start),
        end: dayAfter(p.end),
        categories: ["step2ck", "phase"],
        transp: "TRANSPARENT",
      }),
    ),
    ...plan.selfAssessments.map(
      (s): EventAttributes => ({
        ...stamp,
        uid: uid(`self-assessment-${s.date}`),
        title: `${s.label}${s.fullLength ? " — full-exam simulation" : ""}`,
        description: (plan.days.find((d) => d.date === s.date)?.activities ?? []).join("\n"),
        start: asArray(s.date),
        end: dayAfter(s.date),
        categories: ["step2ck", "self-assessment"],
      }),
    ),
    {
      ...stamp,
      uid: uid("exam"),
      title: "USMLE Step 2 CK",
      description: `Score reported ${plan.timing.scoreReported.earliest} to ${plan.timing.scoreReported.latest}.`,
      start: asArray(plan.examDate),
      end: dayAfter(plan.examDate),
      categories: ["step2ck", "exam"],
    },
  ];
  const { error, value } = createEvents(events, {
    productId: "-//MatchPlan//Step 2 CK study plan//EN",
    calName: "Step 2 CK study plan",
  });
  if (error || !value) throw new Error(`Calendar export failed: ${error?.message ?? "no output"}`);
  return value;
}
