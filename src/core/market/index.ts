/** The Match, simulated: the algorithm, its independent verifier and the market model. */

export { type ApplicantOutlook, applicantOutlook, type OutlookOptions } from "./applicant-outlook.ts";
// The market model
export {
  type ApplicantClass,
  type ApplicationUnit,
  buildMarket,
  type MarketProgram,
  type MarketTemplate,
} from "./build-market.ts";
export {
  applicationsOf,
  drawSeason,
  type Season,
  type SeasonApplicant,
  type SeasonOptions,
} from "./draw-season.ts";
export { compileMarketData, type MarketData, type MarketFacts, type MarketModel } from "./market-data.ts";
export {
  type CouplePair,
  type MatchApplicant,
  type MatchCouple,
  type MatchInput,
  type MatchProgram,
  type Reversion,
  type SupplementalList,
  validateMatchInput,
} from "./match-input.ts";
// The algorithm
export {
  ATTEMPTS,
  MAX_REENTRIES,
  type MatchOptions,
  type MatchOutcome,
  type MatchRun,
  PASSES_BEFORE_GIVING_UP,
  runMatch,
} from "./run-match.ts";
export {
  type MarketSummary,
  modelPMatch,
  type RankDistribution,
  type SimulationOptions,
  type Spread,
  simulateMarket,
  simulateSeason,
} from "./simulate-market.ts";
// The check
export {
  type BlockingPair,
  type MatchingToVerify,
  type StabilityReport,
  type Violation,
  verifyStability,
} from "./verify-stability.ts";
