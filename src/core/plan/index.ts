/** The plan: one entry point that assesses once, decides the Match year once, and returns every part. */

export { type ApplicationBasis, assessApplication } from "./assess-application.ts";
export { evaluateChosenList, type ListEvaluation } from "./evaluate-chosen-list.ts";
export {
  type HeldList,
  holdList,
  type ListRow,
  type ListSummary,
  planSignals,
  pMatchAtScore,
  pMatchAtScores,
  summariseList,
} from "./held-list.ts";
export { planApplication, step2ckDistribution } from "./plan-application.ts";
export { type ForecastBasis, forecastTarget, planForecast } from "./plan-forecast.ts";
export {
  type NextDate,
  nextDate,
  type PlanHeadline,
  planHeadline,
  type ScoreComparison,
  scoreComparison,
} from "./plan-headline.ts";
export { planPart } from "./plan-part.ts";
export { type HeldChoice, type HeldListNote, planWithHeldList } from "./plan-with-held-list.ts";
export { type StandingVsOdds, standingVsOdds } from "./standing-vs-odds.ts";
export {
  type ListOptions,
  PLAN_PARTS,
  PLAN_VERSION,
  type Plan,
  type PlanPart,
  type PlanRequest,
  type Quartiles,
  STEP2CK_STATUSES,
  type Step2ckDistribution,
  type Step2ckStatus,
} from "./types.ts";
