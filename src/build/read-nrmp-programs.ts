import { parseCsvRecords } from "./parse-csv.ts";

/** One NRMP program code of `nrmp_programs_joined.csv` (see that folder's SOURCE.md). */
export interface NrmpProgram {
  code: string;
  title: string;
  institutionCode: string;
  institutionName: string;
  specialtyCode: string;
  trackLetter: string;
  state: string | null;
  /** "suffix": from the institution name's "-XX"; "inferred_from_neighbours": from the sorted file. */
  stateSource: "suffix" | "inferred_from_neighbours" | null;
}

/** The columns of `nrmp_programs_joined.csv` the build reads; `matchplan data import` checks them first. */
export const NRMP_PROGRAM_COLUMNS = [
  "nrmp_program_code",
  "program_title",
  "institution_name",
  "state",
  "state_source",
] as const;

/** The columns of `specialty_codes.csv` the build reads. */
export const NRMP_SPECIALTY_CODE_COLUMNS = ["acgmeSpecialtyCode", "name"] as const;

const CODE = /^(\d{4})(\d{3})([A-Z])(\d+)$/;

/** Rows of `nrmp_programs_joined.csv`, one per distinct code (the file repeats one code). */
export function readNrmpPrograms(csv: string): NrmpProgram[] {
  const seen = new Set<string>();
  const programs: NrmpProgram[] = [];
  for (const row of parseCsvRecords(csv)) {
    const code = (row.nrmp_program_code ?? "").replace(/[^0-9A-Z]/g, "");
    const parts = CODE.exec(code);
    if (!parts)
      throw new Error(
        `NRMP program code "${row.nrmp_program_code}" is not 4+3 digits, a letter and a number`,
      );
    if (seen.has(code)) continue;
    seen.add(code);
    const stateSource =
      row.state_source === "suffix" || row.state_source === "inferred_from_neighbours"
        ? row.state_source
        : null;
    programs.push({
      code,
      title: (row.program_title ?? "").trim(),
      institutionCode: parts[1] as string,
      institutionName: (row.institution_name ?? "").trim(),
      specialtyCode: parts[2] as string,
      trackLetter: parts[3] as string,
      state: row.state?.trim() || null,
      stateSource: row.state?.trim() ? stateSource : null,
    });
  }
  return programs;
}

/** `specialty_codes.csv`: NRMP specialty code → NRMP specialty name. */
export function readNrmpSpecialtyCodes(csv: string): Map<string, string> {
  return new Map(
    parseCsvRecords(csv).map((row) => [(row.acgmeSpecialtyCode ?? "").trim(), (row.name ?? "").trim()]),
  );
}

/** The institution name without its "-XX" state suffix: "Brookwood Baptist Health-AL" → "Brookwood Baptist Health". */
export function institutionWithoutState(
  program: Pick<NrmpProgram, "institutionName" | "state" | "stateSource">,
): string {
  if (program.stateSource !== "suffix" || program.state === null) return program.institutionName;
  return program.institutionName.replace(new RegExp(`-${program.state}$`), "");
}

/** The part of an NRMP title after the specialty, often a site: "Radiology-Diagnostic/Royal Oak" → "Royal Oak". */
export function titleQualifier(title: string): string {
  const slash = title.indexOf("/");
  return slash < 0 ? "" : title.slice(slash + 1);
}
