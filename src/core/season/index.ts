// Through the season: the tracker, odds that learn, applying to more, the rank list and SOAP.

export type { ApplyMore } from "./apply-more.ts";
export { type RankListAdvice, rankListAdvice } from "./rank-list.ts";
export { seasonIcs } from "./season-ics.ts";
export { compileSeasonModel, type SeasonModel, seasonModelSchema, sharePastDay } from "./season-model.ts";
export { type SoapAdvice, soapAdvice } from "./soap.ts";
export { type SeasonReport, type SeasonRequest, trackSeason } from "./track-season.ts";
export {
  emptyTracker,
  isInvited,
  isRealDate,
  type Tracker,
  type TrackerEntry,
  trackerEntrySchema,
  trackerSchema,
  validateTracker,
  validateTrackerEntries,
} from "./tracker.ts";
export { CSV_COLUMNS, type CsvImport, parseCsv, trackerFromCsv, trackerToCsv } from "./tracker-csv.ts";
export { trackerMatchYear } from "./tracker-match-year.ts";
export {
  compileUnfilledRecord,
  type UnfilledFile,
  type UnfilledRecord,
  unfilledRecordSchema,
} from "./unfilled-record.ts";
export { type Observation, type UpdatedOdds, updateOdds } from "./update-odds.ts";
