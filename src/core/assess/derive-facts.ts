import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { thresholdNumber } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { IMG_TYPES, type Standing, type Step1Class, type TargetReading } from "../vocabulary.ts";
import { applicationYearOf, cycleFor, matchYearOf } from "./application-cycle.ts";

/**
 * The named facts rule conditions may read. Adding a fact means adding it here and in
 * `deriveFacts`; the loader rejects rules that read any other name.
 */
export const FACT_NAMES = [
  "applicantType",
  "isImg",
  "needsVisa",
  "visa",
  "specialty",
  "specialtyTier",
  "broadAccess",
  "step1Outcome",
  "step1Score",
  "step1Attempts",
  "step1Class",
  "step2ck",
  "step2ckTaken",
  "step2ckAttempts",
  "step3Taken",
  "step3Passed",
  "comlexOnly",
  "examFailures",
  "maxAttempts",
  "yearsSinceGraduation",
  "graduated",
  "handsOnUsceMonths",
  "usceMonths",
  "specialtyUsceMonths",
  "researchItems",
  "specialtyResearch",
  "firstAuthor",
  "presentations",
  "totalLetters",
  "specialtyLetters",
  "usLetters",
  "homeProgram",
  "compensators",
  "bandStanding",
  "standing",
  "scoredStanding",
  "targetReading",
  "scorePendingAtReview",
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export type ProfileFacts = {
  applicantType: string;
  isImg: boolean;
  needsVisa: boolean;
  visa: string;
  specialty: string;
  specialtyTier: string | null;
  broadAccess: boolean;
  step1Outcome: string;
  step1Score: number | null;
  step1Attempts: number;
  step1Class: Step1Class;
  step2ck: number | null;
  step2ckTaken: boolean;
  step2ckAttempts: number;
  step3Taken: boolean;
  step3Passed: boolean;
  comlexOnly: boolean;
  examFailures: number;
  maxAttempts: number;
  /**
   * Years from graduation to the year applications for the targeted Match are sent (seed-003:
   * programs prefer graduates "within 3–5 years of application"), never to the as-of date, so the
   * figure does not move at New Year for the same Match. 0 for a student graduating by then.
   */
  yearsSinceGraduation: number;
  /** Graduated by the as-of date: a year after the graduation year (during it, final clerkships may still run). */
  graduated: boolean;
  handsOnUsceMonths: number;
  usceMonths: number;
  specialtyUsceMonths: number;
  researchItems: number;
  specialtyResearch: number;
  firstAuthor: number;
  presentations: number;
  totalLetters: number;
  specialtyLetters: number;
  usLetters: number;
  homeProgram: boolean;
  /** Filled in after compensators are evaluated. */
  compensators: number;
  /** Filled in after the Step 2 CK band is chosen. */
  bandStanding: Standing | null;
  /** Filled in after standing adjustments. */
  standing: Standing | null;
  /**
   * The final standing when a Step 2 CK band places the score; null while there is none (an
   * untaken exam, or no published band for the score), when standing is only provisional.
   */
  scoredStanding: Standing | null;
  /** Filled in after the target is chosen: how the score reads against it; null with no target. */
  targetReading: TargetReading | null;
  /** A planned Step 2 CK whose score would still be pending when programs start review; null when unknown. */
  scorePendingAtReview: boolean | null;
};

/** Passing standard in force on a date; the earliest one when no date is known. */
export function step2ckPassingScore(rb: Rulebook, onDate: string | null): number {
  return passingScore(rb.exam.usmle.step2ckMinimumPass, onDate);
}

/**
 * The passing standard in force on a date. Without a date the lowest standard on record is
 * used, so a score is never called a failure that may have passed when it was earned.
 */
export function passingScore(
  rows: Rulebook["exam"]["usmle"]["step2ckMinimumPass"],
  onDate: string | null,
): number {
  const asString = (d: string | Date) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));
  if (onDate) {
    const hit = rows.find((r) => asString(r.from) <= onDate && (r.to === null || onDate <= asString(r.to)));
    if (hit) return hit.value;
  }
  return Math.min(...rows.map((r) => r.value));
}

