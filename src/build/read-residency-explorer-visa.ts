import type { Visa } from "../core/catalog/program.ts";
import { parseCsvRecords } from "./parse-csv.ts";

/**
 * One program's visa answers from its Residency Explorer page (see
 * data/raw/residency-explorer-neurology-2026/SOURCE.md): the ACGME program identity and the
 * program-reported J-1 (through ECFMG) and H-1B sponsorship.
 */
export interface VisaListing {
  acgmeId: string;
  name: string;
  city: string | null;
  state: string | null;
  /** Null when the page showed neither answer. */
  visa: Visa | null;
}

/** The columns of the extract the build reads. */
export const VISA_LISTING_COLUMNS = [
  "program_name",
  "acgme_program_code",
  "city",
  "state",
  "j1_sponsorship_through_ecfmg",
  "h1b",
] as const;

export function readVisaListings(csv: string): VisaListing[] {
  return parseCsvRecords(csv).map((row) => {
    const acgmeId = (row.acgme_program_code ?? "").trim();
    if (!/^\d{10}$/.test(acgmeId))
      throw new Error(`acgme_program_code "${acgmeId}" is not a 10-digit ACGME program ID`);
    const j1 = answer(row.j1_sponsorship_through_ecfmg, "j1_sponsorship_through_ecfmg");
    const h1b = answer(row.h1b, "h1b");
    return {
      acgmeId,
      name: (row.program_name ?? "").trim(),
      city: text(row.city),
      state: text(row.state),
      visa: j1 === null && h1b === null ? null : { j1, h1b },
    };
  });
}

/** "Yes" / "No" as the page shows them; an empty cell is an answer the page did not show. */
function answer(value: string | undefined, column: string): boolean | null {
  const t = (value ?? "").trim();
  if (t === "") return null;
  if (t === "Yes") return true;
  if (t === "No") return false;
  throw new Error(`${column} "${t}" is neither Yes, No nor empty`);
}

function text(value: string | undefined): string | null {
  const t = value?.trim() ?? "";
  return t === "" ? null : t;
}
