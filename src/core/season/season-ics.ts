import { createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays, type Cycle, type CycleEvent } from "../assess/application-cycle.ts";
import type { SeasonModel } from "./season-model.ts";
import type { Tracker } from "./tracker.ts";

/**
 * The season as an iCalendar file: one all-day event per interview date and per season
 * deadline, each with display reminders the number of days before that data/model/season.yaml
 * gives. UIDs are stable (Match year + program or event), so a re-import updates events;
 * DTSTAMP is `asOf`, so the output depends only on the inputs.
 */
const SEASON_EVENTS: ReadonlyArray<{ key: CycleEvent; label: string }> = [
  { key: "nrmpRegistrationDeadline", label: "NRMP registration deadline (late fee after)" },
  { key: "rankListOpens", label: "Rank-order list entry opens" },
  { key: "rankListDeadline", label: "Rank-order list deadline" },
  { key: "ecfmgVerificationDeadline", label: "ECFMG verification needed by (IMGs)" },
  { key: "soapBegins", label: "SOAP begins" },
  { key: "soapEnds", label: "SOAP ends" },
  { key: "matchDay", label: "Match Day" },
];

const asArray = (date: string): DateArray => date.split("-").map(Number) as DateArray;

export function seasonIcs(
  tracker: Tracker,
  cycle: Cycle,
  season: SeasonModel,
  names: ReadonlyMap<string, string>,
  asOf: string,
): string {
  const common = {
    timestamp: Date.parse(`${asOf}T00:00:00Z`),
    startInputType: "utc",
    startOutputType: "utc",
  } as Partial<EventAttributes>;
  const alarms = season.reminders.daysBefore.value.map((days) => ({
    action: "display" as const,
    description: "Reminder",
    trigger: { days, before: true },
  }));
  const uid = (key: string) => `season-${tracker.matchYear}-${key}@matchplan`;
  const events: EventAttributes[] = [];
  for (const e of tracker.entries) {
    if (!e.interviewDate || e.withdrawn) continue;
    events.push({
      ...common,
      uid: uid(`interview-${e.programId}`),
      title: `Interview: ${names.get(e.programId) ?? e.programId}`,
      description: e.notes || `Program ${e.programId}`,
      start: asArray(e.interviewDate),
      end: asArray(addDays(e.interviewDate, 1)),
      categories: ["match-season", "interview"],
      alarms,
    });
  }
  for (const ev of SEASON_EVENTS) {
    const d = cycle[ev.key];
    if (!d) continue;
    events.push({
      ...common,
      uid: uid(`event-${ev.key}`),
      title: `${ev.label}${d.estimated ? " (estimated)" : ""}`,
      description: `${d.basis}\nSources: ${d.sources.join(", ")}`,
      start: asArray(d.date),
      end: asArray(addDays(d.date, 1)),
      categories: ["match-season", "deadline"],
      alarms,
    });
  }
  const { error, value } = createEvents(events, {
    productId: "-//MatchPlan//Match season//EN",
    calName: `Match season, ${tracker.matchYear}`,
  });
  if (error || !value) throw new Error(`Calendar export failed: ${error?.message ?? "no output"}`);
  return value;
}
