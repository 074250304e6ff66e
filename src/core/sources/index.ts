/** Sources: references resolved against the one bibliography (data/sources.yaml), and the sources section of a plan. */

export { dataAttributions, listSources, sourceRefs } from "./collect-sources.ts";
export {
  type CatalogInput,
  type Citation,
  type CitedStatistic,
  distinctRefs,
  resolveCitation,
  STATISTICS_SOURCE,
} from "./resolve-citation.ts";
export type { SourceListing } from "./types.ts";
