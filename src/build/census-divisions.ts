import { parse } from "yaml";
import { z } from "zod";
import { CENSUS_DIVISIONS, type CensusDivision } from "../core/catalog/program.ts";

const stateCode = z.string().regex(/^[A-Z]{2}$/);
const fileSchema = z.strictObject({
  source: z.strictObject({
    id: z.string(),
    title: z.string(),
    publisher: z.string(),
    url: z.string(),
    vintage: z.string(),
    terms: z.string(),
  }),
  regions: z.record(z.string(), z.partialRecord(z.enum(CENSUS_DIVISIONS), z.array(stateCode))),
  noDivision: z.array(stateCode),
});

export interface CensusDivisions {
  source: z.infer<typeof fileSchema>["source"];
  /** The division of a state; null for a territory; undefined for a code the table does not know. */
  divisionOf(state: string): CensusDivision | null | undefined;
}

/** Reads data/geography/census-divisions.yaml; a state listed twice is an error. */
export function readCensusDivisions(yaml: string): CensusDivisions {
  const file = fileSchema.parse(parse(yaml));
  const table = new Map<string, CensusDivision | null>();
  const put = (state: string, division: CensusDivision | null) => {
    if (table.has(state)) throw new Error(`census-divisions.yaml lists ${state} twice`);
    table.set(state, division);
  };
  for (const divisions of Object.values(file.regions)) {
    for (const [division, states] of Object.entries(divisions) as [CensusDivision, string[]][]) {
      for (const state of states) put(state, division);
    }
  }
  for (const state of file.noDivision) put(state, null);
  return { source: file.source, divisionOf: (state) => table.get(state) };
}
