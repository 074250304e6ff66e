import type { Because } from "../assess/types.ts";

/** N1's three narrative scenarios (seed-000#narrative). */
export interface ScenarioAdvice {
  scenario: string;
  ruleId: string;
  summary: string;
  points: string[];
  sources: string[];
  assumption?: string;
}

export interface LetterKind {
  kind: string;
  label: string;
  min: number;
  max: number | null;
}

export interface Narrative {
  /** Every scenario whose rule fits, in letter order; B leads when it fits (the failure is what needs explaining). */
  scenarios: ScenarioAdvice[];
  lead: string | null;
  /** N2: whether to explain scores at all, and how briefly. */
  explain: {
    advised: boolean;
    sentences: { min: number; max: number } | null;
    points: string[];
    reason: string;
    ruleId: string;
    sources: string[];
  };
  /** N3. */
  personalStatement: { points: string[]; mentionScores: boolean; ruleId: string; sources: string[] };
  /** N4. */
  interview: { points: string[]; ruleId: string; sources: string[] };
  /** L5: counts and kinds of letters for the specialty, against what the profile lists. */
  letters: {
    plan: LetterKind[] | null;
    have: { total: number; specialty: number; us: number };
    /** Letters still to gather to reach the plan's minimum count; null when the guides give no plan. */
    missing: number | null;
    content: string[];
    ruleId: string;
    sources: string[];
    note: string;
  };
  because: Because[];
}
