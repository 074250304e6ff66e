import { type Catalog, expandValidatedCatalog, type Program } from "../catalog/program.ts";
import { groupBySpecialty, type ProgramData } from "./program-data.ts";
import type { ProgramModel } from "./program-model.ts";
import { type SponsorAnswer, sponsorAnswersFor } from "./visa-sponsorship.ts";

/**
 * The program catalog in parts, one per specialty, so that a reader that fetches it over a slow
 * link (the web page) loads the specialties a plan needs instead of all 3 MB. A plan made on the
 * parts it needs is the plan the whole catalog gives, figure for figure:
 *
 * - a part holds every program (every NRMP code) of its specialty, as the catalog file has them
 *   and in its order, so the specialty's application units, their tracks and its counts are the
 *   whole catalog's;
 * - the one thing a plan reads across specialties without naming them, the visa answers of a
 *   program's sponsor in other specialties (`sisterAnswers`), is in the index all parts share:
 *   the whole catalog's sponsor index (some 900 sponsors, 15 KB compressed);
 * - any other specialty a plan reads (the PGY-1 tracks of an advanced specialty, the backups'
 *   parallel specialty) it reads by name through `bySpecialty`, and the joined data note each one
 *   the catalog has and the loaded parts lack (`missingParts`): the reader loads them and plans
 *   again. Reading all of `bySpecialty` (iterating it) notes that the whole catalog is needed.
 *
 * Written by scripts/build-web-data.ts (`splitCatalog`); joined on the page (`joinCatalogParts`).
 */

/** What every part needs: the catalog file's metadata, the parts there are, and the sponsor index. */
export interface CatalogIndex {
  metadata: { schemaVersion: 1; provenanceProfiles?: Record<string, unknown[]>; [field: string]: unknown };
  /** The specialties with programs, in the order they first appear in the catalog file: one part each. */
  specialties: string[];
  /** The whole catalog's visa answers by sponsor key (`sponsorAnswersFor`). */
  sponsors: Record<string, SponsorAnswer[]>;
}

/** One specialty's programs, as the catalog file holds them (compact). */
export interface CatalogPart {
  specialty: string;
  /** The file's programs of this specialty, compact (null fields left out, provenance by profile), in file order. */
  programs: Array<{ provenance: string | unknown[]; [field: string]: unknown }>;
}

/** The compact catalog file (data/catalog/programs.json), already accepted by `catalogSchema`. */
export interface CatalogFile {
  metadata: CatalogIndex["metadata"];
  programs: CatalogPart["programs"];
}

/** The catalog file in parts. `data` is the same catalog loaded whole (its sponsor index goes in the index). */
export function splitCatalog(
  file: CatalogFile,
  data: ProgramData,
): { index: CatalogIndex; parts: CatalogPart[] } {
  const parts = new Map<string, CatalogPart>();
  for (const p of file.programs) {
    const specialty = String(p.specialty);
    const part = parts.get(specialty);
    if (part) part.programs.push(p);
    else parts.set(specialty, { specialty, programs: [p] });
  }
  return {
    index: {
      metadata: file.metadata,
      specialties: [...parts.keys()],
      sponsors: Object.fromEntries(sponsorAnswersFor(data, data.catalog.programs)),
    },
    parts: [...parts.values()],
  };
}

/**
 * `bySpecialty` over some parts: it answers as a map of the loaded specialties, and notes each
 * specialty of the catalog it is asked for and does not hold, and any iteration over it.
 */
class PartialSpecialties extends Map<string, readonly Program[]> {
  readonly asked = new Set<string>();
  whole = false;
  constructor(
    entries: Iterable<readonly [string, readonly Program[]]>,
    private readonly inCatalog: ReadonlySet<string>,
  ) {
    super(entries);
  }
  private note(id: string): void {
    if (!super.has(id) && this.inCatalog.has(id)) this.asked.add(id);
  }
  override get(id: string): readonly Program[] | undefined {
    this.note(id);
    return super.get(id);
  }
  override has(id: string): boolean {
    this.note(id);
    return super.has(id);
  }
  override get size(): number {
    this.whole = true;
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.whole = true;
    return super.keys();
  }
  override values(): MapIterator<readonly Program[]> {
    this.whole = true;
    return super.values();
  }
  override entries(): MapIterator<[string, readonly Program[]]> {
    this.whole = true;
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, readonly Program[]]> {
    this.whole = true;
    return super.entries();
  }
  override forEach(fn: (v: readonly Program[], k: string, m: Map<string, readonly Program[]>) => void): void {
    this.whole = true;
    super.forEach(fn);
  }
}

/** A part read into programs: done once per part, so its arrays (and the caches keyed by them) are kept. */
export interface LoadedPart {
  specialty: string;
  programs: Program[];
  /** Its application units (`groupBySpecialty`), in id order. */
  units: Program[];
}

/** Expands a part against the index's provenance profiles; null when it is not a catalog part. */
export function readCatalogPart(index: CatalogIndex, part: CatalogPart): LoadedPart | null {
  if (typeof part !== "object" || part === null || !Array.isArray(part.programs)) return null;
  const cat = expandValidatedCatalog({ metadata: index.metadata, programs: part.programs });
  if (!cat || cat.programs.some((p) => p.specialty !== part.specialty)) return null;
  return {
    specialty: part.specialty,
    programs: cat.programs,
    units: [...(groupBySpecialty(cat).get(part.specialty) ?? [])],
  };
}

/** The program data of the loaded parts (in the index's order), for the planner. */
export function joinCatalogParts(
  index: CatalogIndex,
  parts: readonly LoadedPart[],
  model: ProgramModel,
): ProgramData {
  const bySpecialty = new Map(parts.map((p) => [p.specialty, p] as const));
  const loaded = index.specialties.flatMap((id) => {
    const part = bySpecialty.get(id);
    return part ? [part] : [];
  });
  const { provenanceProfiles: _, ...metadata } = index.metadata;
  const catalog = { metadata, programs: loaded.flatMap((p) => p.programs) } as unknown as Catalog;
  return {
    catalog,
    model,
    bySpecialty: new PartialSpecialties(
      loaded.map((p) => [p.specialty, p.units] as const),
      new Set(index.specialties),
    ),
    sponsors: sponsorsOf(index),
  };
}

const sponsorMaps = new WeakMap<CatalogIndex, Map<string, SponsorAnswer[]>>();
/** The index's sponsor answers as the map the planner reads, made once per index. */
function sponsorsOf(index: CatalogIndex): Map<string, SponsorAnswer[]> {
  let map = sponsorMaps.get(index);
  if (!map) {
    map = new Map(Object.entries(index.sponsors));
    sponsorMaps.set(index, map);
  }
  return map;
}

/**
 * The parts a computation on `data` asked for and did not have since the last call ("all" when it
 * read the whole of `bySpecialty`), and forgets them: an empty list means its result is the whole
 * catalog's. Data not made by `joinCatalogParts` hold the whole catalog.
 */
export function missingParts(data: ProgramData): string[] | "all" {
  const map = data.bySpecialty;
  if (!(map instanceof PartialSpecialties)) return [];
  const out: string[] | "all" = map.whole ? "all" : [...map.asked];
  map.asked.clear();
  map.whole = false;
  return out;
}
