/** Fixed vocabularies of the Step 2 CK planner and forecast. */

/** What a practice-exam log entry can be (`matchplan study forecast --log`). */
export const PRACTICE_KINDS = ["nbme", "uwsa", "free120", "other"] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

/** A self-assessment the planner schedules: a kind plus, for UWSA, which one. */
export const SELF_ASSESSMENT_SLOTS = ["nbme", "uwsa1", "uwsa2", "free120"] as const;
export type SelfAssessmentSlot = (typeof SELF_ASSESSMENT_SLOTS)[number];

/** What a phase does, whatever the guide calls it. */
export const PHASE_ROLES = ["foundation", "core", "assessment", "final"] as const;
export type PhaseRole = (typeof PHASE_ROLES)[number];

export const BLOCK_STYLES = ["untimed-system", "timed-random"] as const;
export type BlockStyle = (typeof BLOCK_STYLES)[number];

export const STUDY_MODES = ["full-time", "part-time"] as const;
export type StudyMode = (typeof STUDY_MODES)[number];

/** Kinds of day in the calendar. `heavy` is a full study day; `off` is the applicant's own day off. */
export const DAY_KINDS = ["heavy", "light", "consolidation", "self-assessment", "off", "exam"] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** Days a Step 1 diagnosis (P10) adds its fix to. */
export const DIAGNOSIS_DAYS = ["heavy", "self-assessment"] as const;
export type DiagnosisDay = (typeof DIAGNOSIS_DAYS)[number];

/** ISO weekday order (Monday first), as `--days-off` takes them. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DECISIONS = ["go", "consider-postponing", "postpone"] as const;
export type Decision = (typeof DECISIONS)[number];

/** How the exam date was set and whether the timing rules could all be kept. */
export const TIMING_STATUSES = ["on-time", "d1-relaxed", "too-short", "given"] as const;
export type TimingStatus = (typeof TIMING_STATUSES)[number];
