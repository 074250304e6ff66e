/** The Match, simulated: the algorithm, its independent verifier and the market model. */

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
  type MatchOptions,
  type MatchOutcome,
  type MatchRun,
  PASSES_BEFORE_GIVING_UP,
  runMatch,
} from "./run-match.ts";

// The check
export {
  type BlockingPair,
  type MatchingToVerify,
  type StabilityReport,
  type Violation,
  verifyStability,
} from "./verify-stability.ts";
