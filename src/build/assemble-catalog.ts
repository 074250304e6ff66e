import type { JoinRate, Program, Track } from "../core/catalog/program.ts";
import { learnAcgmeStateCodes } from "./acgme-state-codes.ts";
import { documents, groupNrmpCodes, type Unit } from "./catalog-unit.ts";
import type { CensusDivisions } from "./census-divisions.ts";
import { joinFreidaListings, joinFreidaPrograms } from "./join-freida.ts";
import { joinGeocodes } from "./join-geocodes.ts";
import { joinResidencyExplorer } from "./join-residency-explorer.ts";
import { joinVisaListings } from "./join-visa-listings.ts";
import { inverseDocumentFrequency } from "./name-similarity.ts";
import type { NrmpSpecialtyMap } from "./nrmp-specialty-map.ts";
import { nameProgramId } from "./program-id.ts";
import type { FloridaResult } from "./read-florida-results.ts";
import type { FreidaListing, FreidaProgram } from "./read-freida.ts";
import type { Geocode } from "./read-geocodes.ts";
import type { NrmpProgram } from "./read-nrmp-programs.ts";
import type { ResidencyExplorerProgram } from "./read-residency-explorer.ts";
import type { VisaListing } from "./read-residency-explorer-visa.ts";
import { SiteWords } from "./site-words.ts";
import { toPrograms } from "./to-programs.ts";

/**
 * Assembles the program catalog from parsed inputs. Pure: no file access; the same inputs give
 * the same catalog, in the same order.
 *
 * 1. NRMP codes of registry specialties (per the code map) are grouped into programs
 *    (`catalog-unit.ts`: one institution, specialty and site).
 * 2. Residency Explorer rows join them by name + state (`join-residency-explorer.ts`).
 * 3. FREIDA Internal Medicine and the FREIDA Transitional Year list join (`join-freida.ts`), and
 *    Residency Explorer pages with visa answers join their specialty (`join-visa-listings.ts`).
 * 4. The geocode table joins on exact name + state; Florida results join by NRMP code.
 * 5. Programs become records, one per NRMP code, every field cited (`to-programs.ts`).
 */

export interface InputCitation {
  source: string;
  vintage: string;
}

export interface CatalogInputs {
  nrmp: InputCitation & { programs: readonly NrmpProgram[] };
  residencyExplorer: InputCitation & { programs: readonly ResidencyExplorerProgram[] };
  freidaIm: InputCitation & { programs: readonly FreidaProgram[]; specialty: string };
  freidaTy: InputCitation & { programs: readonly FreidaListing[]; specialty: string };
  residencyExplorerVisa: InputCitation & { programs: readonly VisaListing[]; specialty: string };
  florida: InputCitation & { results: ReadonlyMap<string, FloridaResult> };
  geocodes: InputCitation & { programs: readonly Geocode[] };
  specialtyMap: NrmpSpecialtyMap;
  divisions: CensusDivisions;
}

export interface AssembledCatalog {
  programs: Program[];
  joinRates: JoinRate[];
  /** Facts about the inputs worth a reader's attention (codes left out, disagreements). */
  notes: string[];
}

export function assembleCatalog(inputs: CatalogInputs): AssembledCatalog {
  const { nrmp, residencyExplorer, freidaIm, freidaTy } = inputs;
  const docs = documents();
  const weight = inverseDocumentFrequency([
    ...nrmp.programs.map(docs.nrmp),
    ...residencyExplorer.programs.map(docs.re),
    ...freidaIm.programs.map(docs.freida),
    ...freidaTy.programs.map(docs.listing),
  ]);
  const siteWords = new SiteWords([
    ...residencyExplorer.programs.map((r) => ({ state: r.state, doc: docs.re(r), city: r.city })),
    ...freidaIm.programs.map((f) => ({ state: f.state, doc: docs.freida(f), city: f.city })),
  ]);
  const context = { docs, weight };

  const mapped: { program: NrmpProgram; specialty: string; track: Track }[] = [];
  for (const program of nrmp.programs) {
    const to = inputs.specialtyMap.resolve(program.specialtyCode, program.trackLetter);
    if (to) mapped.push({ program, ...to });
  }
  const notes = [
    `${nrmp.programs.length - mapped.length} NRMP codes are in specialties without a registry entry (combined programs and others) and are left out`,
  ];

  const { units, joinRates } = joinResidencyExplorer(
    groupNrmpCodes(mapped, docs, siteWords),
    residencyExplorer.programs,
    context,
  );
  joinRates.push(...joinFreidaPrograms(units, freidaIm.programs, freidaIm.specialty, context));
  const { residencyExplorerVisa: visa } = inputs;
  joinRates.push(...joinVisaListings(units, visa.programs, visa.specialty, context));
  const stateCodes = learnAcgmeStateCodes([
    ...freidaIm.programs,
    ...inputs.geocodes.programs.map((g) => ({ acgmeId: g.acgmeId, state: g.state || null })),
  ]);
  joinRates.push(...joinFreidaListings(units, freidaTy.programs, freidaTy.specialty, stateCodes, context));
  joinRates.push(...joinGeocodes(units, inputs.geocodes.programs));
  joinRates.push(...floridaJoinRates(inputs, units));
  notes.push(...floridaNotes(inputs, units), ...regionNotes(inputs));

  const programs = units.flatMap((unit) => toPrograms(unit, inputs));
  disambiguateIds(programs);
  programs.sort(compareProgram);
  return { programs, joinRates: joinRates.sort(compareJoinRate), notes };
}

