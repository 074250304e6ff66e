import { createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays } from "../assess/application-cycle.ts";
import type { Timeline } from "./types.ts";

/**
 * The timeline as an iCalendar file (RFC 5545) via `ics`: one all-day event per cycle date and
 * per row (stages, seasons and windows span their days). All-day dates carry no time zone, so
 * the file is the same wherever it is made. UIDs are the Match year plus the row's stable id,
 * so re-importing a re-made timeline updates events instead of duplicating them; DTSTAMP is the
 * as-of date, so the output depends only on the timeline. Estimated dates say so in the title
 * and give their basis in the description.
 */
const asArray = (date: string): DateArray => date.split("-").map(Number) as DateArray;

export function timelineUid(matchYear: number, key: string): string {
  return `timeline-${matchYear}-${key}@matchplan`;
}

export function timelineIcs(t: Timeline): string {
  // `timestamp` (DTSTAMP) is accepted by `ics` but missing from its type definitions.
  const common = {
    timestamp: Date.parse(`${t.asOf}T00:00:00Z`),
    startInputType: "utc",
    startOutputType: "utc",
  } as Partial<EventAttributes>;
  const mark = (estimated: boolean) => (estimated ? " (estimated)" : "");
  const events: EventAttributes[] = [
    ...t.events.map(
      (e): EventAttributes => ({
        ...common,
        uid: timelineUid(t.matchYear, `event-${e.id}`),
        title: `${e.label}${mark(e.estimated)}`,
        description: `${e.basis}\nSources: ${e.sources.join(", ")}`,
        start: asArray(e.date),
        end: asArray(addDays(e.date, 1)),
        categories: ["match-cycle", "date"],
      }),
    ),
    ...t.items.map(
      (i): EventAttributes => ({
        ...common,
        uid: timelineUid(t.matchYear, i.id),
        title: `${i.label}${mark(i.estimated)}`,
        description: [
          ...i.tasks.map((task) => `- ${task}`),
          i.basis,
          `${i.ruleId ? `Rule ${i.ruleId}. ` : ""}Sources: ${i.sources.join(", ")}`,
        ].join("\n"),
        start: asArray(i.start),
        end: asArray(addDays(i.end, 1)),
        categories: ["match-cycle", i.kind],
        ...(i.start === i.end ? {} : { transp: "TRANSPARENT" as const }),
      }),
    ),
  ];
  const { error, value } = createEvents(events, {
    productId: "-//MatchPlan//Application timeline//EN",
    calName: `Application timeline, ${t.matchYear} Match`,
  });
  if (error || !value) throw new Error(`Calendar export failed: ${error?.message ?? "no output"}`);
  return value;
}