/** Step 1 history as the guides describe it: failed, borderline numeric pass (B6), pass, strong numeric. */
export function classifyStep1(rb: Rulebook, step1: Profile["step1"]): Step1Class {
  if (step1.outcome === "not-taken") return "not-taken";
  if (step1.outcome === "fail" || (step1.attempts ?? 1) > 1) return "failed";
  const score = step1.score ?? null;
  if (score === null) return "pass";
  if (score <= thresholdNumber(rb, "step1-borderline-max")) return "borderline";
  if (score >= thresholdNumber(rb, "step1-strong-min")) return "strong";
  return "pass";
}

export function deriveFacts(
  rb: Rulebook,
  profile: Profile,
  specialty: Specialty,
  asOf: string,
  scorePendingAtReview: boolean | null = null,
): ProfileFacts {
  const step1Attempts = profile.step1.attempts ?? (profile.step1.outcome === "not-taken" ? 0 : 1);
  const step1Failures =
    profile.step1.outcome === "fail"
      ? step1Attempts
      : Math.max(0, step1Attempts - (profile.step1.outcome === "pass" ? 1 : 0));

  const s2 = profile.step2ck.score;
  const s2Attempts = profile.step2ck.attempts ?? (s2 === null ? 0 : 1);
  const s2Passed = s2 !== null && s2 >= step2ckPassingScore(rb, profile.step2ck.plannedDate ?? null);
  const step2Failures = s2 === null ? 0 : s2Passed ? Math.max(0, s2Attempts - 1) : s2Attempts;

  const s3 = profile.step3;
  const s3Attempts = s3?.attempts ?? (s3?.score != null ? 1 : 0);
  const s3Passed = s3?.score != null && s3.score >= passingScore(rb.exam.usmle.step3MinimumPass, null);
  const step3Failures =
    s3?.score != null ? (s3Passed ? Math.max(0, s3Attempts - 1) : s3Attempts) : s3Attempts;

  const c2 = profile.comlex2ce;
  const c2Attempts = c2?.attempts ?? (c2?.score != null ? 1 : 0);
  const c2Passed = c2?.score != null && c2.score >= rb.exam.comlex.level2ce.minimumPass.value;
  const comlexFailures =
    c2?.score != null ? (c2Passed ? Math.max(0, c2Attempts - 1) : c2Attempts) : c2Attempts;

  const asOfYear = Number(asOf.slice(0, 4));
  const applicationYear = applicationYearOf(
    cycleFor(rb, matchYearOf(rb, profile, asOf, specialty.id), specialty.id),
  );
  const usce = profile.usce ?? {};
  const research = profile.research ?? {};
  const letters = profile.letters ?? {};

  return {
    applicantType: profile.applicantType,
    isImg: IMG_TYPES.includes(profile.applicantType),
    needsVisa: profile.visa !== "none-needed",
    visa: profile.visa,
    specialty: specialty.id,
    specialtyTier: specialty.tier.value,
    broadAccess: specialty.broadAccess,
    step1Outcome: profile.step1.outcome,
    step1Score: profile.step1.score ?? null,
    step1Attempts,
    step1Class: classifyStep1(rb, profile.step1),
    step2ck: s2,
    step2ckTaken: s2 !== null,
    step2ckAttempts: s2Attempts,
    step3Taken: s3?.score != null,
    step3Passed: s3Passed,
    comlexOnly: s2 === null && c2?.score != null,
    examFailures: step1Failures + step2Failures + step3Failures + comlexFailures,
    maxAttempts: Math.max(step1Attempts, s2Attempts, s3Attempts, c2Attempts),
    yearsSinceGraduation: Math.max(0, applicationYear - profile.graduationYear),
    graduated: asOfYear > profile.graduationYear,
    handsOnUsceMonths: usce.handsOnMonths ?? 0,
    usceMonths: (usce.handsOnMonths ?? 0) + (usce.observershipMonths ?? 0),
    specialtyUsceMonths: usce.specialtyMonths ?? 0,
    researchItems: research.items ?? 0,
    specialtyResearch: research.specialtyItems ?? 0,
    firstAuthor: research.firstAuthor ?? 0,
    presentations: research.presentations ?? 0,
    totalLetters: letters.total ?? 0,
    specialtyLetters: letters.specialty ?? 0,
    usLetters: letters.us ?? 0,
    homeProgram: profile.homeProgram ?? false,
    compensators: 0,
    bandStanding: null,
    standing: null,
    scoredStanding: null,
    targetReading: null,
    scorePendingAtReview,
  };
}
