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
import type { SeasonCost } from "../cycle/season-cost.ts";
import type { Issue } from "../issues.ts";
import type { Narrative } from "../narrative/types.ts";
import type { HeldListNote } from "../plan/plan-with-held-list.ts";
import type { StandingVsOdds } from "../plan/standing-vs-odds.ts";
import type { Quartiles, Step2ckDistribution, Step2ckStatus } from "../plan/types.ts";
import type { ProgramPlan } from "../programs/plan-program-list.ts";
import type { SourceListing } from "../sources/types.ts";
import type { Decision, PracticeExam, Tightener } from "../study/index.ts";
import type { Timeline } from "../timeline/types.ts";

export type { Quartiles, SourceListing };

/** Bumped when a field is renamed or removed (fields are only ever added otherwise). */
export const REPORT_VERSION = 1;

export const REPORT_FORMATS = ["json", "md", "html", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

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
  /** Programs the fees and P(match) are for: the planner's list, or the held list less withdrawn ones. */
  listed: number;
  /** The list as the applicant holds it (statuses, how it differs from the planner's), or null for the planner's. */
  held: HeldListNote | null;
  specialty: string;
  season: number;
  budgetUsd: number | null;
  programs: ProgramPlan["programs"];
  costUsd: number;
  fees: ProgramPlan["fees"];
  pMatch: ProgramPlan["pMatch"];
  pMatchRange: ProgramPlan["pMatchRange"];
  thinData: ProgramPlan["thinData"];
  whatMoves: ProgramPlan["whatMoves"];
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
  /** The application service of the main list, the signal allowance with its confidence, PGY-1 signals. */
  service: ProgramPlan["service"];
  signalAllowance: ProgramPlan["signalAllowance"];
  pgy1Signals: ProgramPlan["pgy1Signals"];
  /** The H-1B proclamation and travel-ban notes that concern this applicant. */
  visaNotes: ProgramPlan["visaNotes"];
  /** "Dates and fees last verified on …", and a stale-data warning. */
  freshness: ProgramPlan["freshness"];
  because: Because[];
}

export interface Report {
  version: typeof REPORT_VERSION;
  title: string;
  asOf: string;
  matchYear: number;
  specialty: { id: string; name: string };
  /** The name of every specialty the report mentions (main, parallel, PGY-1 tracks, bills), by id. */
  names: Record<string, string>;
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
    /** Why the standing is provisional, in the assessment's own words (`provisionalWhy`); null when it is not. */
    provisionalWhy: string | null;
    /** Where standing and the list's P(match) point different ways, what each reads (`standingVsOdds`); null where they agree. */
    vsOdds: StandingVsOdds | null;
    band: BandResult | null;
    otherBands: BandResult[];
    target: TargetResult | null;
    redFlags: Flag[];
    compensators: Flag[];
    screening: ScreeningResult[];
    recommendations: Flag[];
    step3: Assessment["step3"];
    applicationCount: Assessment["applicationCount"];
    /** The guides' program count in words ("80–120+ programs: …"), or why they give none. */
    applicationCountNote: string;
    pathway: PathwayResult | null;
    guidance: GuidanceResult[];
    because: Because[];
  };
  step2ck: {
    score: number | null;
    target: TargetResult | null;
    status: Step2ckStatus;
    plan: StudySummary | null;
    notes: string[];
    /** The specialty's Charting Outcomes Step 2 CK distributions, or null when not published. */
    distribution: Step2ckDistribution | null;
  };
  forecast: ForecastSummary | null;
  practiceLog: PracticeExam[] | null;
  programs: ProgramsSection | null;
  /** The all-in cost of the season: every list's application fees (the backup list's too), transcripts, NRMP. */
  cost: SeasonCost | null;
  timeline: Timeline;
  narrative: Narrative;
  backups: BackupPlan;
  sources: SourceListing[];
  /** What could not be computed, and why (never a half-made section: a section is null instead). */
  issues: Issue[];
}
