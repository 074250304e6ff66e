import type { ScreeningPattern, ScreeningVerdict, Standing, TargetReading } from "../vocabulary.ts";

/** One step of the reasoning: which rule was read, what it contributed, and its sources. */
export interface Because {
  ruleId: string;
  value: unknown;
  sources: string[];
  note?: string;
}

export interface Cited {
  ruleId: string;
  sources: string[];
}

export interface BandResult extends Cited {
  min: number | null;
  max: number | null;
  label: string;
  standing: Standing;
  assumption?: string;
}

export interface TargetResult extends Cited {
  min: number;
  max: number | null;
  label: string;
  minimumRealistic?: number;
  assumption?: string;
  /** How the score in hand reads against the target; `to-reach` while the exam is ahead. */
  reading: TargetReading;
  /** For a score in hand: what the target means now (at or above it; passed below it, no retake — G4). */
  readingNote?: Cited & { message: string };
}

export interface Flag extends Cited {
  code: string;
  message: string;
}

export interface ScreeningResult extends Cited {
  pattern: ScreeningPattern;
  description: string;
  /** null: not known yet — a fact the pattern reads is missing (see `verdict`). */
  likelyClears: boolean | null;
  verdict: ScreeningVerdict;
  message: string;
}

export interface PathwayResult extends Cited {
  scenario: string;
  mix: Array<{ specialty: string; share: "most" | "some" | "few"; note: string }>;
  message: string;
}

export interface GuidanceResult extends Cited {
  topic: string;
  points: string[];
  values: Record<string, unknown>;
}

export interface Assessment {
  specialty: string;
  specialtyName: string;
  applicantType: string;
  asOf: string;
  standing: Standing;
  /** True when standing rests on no Step 2 CK band (exam not taken, or no published bands). */
  provisional: boolean;
  step2ck: {
    score: number | null;
    band: BandResult | null;
    otherBands: BandResult[];
    target: TargetResult | null;
  };
  redFlags: Flag[];
  compensators: Flag[];
  screening: ScreeningResult[];
  step3: (Cited & { advice: "consider" | "not-needed" | "already-taken"; message: string }) | null;
  recommendations: Flag[];
  applicationCount: (Cited & { min: number; max: number | null; audience: string; note?: string }) | null;
  /** The program count in one sentence: the guides' range and whom it is for, or why they give none here. */
  applicationCountNote: string;
  backupSpecialties: string[];
  backupPaths: string[];
  pathway: PathwayResult | null;
  guidance: GuidanceResult[];
  cycle: {
    matchYear: number;
    /** The application service the specialty uses in this Match year (ERAS, ResidencyCAS). */
    service: { id: string; name: string };
    programsReview: {
      date: string;
      estimated: boolean;
      basis: string;
      confidence: "official" | "secondary" | "estimated";
    } | null;
  };
  because: Because[];
}
