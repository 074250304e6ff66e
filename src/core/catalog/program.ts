import { z } from "zod";

/**
 * One program of `data/catalog/programs.json`: an NRMP program code (one track of a program) or,
 * where Residency Explorer lists a program that joins to no NRMP code, that program alone.
 * Unknown values are null, never guessed. Every non-null field except `id` is named in exactly
 * one `provenance` entry, which says where it came from and how old it is.
 */

/** NRMP tracks: C categorical, A advanced (PGY-2 start), P preliminary, R reserved for physicians; TY is its own. */
export const TRACKS = ["categorical", "advanced", "preliminary", "transitional", "physician"] as const;
export type Track = (typeof TRACKS)[number];

/** FREIDA's "program best described as", in FREIDA's own five categories. */
export const PROGRAM_TYPES = [
  "university",
  "community-university-affiliated",
  "community",
  "military",
  "other",
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];

/** The nine US Census Bureau divisions; the state → division table is data/geography/census-divisions.yaml. */
export const CENSUS_DIVISIONS = [
  "New England",
  "Middle Atlantic",
  "East North Central",
  "West North Central",
  "South Atlantic",
  "East South Central",
  "West South Central",
  "Mountain",
  "Pacific",
] as const;
export type CensusDivision = (typeof CENSUS_DIVISIONS)[number];

/** Degrees: latitude spans ±a quarter turn, longitude ±a half turn. */
const QUARTER_TURN = 90;

/** Share of a group, 0–1. Sources that publish percentages are converted when the catalog is built. */
const fraction = z.number().min(0).max(1);
const count = z.number().int().nonnegative();

/**
 * AAMC Residency Explorer interview rates: the share of that program's applicants of a group who
 * were invited to interview (not the make-up of its residents). In-state means the applicant's
 * medical school is in the program's state. `signal.any` is the single "Signal" column of
 * specialties with one signal tier; `gold`/`silver` exist where the specialty had two tiers.
 * The source publishes no applicant counts, so no denominators are available.
 */
export const interviewRatesSchema = z.strictObject({
  md: fraction.nullable(),
  do: fraction.nullable(),
  usImg: fraction.nullable(),
  nonUsImg: fraction.nullable(),
  inState: fraction.nullable(),
  outOfState: fraction.nullable(),
  signal: z.strictObject({
    gold: fraction.nullable(),
    silver: fraction.nullable(),
    none: fraction.nullable(),
    any: fraction.nullable(),
  }),
});
export type InterviewRates = z.infer<typeof interviewRatesSchema>;

/** `true` = listed as sponsored, `false` = the program listed its visas and this one is absent, null = not reported. */
export const visaSchema = z.strictObject({ j1: z.boolean().nullable(), h1b: z.boolean().nullable() });
export type Visa = z.infer<typeof visaSchema>;

/** One Match year: positions offered (quota) and filled (matched). Years the program did not take part are absent. */
export const matchYearSchema = z
  .strictObject({ year: z.number().int(), offered: count, filled: count })
  .refine((y) => y.filled <= y.offered, { message: "filled exceeds offered" });
export type MatchYear = z.infer<typeof matchYearSchema>;

export const provenanceEntrySchema = z.strictObject({
  /** A source id of data/sources.yaml (or of the catalog metadata's inputs). */
  source: z.string().regex(/^[a-z0-9-]+$/),
  /** The date or year the values describe, e.g. "2023", "2025-03-28", "2020–2026". */
  vintage: z.string().min(1),
  /** Top-level field names this entry covers. */
  fields: z.array(z.string()).min(1),
  /** How the value was derived when it was not copied as is, e.g. "name + state join". */
  method: z.string().optional(),
});
export type ProvenanceEntry = z.infer<typeof provenanceEntrySchema>;

export const programSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  institution: z.string().nullable(),
  city: z.string().nullable(),
  state: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  division: z.enum(CENSUS_DIVISIONS).nullable(),
  specialty: z.string().regex(/^[a-z0-9-]+$/),
  track: z.enum(TRACKS).nullable(),
  nrmpCode: z
    .string()
    .regex(/^\d{7}[A-Z]\d+$/)
    .nullable(),
  nrmpTitle: z.string().nullable(),
  acgmeId: z
    .string()
    .regex(/^\d{10}$/)
    .nullable(),
  /** City centroid, not the hospital's address. */
  coordinates: z
    .strictObject({
      lat: z.number().min(-QUARTER_TURN).max(QUARTER_TURN),
      lon: z
        .number()
        .min(-2 * QUARTER_TURN)
        .max(2 * QUARTER_TURN),
    })
    .nullable(),
  interviewRates: interviewRatesSchema.nullable(),
  visa: visaSchema.nullable(),
  /** Share of current residents who are IMGs (resident make-up, unlike the interview rates). */
  imgShare: fraction.nullable(),
  programType: z.enum(PROGRAM_TYPES).nullable(),
  pgy1Positions: count.nullable(),
  interviewsLastYear: count.nullable(),
  website: z.string().nullable(),
  unfilledHistory: z.array(matchYearSchema).nullable(),
  provenance: z.array(provenanceEntrySchema),
});
export type Program = z.infer<typeof programSchema>;

