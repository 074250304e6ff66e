/**
 * The stable UID of a timeline row in a calendar (`plan/plan-calendar.ts` makes the calendars):
 * the Match year plus the row's own id, so re-importing a re-made timeline updates its entries
 * instead of duplicating them.
 */
export function timelineUid(matchYear: number, key: string): string {
  return `timeline-${matchYear}-${key}@matchplan`;
}