/** Florida codes per specialty found in the NRMP list (the file also holds programs that began after 2023). */
function floridaJoinRates(inputs: CatalogInputs, units: readonly Unit[]): JoinRate[] {
  const catalogCodes = new Set(units.flatMap((u) => u.codes.map((c) => c.program.code)));
  const tally = new Map<string, { joined: number; total: number }>();
  for (const code of inputs.florida.results.keys()) {
    const specialty = floridaSpecialty(inputs, code);
    if (specialty === undefined) continue;
    const t = tally.get(specialty) ?? { joined: 0, total: 0 };
    t.total++;
    if (catalogCodes.has(code)) t.joined++;
    tally.set(specialty, t);
  }
  return [...tally].map(([specialty, t]) => ({ from: "florida-results", to: "nrmp", specialty, ...t }));
}

function floridaSpecialty(inputs: CatalogInputs, code: string): string | undefined {
  const parts = /^\d{4}(\d{3})([A-Z])/.exec(code);
  return parts ? inputs.specialtyMap.resolve(parts[1] as string, parts[2] as string)?.specialty : undefined;
}

function floridaNotes(inputs: CatalogInputs, units: readonly Unit[]): string[] {
  const results = [...inputs.florida.results.values()];
  if (results.length === 0) return [];
  const catalogCodes = new Set(units.flatMap((u) => u.codes.map((c) => c.program.code)));
  const latest = Math.max(...results.flatMap((r) => r.years.map((y) => y.year)));
  const missing = results.filter(
    (r) =>
      !catalogCodes.has(r.code) &&
      floridaSpecialty(inputs, r.code) !== undefined &&
      r.years.some((y) => y.year === latest),
  );
  return [
    `${missing.length} Florida programs active in ${latest} are not in the NRMP list and so not in the catalog`,
  ];
}

/** Residency Explorer's own Region column against the census table (some of its values are cut short). */
function regionNotes(inputs: CatalogInputs): string[] {
  const rows = inputs.residencyExplorer.programs;
  const differing = rows.filter((r) => {
    if (r.state === null || r.region === null) return false;
    const division = inputs.divisions.divisionOf(r.state);
    return division !== undefined && !(division ?? "").startsWith(r.region);
  });
  const unknown = [
    ...new Set(
      rows.flatMap((r) => (r.state && inputs.divisions.divisionOf(r.state) === undefined ? [r.state] : [])),
    ),
  ];
  const examples = [...new Set(differing.map((r) => `${r.state}: "${r.region}"`))].sort();
  return [
    `${differing.length} Residency Explorer rows give a Region other than their state's census division (${examples.join(", ") || "none"})`,
    ...(unknown.length > 0 ? [`States missing from the census table: ${unknown.sort().join(", ")}`] : []),
  ];
}

/** Programs without an NRMP code that share a name and state get their city in the id. */
function disambiguateIds(programs: Program[]): void {
  const byId = new Map<string, Program[]>();
  for (const p of programs) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    if (same.some((p) => p.nrmpCode !== null)) throw new Error(`Two programs share the id ${id}`);
    for (const p of same) p.id = nameProgramId(p.specialty, p.state, p.name, p.city);
  }
  if (new Set(programs.map((p) => p.id)).size !== programs.length)
    throw new Error("Program ids are not unique");
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareProgram(a: Program, b: Program): number {
  return (
    byText(a.specialty, b.specialty) ||
    byText(a.state ?? "~", b.state ?? "~") ||
    byText(a.name, b.name) ||
    byText(a.id, b.id)
  );
}

function compareJoinRate(a: JoinRate, b: JoinRate): number {
  return byText(a.from, b.from) || byText(a.to, b.to) || byText(a.specialty ?? "", b.specialty ?? "");
}
