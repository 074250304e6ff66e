/** Batch strategy for advisors: many profiles in (JSONL or CSV), one summary row each out. */

export {
  BATCH_INPUT_FORMATS,
  type BatchInputFormat,
  type BatchRow,
  CSV_COLUMNS,
  type CsvColumn,
  csvRecords,
  parseBatchInput,
} from "./batch-input.ts";
export {
  flattenRow,
  runStrategy,
  type StrategyContext,
  type StrategyRow,
  type StrategySummary,
} from "./run-strategy.ts";
