import { parseCsvRecords } from "./parse-csv.ts";

/** ACGME program name → city centroid (see data/raw/maction-program-geocodes/SOURCE.md). */
export interface Geocode {
  name: string;
  city: string;
  state: string;
  lat: number;
  lon: number;
  /** One ACGME ID carrying this name; its specialty is arbitrary. */
  acgmeId: string;
}

/** The columns the build reads. */
export const GEOCODE_COLUMNS = [
  "program_name",
  "city",
  "state",
  "latitude",
  "longitude",
  "acgme_id_one_of",
] as const;

export function readGeocodes(csv: string): Geocode[] {
  return parseCsvRecords(csv).map((row) => ({
    name: (row.program_name ?? "").trim(),
    city: (row.city ?? "").trim(),
    state: (row.state ?? "").trim(),
    lat: Number(row.latitude),
    lon: Number(row.longitude),
    acgmeId: (row.acgme_id_one_of ?? "").trim(),
  }));
}
