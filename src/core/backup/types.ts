import type { CycleDate } from "../assess/application-cycle.ts";
import type { Because } from "../assess/types.ts";
import type { ApplicationBill } from "../programs/application-fees.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import type { PlannedProgram, ProgramPlan, SupplementalProgram } from "../programs/plan-program-list.ts";

/** How strongly the assessment calls for a plan B: none, a parallel specialty (K1), or backups planned actively now (K2, K3). */
export const BACKUP_LEVELS = ["none", "parallel", "active"] as const;
export type BackupLevel = (typeof BACKUP_LEVELS)[number];

export interface ParallelCandidate {
  specialty: string;
  name: string;
  usable: boolean;
  /** Why it was or was not chosen (no catalog programs, no Charting Outcomes data). */
  reason: string;
}

export interface ParallelPlan {
  specialty: string;
  name: string;
  /** The budget this list was planned with: what the main list leaves; null = no limit. */
  budgetUsd: number | null;
  programs: PlannedProgram[];
  count: number;
  costUsd: number;
  /** The backup list's bill, from its own application service (ERAS or ResidencyCAS), explained. */
  fees: ApplicationBill[];
  pMatch: MatchEstimate | null;
  pAtLeastOneInterview: number;
  marginal: Array<{ n: number; pMatch: number; gain: number }>;
  diminishingReturnsAt: number;
  guideAdvice: { min: number; max: number | null; ruleId: string; sources: string[] } | null;
  /** How the list was sized: from the guides or the optimiser, and what bound it; `comparison` is its text. */
  sizing: ProgramPlan["count"];
  comparison: string;
  /** The calibration note for this specialty's P(match), as on a main plan. */
  calibration: ProgramPlan["calibration"];
  /** The standing the profile has in this specialty. */
  standing: string;
  sources: string[];
  because: Because[];
}

export interface UnfilledProgram {
  id: string;
  name: string;
  city: string | null;
  state: string | null;
  specialty: string;
  specialtyName: string;
  track: string | null;
  years: Array<{ year: number; offered: number; filled: number }>;
  /** Years with positions left unfilled after the Main Match, and how many positions in all. */
  unfilledYears: number;
  unfilledPositions: number;
  sources: string[];
}

export interface BackupPath {
  text: string;
  /** `now` when the assessment says to plan it actively (K2, K3), else `in-view`. */
  priority: "now" | "in-view";
  ruleId: string;
  sources: string[];
}

export interface BackupPlan {
  level: BackupLevel;
  reason: string;
  ruleId: string | null;
  sources: string[];
  candidates: ParallelCandidate[];
  parallel: ParallelPlan | null;
  /** PGY-1 options: the supplemental list for advanced specialties, and preliminary or transitional tracks among the backups. */
  pgy1: {
    needed: boolean;
    programs: SupplementalProgram[];
    tracks: Array<{ specialty: string; name: string; programs: number }>;
    note: string;
    sources: string[];
  };
  unfilled: {
    coverage: string;
    programs: UnfilledProgram[];
    /** How many programs of these specialties have any positions-offered history at all. */
    withHistory: number;
    shown: number;
    total: number;
    sources: string[];
  };
  paths: BackupPath[];
  /** The next cycle, for a reapplication. */
  reapply: { matchYear: number; erasOpens: CycleDate | null; programsReview: CycleDate | null };
  because: Because[];
  notes: string[];
  /**
   * The model's line for low odds (`lists.backupBelow`, an assumption): a main list whose P(match)
   * estimate is below it leaves not matching the likelier outcome, and the backups say to weigh one.
   */
  oddsLine: { below: number; assumption: string | null; sources: string[] };
}
