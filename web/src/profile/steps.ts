import type { DraftKey } from "./draft.ts";

/** The intake in short steps; each field lives on one step, so an issue can send the reader there. */
export const STEPS = [
  {
    id: "you",
    title: "You",
    heading: "You and the specialty",
    keys: [
      "applicantType",
      "needsVisa",
      "visa",
      "citizenship",
      "applyingFrom",
      "graduationYear",
      "targetMatchYear",
    ],
  },
  {
    id: "exams",
    title: "Exams",
    heading: "Your exams",
    keys: [
      "step1Outcome",
      "step1Numeric",
      "step1Score",
      "step1Attempts",
      "step2Score",
      "step2Attempts",
      "step2Planned",
      "step3Score",
      "step3Attempts",
      "comlexScore",
      "comlexAttempts",
    ],
  },
  {
    id: "experience",
    title: "Experience",
    heading: "Clinical experience, research and letters",
    keys: [
      "handsOnMonths",
      "observershipMonths",
      "specialtyMonths",
      "researchItems",
      "researchSpecialty",
      "firstAuthor",
      "presentations",
      "lettersTotal",
      "lettersSpecialty",
      "lettersUs",
    ],
  },
  {
    id: "where",
    title: "Where and budget",
    heading: "Where you want to train, and your budget",
    keys: ["homeProgram", "tieStates", "prefStates", "regions", "budgetUsd", "currencyCode", "currencyRate"],
  },
] as const satisfies ReadonlyArray<{ id: string; title: string; heading: string; keys: readonly DraftKey[] }>;

export function stepOf(key: DraftKey): number {
  const i = STEPS.findIndex((s) => (s.keys as readonly DraftKey[]).includes(key));
  return i < 0 ? 0 : i;
}
