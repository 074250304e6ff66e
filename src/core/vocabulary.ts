/** Fixed vocabularies shared by the profile, the rulebook and the results. */

export const APPLICANT_TYPES = ["us-md", "do", "us-img", "non-us-img"] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** How each applicant type is named as a group in a sentence ("matched non-US IMGs"). */
export const APPLICANT_GROUPS: Record<ApplicantType, string> = {
  "us-md": "US MD seniors",
  do: "DO seniors",
  "us-img": "US IMGs",
  "non-us-img": "non-US IMGs",
};

export const IMG_TYPES: readonly ApplicantType[] = ["us-img", "non-us-img"];

/** Short names of the applicant types, as NRMP's tables group them. */
export const APPLICANT_TYPE_LABEL: Record<ApplicantType, string> = {
  "non-us-img": "non-US IMG",
  "us-img": "US IMG",
  "us-md": "US MD",
  do: "DO",
};

export const VISA_NEEDS = ["none-needed", "j1", "h1b", "j1-or-h1b"] as const;
export type VisaNeed = (typeof VISA_NEEDS)[number];

/** Where the applicant applies from: it decides whether the H-1B proclamation's payment applies. */
export const APPLYING_FROM = ["inside-us", "outside-us"] as const;
export type ApplyingFrom = (typeof APPLYING_FROM)[number];

export const STEP1_OUTCOMES = ["pass", "fail", "not-taken"] as const;
export type Step1Outcome = (typeof STEP1_OUTCOMES)[number];

/** How the engine reads an applicant's Step 1 history (B6, T1–T5). */
export const STEP1_CLASSES = ["not-taken", "failed", "borderline", "pass", "strong"] as const;
export type Step1Class = (typeof STEP1_CLASSES)[number];

/** Overall standing, strongest first. */
export const STANDINGS = ["strong", "competitive", "borderline", "low", "very-low"] as const;
export type Standing = (typeof STANDINGS)[number];

export const TIERS = ["highly-competitive", "moderately-competitive", "less-competitive"] as const;
export type Tier = (typeof TIERS)[number];

export const POSITION_LEVELS = ["categorical", "advanced", "pgy1-only"] as const;
export type PositionLevel = (typeof POSITION_LEVELS)[number];

export const SCREENING_PATTERNS = ["strict-cutoff", "holistic-score-conscious", "holistic-flexible"] as const;
export type ScreeningPattern = (typeof SCREENING_PATTERNS)[number];

/**
 * How a Step 2 CK score in hand reads against its target: `met` at or above the target's minimum;
 * `passed-below` a passed score under it, which cannot be retaken (G4); `to-reach` while the exam
 * is ahead (or a failed attempt is to be retaken).
 */
export const TARGET_READINGS = ["to-reach", "met", "passed-below"] as const;
export type TargetReading = (typeof TARGET_READINGS)[number];

/** Whether a profile likely clears a screening pattern; `unknown` while a fact it reads is missing. */
export const SCREENING_VERDICTS = ["likely-clears", "may-not-clear", "unknown"] as const;
export type ScreeningVerdict = (typeof SCREENING_VERDICTS)[number];

/** The verdict's words, said the same way on every surface. */
export const SCREENING_VERDICT_TEXT: Record<ScreeningVerdict, string> = {
  "likely-clears": "Likely clears",
  "may-not-clear": "May not clear",
  unknown: "Not known yet",
};

/** Lower index = stronger. */
export function standingRank(s: Standing): number {
  return STANDINGS.indexOf(s);
}

export function weaker(a: Standing, b: Standing): Standing {
  return standingRank(a) >= standingRank(b) ? a : b;
}

/** Moves a standing `steps` levels down the ladder (negative moves up), clamped to its ends. */
export function shiftStanding(s: Standing, steps: number): Standing {
  const i = Math.min(STANDINGS.length - 1, Math.max(0, standingRank(s) + steps));
  return STANDINGS[i] as Standing;
}
