import type { Issue } from "../../../src/core/index.ts";
import type { DraftKey } from "./draft.ts";

/**
 * Validation issues in the applicant's words: what to choose or type, never a pattern, a raw
 * field name or the validator's "allowed" list. The core's issue (code, path, message) is kept
 * for the API; the page only rewords it, and the field it belongs to is named by its label.
 */
const CHOOSE: Partial<Record<DraftKey, string>> = {
  applicantType: "Choose whether you are a US MD, DO, US IMG or non-US IMG.",
  visa: "Choose the visa you will need to train in the US, or “No visa needed”.",
  step1Outcome: "Choose whether you passed Step 1, failed it, or have not taken it yet.",
  applyingFrom: "Choose whether you will apply from inside or outside the US, or leave it blank.",
};

const TYPE: Partial<Record<DraftKey, string>> = {
  graduationYear: "Type the year you finished (or will finish) medical school, for example 2023.",
  citizenship:
    "Type your country of citizenship as two letters, for example NG for Nigeria, or leave it blank.",
  currencyCode: "Type your currency as three letters, for example INR, or leave it blank.",
  currencyRate: "Type how many units of your currency one US dollar buys, for example 83.5.",
};

/** Field labels as the form shows them, for the error summary's links. */
export const FIELD_LABELS: Record<DraftKey, string> = {
  applicantType: "Applicant type",
  graduationYear: "Year of graduation",
  visa: "Visa needed",
  citizenship: "Citizenship",
  applyingFrom: "Applying from",
  currencyCode: "Your currency",
  currencyRate: "Units of it per US dollar",
  step1Outcome: "Step 1 result",
  step1Score: "Step 1 score",
  step1Attempts: "Step 1 attempts",
  step2Score: "Step 2 CK score",
  step2Attempts: "Step 2 CK attempts",
  step2Planned: "Planned Step 2 CK date",
  step3Score: "Step 3 score",
  step3Attempts: "Step 3 attempts",
  comlexScore: "COMLEX Level 2-CE score",
  comlexAttempts: "COMLEX Level 2-CE attempts",
  handsOnMonths: "Hands-on months",
  observershipMonths: "Observership months",
  specialtyMonths: "Months in the specialty",
  researchItems: "Research items",
  researchSpecialty: "Research in the specialty",
  firstAuthor: "First-author items",
  presentations: "Presentations",
  lettersTotal: "Letters in all",
  lettersSpecialty: "Letters from the specialty",
  lettersUs: "Letters from US physicians",
  homeProgram: "Home program",
  tieStates: "States you have ties to",
  prefStates: "Preferred states",
  regions: "Preferred regions",
  budgetUsd: "Budget for application fees",
  targetMatchYear: "Match year",
  needsVisa: "Visa needed",
  step1Numeric: "Step 1 score",
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/** One issue as a sentence that says what to do. */
export function plainMessage(key: DraftKey | undefined, issue: Issue): string {
  const missing = issue.code === "missing_field" || issue.message.startsWith("is required");
  if (key && CHOOSE[key] && (missing || /one of/.test(issue.message))) return CHOOSE[key] as string;
  // A pattern the value failed is never shown: the field's own instruction says what to type.
  const patterned = /\(allowed: regex\)|^must match/.test(issue.message);
  if (key && TYPE[key] && (missing || patterned)) return TYPE[key] as string;
  const m = issue.message
    .replace(/^is required: /, "")
    .replace(/^must not be negative$/, "type 0 or more")
    .replace(/^must be /, "type ")
    .replace(/\s*\(allowed:[^)]*\)/g, "");
  return sentence(capitalise(m));
}
