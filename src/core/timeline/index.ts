/** The application timeline: cycle dates, the guide's stage plan, milestones, Step 2 CK. (Its calendar, `timelineCalendarIcs`, is in src/core/calendars.ts.) */

export { addMonths, buildTimeline, EVENT_LABELS, type TimelineRequest } from "./build-timeline.ts";
export {
  type PlannedStep2ck,
  type PlannedTimeline,
  planStep2ck,
  planTimeline,
  type TimelinePlanRequest,
} from "./plan-timeline.ts";
export type { CycleEventItem, ItemKind, ItemStatus, Timeline, TimelineItem } from "./types.ts";
export { CONFIDENCE_MARK, ITEM_KINDS, ITEM_STATUSES } from "./types.ts";
