import type {
  Assessment,
  BandResult,
  Because,
  Flag,
  GuidanceResult,
  PathwayResult,
  ScreeningResult,
  TargetResult,
} from "../assess/types.ts";
import type { BackupPlan } from "../backup/types.ts";
import type { Issue } from "../issues.ts";
import type { Narrative } from "../narrative/types.ts";
import type { ProgramPlan } from "../programs/plan-program-list.ts";
import type { Decision, PracticeExam, Tightener } from "../study/index.ts";
import type { Timeline } from "../timeline/types.ts";

/** Bumped when a field is renamed or removed (fields are only ever added otherwise). */
export const REPORT_VERSION = 1;

export const REPORT_FORMATS = ["json", "md", "html", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface Quartiles {
  n: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
  mean: number | null;
  sd: number | null;
}

export interface StudySummary {
  examDate: string;
  studyStart: string;
  weeks: { planned: number; neededMin: number; neededMax: number; ruleId: string };
  mode: string;
  hoursPerDay: number;
  target: { score: number; ruleId: string; label: string; sources: string[] };
  timing: {
    status: string;
    scoreReported: { earliest: string; latest: string };
    latestExamForReview: string | null;
    pendingAtReview: boolean | null;
    programsReview: { date: string; estimated: boolean } | null;
    messages: string[];
  };
  phases: Array<{
    name: string;
    start: string;
    end: string;
    days: number;
    ruleId: string;
    sources: string[];
  }>;
  selfAssessments: Array<{ date: string; label: string; purpose: string; fullLength: boolean }>;
  questions: { total: number; primary: string; secondary: string[] | null; sources: string[] };
  reminders: Array<{ date: string; text: string; ruleId: string; sources: string[] }>;
  notes: string[];
  because: Because[];
}

export interface ForecastSummary {
  at: string;
  examDate: string | null;
  target: number;
  estimate: number;
  low: number;
  high: number;
  probability: number;
  gap: number;
  decision: Decision;
  readings: Array<{
    date: string;
    kind: string;
    form: number | string | null;
    score: number;
    corrected: number;
    sources: string[];
  }>;
  timing: { matchYear: number; latestExamForReview: string | null; roomToPostponeDays: number | null };
  tighten: Tightener[];
  because: Because[];
}

export interface ProgramsSection {
  specialty: string;
  season: number;
  budgetUsd: number | null;
  programs: ProgramPlan["programs"];
  costUsd: number;
  fees: ProgramPlan["fees"];
  pMatch: ProgramPlan["pMatch"];
  pAtLeastOneInterview: number;
  marginal: ProgramPlan["marginal"];
  diminishingReturnsAt: number;
  recommendedCount: number;
  guideAdvice: ProgramPlan["guideAdvice"];
  comparison: string;
  signals: ProgramPlan["signals"];
  supplementalPgy1: ProgramPlan["supplementalPgy1"];
  /** For an advanced specialty, the PGY-1 year inside P(match); null otherwise. */
  pgy1: ProgramPlan["pgy1"];
  /** Known / inferred / unknown / excluded visa sponsorship, with the warning when unknown dominates. */
  visaSponsorship: ProgramPlan["visaSponsorship"];
  /** The alternative-pathway list the planner adds itself (IR via DR), or null. */
  pathwayList: ProgramPlan["parallel"];
  pMatchAny: ProgramPlan["pMatchAny"];
  calibration: ProgramPlan["calibration"];
  excludedCount: number;
  geography: ProgramPlan["geography"];
  because: Because[];
}

/** One entry of the sources section: a bibliography entry of data/sources.yaml and what the report used of it. */
export interface SourceListing {
  id: string;
  kind: string;
  title: string;
  publisher: string;
  url: string | null;
  file: string | null;
  via: string | null;
  published: string | null;
  retrieved: string;
  terms: string;
  /** The credit line the data's owner asks for (data/sources.yaml `attribution`), shown in the footer. */
  attribution: string | null;
  note: string | null;
  /** Sections cited (`seed-000#narrative`), with their titles. */
  sections: Array<{ key: string; title: string }>;
  /** For the statistics compilation: each entry cited, with its own metric, year, URL and confidence. */
  entries: Array<{
    n: number;
    metric: string;
    value: string;
    unit: string;
    year: number;
    url: string;
    confidence: string;
  }>;
  /** Every reference as written in the report (`id` or `id#section`). */
  refs: string[];
}

export interface Report {
  version: typeof REPORT_VERSION;
  title: string;
  asOf: string;
  matchYear: number;
  specialty: { id: string; name: string };
  applicant: {
    applicantType: string;
    graduationYear: number;
    visa: string;
    step1: string;
    step2ck: number | null;
    usceMonths: { handsOn: number; observership: number; specialty: number };
    research: { items: number; specialty: number; presentations: number };
    letters: { total: number; specialty: number; us: number };
  };
  standing: {
    standing: Assessment["standing"];
    provisional: boolean;
    band: BandResult | null;
    otherBands: BandResult[];
    target: TargetResult | null;
    redFlags: Flag[];
    compensators: Flag[];
    screening: ScreeningResult[];
    recommendations: Flag[];
    step3: Assessment["step3"];
    applicationCount: Assessment["applicationCount"];
    pathway: PathwayResult | null;
    guidance: GuidanceResult[];
    because: Because[];
  };
  step2ck: {
    score: number | null;
    target: TargetResult | null;
    status: "in-hand" | "planned" | "no-plan";
    plan: StudySummary | null;
    notes: string[];
    /** The specialty's Charting Outcomes Step 2 CK distributions, or null when not published. */
    distribution: {
      specialtyName: string;
      applicantType: string;
      matchYear: number;
      matchRate: number;
      matched: Quartiles;
      notMatched: Quartiles;
      sources: string[];
    } | null;
  };
  forecast: ForecastSummary | null;
  practiceLog: PracticeExam[] | null;
  programs: ProgramsSection | null;
  timeline: Timeline;
  narrative: Narrative;
  backups: BackupPlan;
  sources: SourceListing[];
  /** What could not be computed, and why (never a half-made section: a section is null instead). */
  issues: Issue[];
}
