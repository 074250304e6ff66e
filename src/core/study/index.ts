/** The Step 2 CK planner and practice-exam forecast. (Its calendar, `studyCalendarIcs`, is in src/core/calendars.ts: the page loads it on first download.) */

export { checkPlan } from "./check-plan.ts";
export { type ForecastRequest, forecastScore } from "./forecast-score.ts";
// Planning
export { planStudy } from "./plan-study.ts";
// Practice exams
export { parsePracticeLog } from "./practice-log.ts";
export { passedStep2ckIssue, step2ckAhead } from "./step2ck-ahead.ts";

// Types and vocabularies
export type {
  DateRange,
  ExamTiming,
  Forecast,
  ForecastResult,
  PracticeExam,
  Reading,
  ScheduledSelfAssessment,
  StudyDay,
  StudyPhase,
  StudyPlan,
  StudyRequest,
  Tightener,
} from "./types.ts";
export {
  DECISIONS,
  type Decision,
  PRACTICE_KINDS,
  type PracticeKind,
  STUDY_MODES,
  type StudyMode,
  WEEKDAYS,
  type Weekday,
} from "./vocabulary.ts";
