/** Explaining results: a trace entry (`because`) as sentences with its rule and sources, for every surface. */

export { type Explained, explainBecause } from "./explain-because.ts";
export {
  assessmentExplainContext,
  type ExplainContext,
  type Finding,
  findingsOf,
  reportExplainContext,
  rulebookExplainContext,
  specialtyNamesOf,
  withExplainContext,
} from "./explain-context.ts";
