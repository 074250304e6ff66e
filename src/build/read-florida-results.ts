import type { MatchYear } from "../core/catalog/program.ts";
import { parseCsvRecords } from "./parse-csv.ts";

/** One Main-Match row of the Florida NRMP program-results file (see its SOURCE.md). */
export interface FloridaResult {
  code: string;
  city: string | null;
  /** Years with a quota above 0; a 0 quota means the program did not take part that year. */
  years: MatchYear[];
}

/**
 * The columns the build reads besides the year pairs ("2026 Quota", "2026 Matched", …) and the
 * city ("City Cleaned", else "City").
 */
export const FLORIDA_COLUMNS = ["Table", "Program Code"] as const;

/** Main-Match rows keyed by NRMP program code; Specialties Matching Service (fellowship) rows are skipped. */
export function readFloridaResults(csv: string): { results: Map<string, FloridaResult>; years: number[] } {
  const rows = parseCsvRecords(csv);
  const years = Object.keys(rows[0] ?? {})
    .map((column) => /^(\d{4}) Quota$/.exec(column)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const results = new Map<string, FloridaResult>();
  for (const row of rows) {
    if (row.Table?.trim() !== "Main") continue;
    const code = (row["Program Code"] ?? "").replace(/[^0-9A-Z]/g, "");
    const history: MatchYear[] = [];
    for (const year of years) {
      const offered = count(row[`${year} Quota`]);
      const filled = count(row[`${year} Matched`]);
      if (offered > 0) history.push({ year, offered, filled });
    }
    const city = (row["City Cleaned"] ?? row.City ?? "").trim();
    results.set(code, { code, city: city === "" ? null : city, years: history });
  }
  return { results, years };
}

function count(value: string | undefined): number {
  const n = Number((value ?? "").trim() || "0");
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`Florida results count "${value}" is not a whole number`);
  return n;
}
