/**
 * Calendars (iCalendar) of a whole plan (what lies ahead, with reminders), of a study plan and of a timeline. A public entry of its own, apart from
 * index.ts, so the page loads the calendar library only when a calendar is downloaded.
 */

export {
  type CalendarEntry,
  type CalendarSource,
  calendarEntries,
  calendarIcs,
  planCalendarEntries,
  planIcs,
  REMINDER_DAYS_BEFORE,
} from "./plan/plan-calendar.ts";
export { planToIcs } from "./study/plan-calendar.ts";
export { timelineIcs, timelineUid } from "./timeline/timeline-ics.ts";
