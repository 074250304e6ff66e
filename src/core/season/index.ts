// Through the season: the tracker, odds that learn, applying to more, the rank list and SOAP.
export { type RankListAdvice, rankListAdvice } from "./rank-list.ts";
export { seasonIcs } from "./season-ics.ts";
export { compileSeasonModel, type SeasonModel, seasonModelSchema, sharePastDay } from "./season-model.ts";
export { type SoapAdvice, soapAdvice, type UnfilledRecord } from "./soap.ts";
export { type ApplyMore, type SeasonReport, type SeasonRequest, trackSeason } from "./track-season.ts";
export {
  emptyTracker,
  isInvited,
  isRealDate,
  type Tracker,
  type TrackerEntry,
  trackerSchema,
  validateTracker,
} from "./tracker.ts";
export { CSV_COLUMNS, type CsvImport, parseCsv, trackerFromCsv, trackerToCsv } from "./tracker-csv.ts";
export { type Observation, type UpdatedOdds, updateOdds } from "./update-odds.ts";
