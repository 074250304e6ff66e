/**
 * Calendars (iCalendar) of a whole plan, of a study plan and of a timeline: one kind of calendar (what lies ahead, one-day entries, reminders) for the page, the API and the CLI. A public entry of its own, apart from
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
  studyCalendarIcs,
  timelineCalendarIcs,
} from "./plan/plan-calendar.ts";
export { timelineUid } from "./timeline/timeline-ics.ts";
