import type { InterviewRates } from "../core/catalog/program.ts";
import { parseCsvRecords } from "./parse-csv.ts";

/** One row of a Residency Explorer specialty file (see that folder's SOURCE.md). */
export interface ResidencyExplorerProgram {
  specialty: string;
  name: string;
  city: string | null;
  state: string | null;
  /** The file's census division; some values are cut short ("Middle Atlant"). */
  region: string | null;
  /** null when the row reports no rate at all. */
  rates: InterviewRates | null;
}

/**
 * The columns every Residency Explorer file must have; the signal columns vary by specialty
 * ("Gold Signal", "Silver Signal", "Signal", "No Signal") and `Region` is not used, so neither is required.
 */
export const RESIDENCY_EXPLORER_COLUMNS = [
  "Program",
  "In-State School",
  "Out-Of-State School",
  "MD",
  "DO",
  "US IMG",
  "Non US IMG",
  "City",
  "State",
] as const;

/**
 * The files hold interview rates as fractions already (0.04 = 4% of that group's applicants were
 * invited); "-" means not reported. A value outside 0–1 is an error, not something to rescale.
 */
function rate(value: string | undefined, column: string, program: string): number | null {
  const text = value?.trim() ?? "";
  if (text === "" || text === "-") return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new Error(`Residency Explorer "${program}" ${column} = "${text}" is not a fraction 0–1`);
  }
  return n;
}

export function readResidencyExplorer(csv: string, specialty: string): ResidencyExplorerProgram[] {
  return parseCsvRecords(csv).map((row) => {
    const name = (row.Program ?? "").trim();
    const r = (column: string) => rate(row[column], column, name);
    const rates: InterviewRates = {
      md: r("MD"),
      do: r("DO"),
      usImg: r("US IMG"),
      nonUsImg: r("Non US IMG"),
      inState: r("In-State School"),
      outOfState: r("Out-Of-State School"),
      signal: { gold: r("Gold Signal"), silver: r("Silver Signal"), none: r("No Signal"), any: r("Signal") },
    };
    const reported = [
      rates.md,
      rates.do,
      rates.usImg,
      rates.nonUsImg,
      rates.inState,
      rates.outOfState,
      ...Object.values(rates.signal),
    ].some((v) => v !== null);
    return {
      specialty,
      name,
      city: cleanCell(row.City),
      state: cleanCell(row.State),
      region: cleanCell(row.Region),
      rates: reported ? rates : null,
    };
  });
}

function cleanCell(value: string | undefined): string | null {
  const text = value?.trim() ?? "";
  return text === "" || text === "-" ? null : text;
}
