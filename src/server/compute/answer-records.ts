import { PLANNED_PROGRAM_FACTS, SUPPLEMENTAL_PROGRAM_FACTS } from "../../core/index.ts";
import { RecordTexts } from "./json-bytes.ts";

/**
 * The lists of records in the compute routes' answers that open with a program's own facts: a
 * program list's rows and its supplemental PGY-1 rows, by the property that holds them wherever
 * `jsonBytes` walks (an answer's top two levels). Those facts are more than half of a plan's
 * bytes and repeat from one applicant to the next, so a compute worker keeps their text
 * (`RecordTexts`) and writes each program's facts once, however many answers list it.
 */
export const ANSWER_RECORD_HEADS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>(
  [
    ["programs", PLANNED_PROGRAM_FACTS],
    ["supplementalPgy1", SUPPLEMENTAL_PROGRAM_FACTS],
  ],
);

/** A new cache of those facts' text, one per thread that writes answers. */
export const answerRecordTexts = (): RecordTexts => new RecordTexts(ANSWER_RECORD_HEADS);