/**
 * The sources a program's fields come from, each once, in the order its provenance names them.
 * Every listed program shows them. They are kept per program object (the catalog is loaded once)
 * and frozen, so every list that shows a program holds the same array, and nothing downstream
 * can change what the next list shows.
 */
export function programSources(p: Program): readonly string[] {
  let sources = sourcesOf.get(p);
  if (!sources) {
    sources = Object.freeze([...new Set(p.provenance.map((e) => e.source))]);
    sourcesOf.set(p, sources);
  }
  return sources;
}
const sourcesOf = new WeakMap<Program, readonly string[]>();

/** Fields that are facts and so need provenance when non-null; `id` is derived from them. */
export const CITED_FIELDS = [
  "name",
  "institution",
  "city",
  "state",
  "division",
  "specialty",
  "track",
  "nrmpCode",
  "nrmpTitle",
  "acgmeId",
  "coordinates",
  "interviewRates",
  "visa",
  "imgShare",
  "programType",
  "pgy1Positions",
  "interviewsLastYear",
  "website",
  "unfilledHistory",
] as const satisfies readonly (keyof Program)[];
export type CitedField = (typeof CITED_FIELDS)[number];

export const catalogInputSchema = z.strictObject({
  key: z.string(),
  source: z.string(),
  title: z.string(),
  publisher: z.string(),
  vintage: z.string(),
  terms: z.string(),
  files: z.array(z.string()),
  url: z.string().optional(),
});

export const joinRateSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  specialty: z.string().nullable(),
  joined: count,
  total: count,
});
export type JoinRate = z.infer<typeof joinRateSchema>;

const metadataFields = {
  schemaVersion: z.literal(1),
  description: z.string(),
  inputs: z.array(catalogInputSchema),
  programsPerSpecialty: z.record(z.string(), count),
  joinRates: z.array(joinRateSchema),
};

/** The catalog in memory: every field present, each program carrying its provenance entries. */
const expandedCatalogSchema = z.strictObject({
  metadata: z.strictObject(metadataFields),
  programs: z.array(programSchema),
});

/** Every field that may be null, as null: what a program left out of the file holds. */
const NULL_FIELDS = Object.fromEntries(
  Object.entries(programSchema.shape)
    .filter(([, schema]) => schema.safeParse(null).success)
    .map(([field]) => [field, null]),
);

/**
 * The catalog, read from data/catalog/programs.json (`catalogSchema.safeParse(JSON.parse(text))`)
 * or given in memory. The file is kept to a few MB in two ways: most programs share one of a few
 * hundred provenance patterns, so each pattern is stored once in `metadata.provenanceProfiles` and
 * a program names it; and a program's null fields are left out. Parsing restores both, then
 * validates every program, so the result is always a full `Catalog`.
 */
export const catalogSchema = z
  .strictObject({
    metadata: z.strictObject({
      ...metadataFields,
      provenanceProfiles: z.record(z.string(), z.array(provenanceEntrySchema)).optional(),
    }),
    programs: z.array(z.looseObject({ provenance: z.union([z.string(), z.array(z.unknown())]) })),
  })
  .superRefine((file, ctx) => {
    const profiles = file.metadata.provenanceProfiles ?? {};
    file.programs.forEach((p, i) => {
      if (typeof p.provenance === "string" && !(p.provenance in profiles)) {
        ctx.addIssue({
          code: "custom",
          path: ["programs", i, "provenance"],
          message: `provenance profile "${p.provenance}" is not in metadata.provenanceProfiles`,
        });
      }
    });
  })
  .transform(expandCompact)
  .pipe(expandedCatalogSchema);
export type Catalog = z.output<typeof catalogSchema>;

interface CompactCatalog {
  metadata: { provenanceProfiles?: Record<string, unknown[]> | undefined; [field: string]: unknown };
  programs: Array<{ provenance: string | unknown[]; [field: string]: unknown }>;
}

/** The compact file's layout undone: null fields restored, provenance profiles looked up. */
function expandCompact({ metadata: { provenanceProfiles, ...metadata }, programs }: CompactCatalog) {
  return {
    metadata,
    programs: programs.map((p) => ({
      ...NULL_FIELDS,
      ...p,
      provenance:
        typeof p.provenance === "string" ? (provenanceProfiles?.[p.provenance] ?? []) : p.provenance,
    })),
  };
}

/**
 * A catalog file that has already passed `catalogSchema` where it was built (the web page's
 * data, checked by scripts/build-web-data.ts before it is written), expanded without validating
 * each program again: that validation is most of the page's start-up time in zod's eval-free
 * mode. Only the layout is checked; anything else is trusted to the build.
 */
export function expandValidatedCatalog(file: unknown): Catalog | null {
  if (typeof file !== "object" || file === null) return null;
  const f = file as Partial<CompactCatalog>;
  if (!Array.isArray(f.programs) || typeof f.metadata !== "object" || f.metadata === null) return null;
  if (f.metadata.schemaVersion !== 1) return null;
  return expandCompact(f as CompactCatalog) as unknown as Catalog;
}

/** The provenance entry covering `field`, or undefined when the field has none. */
export function provenanceOf(program: Program, field: CitedField): ProvenanceEntry | undefined {
  return program.provenance.find((entry) => entry.fields.includes(field));
}
