import type { MatchYearChoice } from "../assess/application-cycle.ts";
import type { Assessment, Because } from "../assess/types.ts";
import type { Issue } from "../issues.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Range } from "./rule-ref.ts";
import type {
  DayKind,
  Decision,
  PhaseRole,
  PracticeKind,
  SelfAssessmentSlot,
  StudyMode,
  TimingStatus,
  Weekday,
} from "./vocabulary.ts";

export type { Because };

export interface DateRange {
  start: string;
  end: string;
  label?: string;
}

/** What the planner needs. Everything but the profile, specialty and date has a default. */
export interface StudyRequest {
  profile: Profile;
  specialtyId: string;
  asOf: string;
  /** Sit on this date; without it the planner recommends one (D1–D4). */
  examDate?: string;
  /** Latest full practice-exam score before studying, if any (P2). */
  baseline?: number | null;
  /** Overrides the guides' target (T1–T6). */
  target?: number;
  mode?: StudyMode;
  hoursPerDay?: number;
  daysOff?: Weekday[];
  /** What went wrong on Step 1 (P10): keys of P10's `values.diagnoses`. */
  diagnoses?: string[];
  /** Weakest systems, weakest first (P3: the bottom 2–3 get extra time). */
  weakSystems?: string[];
  /** Clerkships or intensive electives the exam must not fall in (D4). */
  busy?: DateRange[];
  /** When major US clinical experience starts; graduates want the score before it (D3). */
  usceStart?: string;
  /** The applicant has already applied for the assessment's Match year (see `chooseMatchYear`). */
  applied?: boolean;
  /** The profile's assessment for the specialty, when the caller already has it; else it is made here. */
  assessment?: Assessment;
}

export interface StudyPhase {
  name: string;
  role: PhaseRole;
  start: string;
  /** Last day of the phase, inclusive. */
  end: string;
  days: number;
  ruleId: string;
  sources: string[];
}

export interface StudyDay {
  date: string;
  phase: string | null;
  kind: DayKind;
  /** New question-bank questions that day (self-assessment questions are not counted). */
  questions: number;
  hours: number;
  /** The weak system or topic the day's extra time goes to, on heavy days. */
  focus?: string;
  /** Questions from the secondary bank, when the plan has one. */
  secondaryQuestions?: number;
  activities: string[];
}

export interface ScheduledSelfAssessment {
  date: string;
  kind: PracticeKind;
  slot: SelfAssessmentSlot;
  form: number | null;
  label: string;
  purpose: "baseline" | "progress" | "final";
  /** Lengthened to a full exam day with timed bank blocks (P7). */
  fullLength: boolean;
}

export interface Reminder {
  date: string;
  ruleId: string;
  text: string;
  sources: string[];
}

export interface CycleInfo {
  matchYear: number;
  programsReview: { date: string; estimated: boolean; sources: string[] } | null;
  applicantsSubmit: { date: string; estimated: boolean; sources: string[] } | null;
}

export interface ExamTiming {
  status: TimingStatus;
  /** The Match year the plan is for, and why when it is not the one asked for (`chooseMatchYear`). */
  year: MatchYearChoice;
  examDate: string;
  studyStart: string;
  /** The score is reported this many weeks after the exam (a cited fact). */
  reportWeeks: Range;
  scoreReported: { earliest: string; latest: string };
  cycle: CycleInfo;
  /** The last exam date whose score is still reported before programs review (D2, G3), or null. */
  latestExamForReview: string | null;
  /** D1's window for this cycle's ERAS submission, or null when the submission date is unknown. */
  d1Window: { from: string; to: string } | null;
  /** The earliest date that leaves the minimum study weeks. */
  earliestSensibleExamDate: string;
  /**
   * True when the score would still be pending when programs start reviewing. The planner moves
   * to a later Match year rather than plan that, so this is false unless the applicant has already
   * applied (review has begun), and null when the review date is unknown.
   */
  pendingAtReview: boolean | null;
  messages: string[];
}

export interface QuestionBankUse {
  primary: { name: string; size: number; planned: number; passes: number; sources: string[] };
  secondary: { names: string[]; from: string; planned: number; reason: string; sources: string[] } | null;
  total: number;
}

export interface StudyPlan {
  asOf: string;
  specialty: string;
  applicantType: string;
  target: { score: number; ruleId: string; sources: string[]; label: string };
  baseline: number | null;
  mode: StudyMode;
  availability: { hoursPerDay: number; fullLengthDayHours: number; daysOff: Weekday[] };
  examDate: string;
  studyStart: string;
  weeks: { planned: number; needed: Range; ruleId: string };
  timing: ExamTiming;
  phaseRule: string;
  phases: StudyPhase[];
  days: StudyDay[];
  selfAssessments: ScheduledSelfAssessment[];
  questionBank: QuestionBankUse;
  /** The focus rotation on heavy days: weak systems, then (for IMGs) P9's areas. */
  rotation: string[];
  weakSystems: string[];
  reminders: Reminder[];
  notes: string[];
  /** What the checker found wrong with this plan; empty for every plan the planner makes. */
  issues: Issue[];
  because: Because[];
}

// ── practice exams and the forecast ──────────────────────────────────────────

export interface PracticeExam {
  date: string;
  kind: PracticeKind;
  /** NBME form number, UWSA 1 or 2; null when the kind has none. */
  form: number | string | null;
  score: number;
}

export interface Reading {
  date: string;
  kind: PracticeKind;
  form: number | string | null;
  score: number;
  /** The score less the resource's typical bias. */
  corrected: number;
  /** The resource's prediction error, scoreSd × √(1 − r²). */
  errorSd: number;
  /** This reading's share of the estimate (the weights add up to 1). */
  weight: number;
  coefficients: string;
  sources: string[];
}

export interface Forecast {
  at: string;
  estimate: number;
  low: number;
  high: number;
  sd: number;
  probability: number;
}

export interface Tightener {
  action: string;
  by: string;
  /** Half-width of the band now and after this practice exam. */
  halfWidthNow: number;
  halfWidthAfter: number;
}

export interface ForecastResult {
  asOf: string;
  examDate: string | null;
  target: number;
  forecast: Forecast;
  gap: number;
  decision: Decision;
  readings: Reading[];
  timing: {
    matchYear: number;
    programsReview: { date: string; estimated: boolean } | null;
    latestExamForReview: string | null;
    roomToPostponeDays: number | null;
    scoreReportedBy: string | null;
  };
  tighten: Tightener[];
  because: Because[];
}
