/** Narrative and letters: structured guidance from N1–N4 and L5, never text to submit. */

export { buildNarrative } from "./build-narrative.ts";
export { ruleFacts } from "./rule-facts.ts";
export type { LetterKind, Narrative, ScenarioAdvice } from "./types.ts";
