import type { ProgramType, Visa } from "../core/catalog/program.ts";
import { parseCsvRecords } from "./parse-csv.ts";

/** One FREIDA Internal Medicine listing (see data/raw/freida-im-scrape-2025/SOURCE.md). */
export interface FreidaProgram {
  acgmeId: string;
  name: string;
  city: string | null;
  state: string | null;
  /** FREIDA's `data_last_updated`, as a date. */
  updated: string | null;
  visa: Visa;
  imgShare: number | null;
  programType: ProgramType | null;
  pgy1Positions: number | null;
  interviewsLastYear: number | null;
  website: string | null;
}

/** One FREIDA Transitional Year listing: name and ACGME ID only. */
export interface FreidaListing {
  acgmeId: string;
  name: string;
}

/** The columns of the FREIDA Internal Medicine file the build reads. */
export const FREIDA_PROGRAM_COLUMNS = [
  "program_id",
  "program_name_suffix",
  "city",
  "state",
  "data_last_updated",
  "visa_statuses_accepted",
  "pct_img",
  "program_best_described_as",
  "first_year_positions",
  "interviews_conducted_last_year",
  "website",
] as const;

/** The keys every object of the FREIDA Transitional Year list must have. */
export const FREIDA_LISTING_KEYS = ["title", "link"] as const;

const PROGRAM_TYPE: Readonly<Record<string, ProgramType>> = {
  "University-based": "university",
  "Community-based university affiliated": "community-university-affiliated",
  "Community-based": "community",
  "Military-based": "military",
  Other: "other",
};

/** FREIDA rows, one per ACGME ID (the scrape repeats one program). */
export function readFreidaPrograms(csv: string): FreidaProgram[] {
  const byId = new Map<string, FreidaProgram>();
  for (const row of parseCsvRecords(csv)) {
    const acgmeId = (row.program_id ?? "").trim();
    if (byId.has(acgmeId)) continue;
    const described = (row.program_best_described_as ?? "").trim();
    const programType = described === "" ? null : PROGRAM_TYPE[described];
    if (programType === undefined)
      throw new Error(`FREIDA program type "${described}" is not one of FREIDA's five; extend PROGRAM_TYPE`);
    const pctImg = decimal(row.pct_img);
    byId.set(acgmeId, {
      acgmeId,
      name: (row.program_name_suffix ?? "").trim(),
      city: text(row.city),
      state: text(row.state),
      updated: text(row.data_last_updated)?.slice(0, 10) ?? null,
      visa: parseVisaStatuses(row.visa_statuses_accepted ?? ""),
      // FREIDA publishes a percentage (64.1); the catalog holds fractions.
      imgShare: pctImg === null ? null : Number((pctImg * 0.01).toFixed(4)),
      programType,
      pgy1Positions: whole(row.first_year_positions),
      interviewsLastYear: whole(row.interviews_conducted_last_year),
      website: text(row.website),
    });
  }
  return [...byId.values()];
}

/**
 * `visa_statuses_accepted` is a Python list literal: `['J-1 through ECFMG', 'H-1B']`, or a list of
 * `{'value': …, 'label': …}` dicts. A non-empty list is read as the program's complete answer, so a
 * visa it omits is `false`. An empty list may mean "none" or "not reported" (SOURCE.md), so both stay null.
 */
export function parseVisaStatuses(value: string): Visa {
  const items = [...value.matchAll(/'([^']*)'/g)]
    .map((m) => m[1] as string)
    .filter((s) => s !== "value" && s !== "label");
  if (items.length === 0) return { j1: null, h1b: null };
  return { j1: items.some((s) => s.startsWith("J-1")), h1b: items.some((s) => s.startsWith("H-1B")) };
}

/** The TY list: `[{ title, link: "/program/<ACGME ID>", expanded }]`. */
export function readFreidaListings(json: string): FreidaListing[] {
  const rows = JSON.parse(json) as { title?: unknown; link?: unknown }[];
  return rows.map((row) => {
    const id = /(\d{10})/.exec(String(row.link ?? ""))?.[1];
    if (id === undefined)
      throw new Error(`FREIDA listing "${String(row.title)}" has no ACGME ID in its link`);
    return { acgmeId: id, name: String(row.title ?? "").trim() };
  });
}

function text(value: string | undefined): string | null {
  const t = value?.trim() ?? "";
  return t === "" ? null : t;
}

function decimal(value: string | undefined): number | null {
  const t = text(value);
  if (t === null) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error(`FREIDA number "${t}" is not a number`);
  return n;
}

function whole(value: string | undefined): number | null {
  const n = decimal(value);
  return n === null ? null : Math.round(n);
}
