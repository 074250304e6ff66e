import type { JoinRate, Program, Track } from "../core/catalog/program.ts";
import { acgmeStateDigits, learnAcgmeStateCodes } from "./acgme-state-codes.ts";
import type { CensusDivisions } from "./census-divisions.ts";
import { type JoinItem, joinByName } from "./join-by-name.ts";
import { type NameDocument, inverseDocumentFrequency, nameDocument } from "./name-similarity.ts";
import { nameTokens, normaliseName } from "./normalise-name.ts";
import type { NrmpSpecialtyMap } from "./nrmp-specialty-map.ts";
import { nameProgramId, nrmpProgramId } from "./program-id.ts";
import { type Citation, ProvenanceBuilder } from "./provenance-builder.ts";
import type { FloridaResult } from "./read-florida-results.ts";
import type { FreidaListing, FreidaProgram } from "./read-freida.ts";
import type { Geocode } from "./read-geocodes.ts";
import { institutionWithoutState, type NrmpProgram, titleQualifier } from "./read-nrmp-programs.ts";
import type { ResidencyExplorerProgram } from "./read-residency-explorer.ts";

/**
 * Assembles the program catalog from parsed inputs. Pure: no file access, same output for the
 * same inputs.
 *
 * Steps:
 * 1. NRMP codes of registry specialties become programs (specialty and track from the code map).
 * 2. Residency Explorer rows join NRMP codes of their specialty by name + state
 *    (`join-by-name.ts`); preliminary tracks are never joined, because their applicants are not
 *    the categorical program's. Rows that join nothing become programs of their own.
 * 3. FREIDA Internal Medicine joins those programs: exactly on normalised name + state to the
 *    Residency Explorer name, then by name similarity to what is left.
 * 4. The FREIDA Transitional Year list joins Transitional Year codes by name similarity, the
 *    state coming from the ACGME ID.
 * 5. Florida results join by NRMP code; the geocode table by exact normalised name + state.
 * Every field is cited as it is set; nothing unknown is filled in.
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
  florida: InputCitation & { results: ReadonlyMap<string, FloridaResult> };
  geocodes: InputCitation & { programs: readonly Geocode[] };
  specialtyMap: NrmpSpecialtyMap;
  divisions: CensusDivisions;
}

export interface AssembledCatalog {
  programs: Program[];
  joinRates: JoinRate[];
  /** Facts about the inputs worth a reader's attention (codes the map skips, disagreements). */
  notes: string[];
}

/** Minimum name similarity for a join within one state, and when the NRMP code has no state. */
export const JOIN_THRESHOLD = 0.5;
export const UNKNOWN_STATE_THRESHOLD = 0.75;

/** One program before it is split into its NRMP track codes. */
interface Unit {
  specialty: string;
  codes: { program: NrmpProgram; track: Track }[];
  re: ResidencyExplorerProgram | null;
  freida: FreidaProgram | null;
  ty: FreidaListing | null;
  /** State read from the TY listing's ACGME ID. */
  tyState: string | null;
  geocode: Geocode | null;
}

export function assembleCatalog(inputs: CatalogInputs): AssembledCatalog {
  const notes: string[] = [];
  const joinRates: JoinRate[] = [];

  // 1. NRMP codes → units of one code each, grouped by specialty.
  const nrmpUnits: Unit[] = [];
  let unmapped = 0;
  for (const program of inputs.nrmp.programs) {
    const mapped = inputs.specialtyMap.resolve(program.specialtyCode, program.trackLetter);
    if (!mapped) {
      unmapped++;
      continue;
    }
    nrmpUnits.push(emptyUnit(mapped.specialty, [{ program, track: mapped.track }]));
  }
  notes.push(`${unmapped} NRMP codes are in specialties outside the registry (combined programs and others) and are left out`);

  const docOf = new Map<object, NameDocument>();
  const nrmpDoc = (p: NrmpProgram) =>
    cached(docOf, p, () => nameDocument(nameTokens(institutionWithoutState(p)), nameTokens(titleQualifier(p.title))));
  const reDoc = (r: ResidencyExplorerProgram) => cached(docOf, r, () => nameDocument(nameTokens(r.name), nameTokens(r.city ?? "")));
  const freidaDoc = (f: FreidaProgram) => cached(docOf, f, () => nameDocument(nameTokens(f.name), nameTokens(f.city ?? "")));
  const tyDoc = (t: FreidaListing) => cached(docOf, t, () => nameDocument(nameTokens(t.name)));
  const weight = inverseDocumentFrequency([
    ...inputs.nrmp.programs.map(nrmpDoc),
    ...inputs.residencyExplorer.programs.map(reDoc),
    ...inputs.freidaIm.programs.map(freidaDoc),
    ...inputs.freidaTy.programs.map(tyDoc),
  ]);

  // 2. Residency Explorer ↔ NRMP, per specialty.
  const units: Unit[] = [];
  const specialties = unique([...nrmpUnits.map((u) => u.specialty), ...inputs.residencyExplorer.programs.map((r) => r.specialty)]);
  for (const specialty of specialties) {
    const codes = nrmpUnits.filter((u) => u.specialty === specialty);
    const rows = inputs.residencyExplorer.programs.filter((r) => r.specialty === specialty);
    if (rows.length === 0) {
      units.push(...codes);
      continue;
    }
    const joinable = codes.filter((u) => u.codes[0]?.track !== "preliminary");
    const pairs = joinByName(
      rows.map((r) => ({ doc: reDoc(r), state: r.state, group: "" })),
      joinable.map((u) => nrmpJoinItem(u, nrmpDoc, (p) => p.institutionCode)),
      weight,
      { threshold: JOIN_THRESHOLD, unknownStateThreshold: UNKNOWN_STATE_THRESHOLD, manyPerLeft: true },
    );
    const joined = new Set<Unit>();
    rows.forEach((row, i) => {
      const unit = emptyUnit(specialty, []);
      unit.re = row;
      for (const pair of pairs.filter((p) => p.left === i)) {
        const code = joinable[pair.right] as Unit;
        unit.codes.push(...code.codes);
        joined.add(code);
      }
      units.push(unit);
    });
    units.push(...codes.filter((u) => !joined.has(u)));
    const reJoined = new Set(pairs.map((p) => p.left)).size;
    joinRates.push({ from: "residency-explorer", to: "nrmp", specialty, joined: reJoined, total: rows.length });
    joinRates.push({ from: "nrmp", to: "residency-explorer", specialty, joined: joined.size, total: joinable.length });
  }

  // 3. FREIDA Internal Medicine.
  joinFreida(inputs, units, weight, freidaDoc, reDoc, nrmpDoc, joinRates);

  // 4. FREIDA Transitional Year list.
  const stateCodes = learnAcgmeStateCodes([
    ...inputs.freidaIm.programs,
    ...inputs.geocodes.programs.map((g) => ({ acgmeId: g.acgmeId, state: g.state || null })),
  ]);
  const tyUnits = units.filter((u) => u.specialty === inputs.freidaTy.specialty && u.codes.length > 0);
  const tyStates = inputs.freidaTy.programs.map((t) => stateCodes.get(acgmeStateDigits(t.acgmeId)) ?? null);
  const tyPairs = joinByName(
    inputs.freidaTy.programs.map((t, i) => ({ doc: tyDoc(t), state: tyStates[i] ?? null, group: "" })),
    tyUnits.map((u) => nrmpJoinItem(u, nrmpDoc, sitedGroup)),
    weight,
    { threshold: JOIN_THRESHOLD, unknownStateThreshold: UNKNOWN_STATE_THRESHOLD, manyPerLeft: true },
  );
  for (const pair of tyPairs) {
    const unit = tyUnits[pair.right] as Unit;
    unit.ty = inputs.freidaTy.programs[pair.left] as FreidaListing;
    unit.tyState = tyStates[pair.left] ?? null;
  }
  joinRates.push({
    from: "freida-ty",
    to: "nrmp",
    specialty: inputs.freidaTy.specialty,
    joined: new Set(tyPairs.map((p) => p.left)).size,
    total: inputs.freidaTy.programs.length,
  });

  // 5a. Geocodes: exact normalised ACGME name + state.
  const geocodeByKey = new Map<string, Geocode>();
  for (const g of inputs.geocodes.programs) {
    const key = `${normaliseName(g.name)}|${g.state}`;
    if (!geocodeByKey.has(key)) geocodeByKey.set(key, g);
  }
  for (const specialty of specialties) {
    let named = 0;
    let found = 0;
    for (const unit of units.filter((u) => u.specialty === specialty)) {
      const state = unitState(unit);
      const names = [unit.re?.name, unit.freida?.name, unit.ty?.name].filter((n): n is string => n !== undefined);
      if (names.length === 0 || state === null) continue;
      named++;
      const hit = names.map((n) => geocodeByKey.get(`${normaliseName(n)}|${state}`)).find((g) => g !== undefined);
      if (hit) {
        unit.geocode = hit;
        found++;
      }
    }
    if (named > 0) joinRates.push({ from: "geocodes", to: "catalog", specialty, joined: found, total: named });
  }

  // 5b. Florida results by code, per specialty of the code.
  const floridaBySpecialty = new Map<string, { joined: number; total: number }>();
  const catalogCodes = new Set(units.flatMap((u) => u.codes.map((c) => c.program.code)));
  for (const code of inputs.florida.results.keys()) {
    const parts = /^\d{4}(\d{3})([A-Z])/.exec(code);
    const mapped = parts ? inputs.specialtyMap.resolve(parts[1] as string, parts[2] as string) : undefined;
    if (!mapped) continue;
    const tally = floridaBySpecialty.get(mapped.specialty) ?? { joined: 0, total: 0 };
    tally.total++;
    if (catalogCodes.has(code)) tally.joined++;
    floridaBySpecialty.set(mapped.specialty, tally);
  }
  for (const [specialty, tally] of [...floridaBySpecialty].sort((a, b) => byText(a[0], b[0]))) {
    joinRates.push({ from: "florida-results", to: "nrmp", specialty, ...tally });
  }

  notes.push(...regionDisagreements(inputs));
  const programs = units.flatMap((unit) => toPrograms(unit, inputs));
  assignUniqueIds(programs);
  programs.sort(compareProgram);
  return { programs, joinRates: joinRates.sort(compareJoinRate), notes };
}

function emptyUnit(specialty: string, codes: Unit["codes"]): Unit {
  return { specialty, codes, re: null, freida: null, ty: null, tyState: null, geocode: null };
}

function cached<K extends object, V>(cache: Map<object, V>, key: K, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)].sort();
}

/** A single-code unit as a join target; the code's state counts whether read or inferred. */
function nrmpJoinItem(unit: Unit, doc: (p: NrmpProgram) => NameDocument, group: (p: NrmpProgram) => string): JoinItem {
  const program = (unit.codes[0] as Unit["codes"][number]).program;
  return { doc: doc(program), state: program.state, group: group(program) };
}

/** Codes of one institution with the same site qualifier ("Internal Medicine" and "Medicine-Primary") are one program. */
function sitedGroup(p: NrmpProgram): string {
  const qualifier = nameTokens(titleQualifier(p.title)).join(" ");
  return `${p.institutionCode}|${qualifier}`;
}

function joinFreida(
  inputs: CatalogInputs,
  units: Unit[],
  weight: (t: string) => number,
  freidaDoc: (f: FreidaProgram) => NameDocument,
  reDoc: (r: ResidencyExplorerProgram) => NameDocument,
  nrmpDoc: (p: NrmpProgram) => NameDocument,
  joinRates: JoinRate[],
): void {
  const specialty = inputs.freidaIm.specialty;
  const targets = units.filter((u) => u.specialty === specialty && (u.re !== null || u.codes[0]?.track !== "preliminary"));
  const byKey = new Map<string, Unit[]>();
  for (const unit of targets) {
    if (!unit.re) continue;
    const key = `${normaliseName(unit.re.name)}|${unit.re.state}`;
    byKey.set(key, [...(byKey.get(key) ?? []), unit]);
  }
  const rest: FreidaProgram[] = [];
  let exact = 0;
  for (const f of inputs.freidaIm.programs) {
    const candidates = (byKey.get(`${normaliseName(f.name)}|${f.state}`) ?? []).filter((u) => u.freida === null);
    // Two Residency Explorer rows can share a name within a state; the city tells them apart.
    const unit = candidates.length === 1 ? candidates[0] : candidates.find((u) => sameText(u.re?.city, f.city));
    if (unit) {
      unit.freida = f;
      exact++;
    } else {
      rest.push(f);
    }
  }
  const open = targets.filter((u) => u.freida === null);
  const pairs = joinByName(
    rest.map((f) => ({ doc: freidaDoc(f), state: f.state, group: "" })),
    open.map((u) =>
      u.re
        ? { doc: reDoc(u.re), state: u.re.state, group: `re|${u.re.name}|${u.re.city}` }
        : nrmpJoinItem(u, nrmpDoc, sitedGroup),
    ),
    weight,
    { threshold: JOIN_THRESHOLD, unknownStateThreshold: UNKNOWN_STATE_THRESHOLD, manyPerLeft: true },
  );
  for (const pair of pairs) (open[pair.right] as Unit).freida = rest[pair.left] as FreidaProgram;
  const total = inputs.freidaIm.programs.length;
  joinRates.push({ from: "freida-im", to: "residency-explorer (exact name + state)", specialty, joined: exact, total });
  joinRates.push({
    from: "freida-im",
    to: "catalog",
    specialty,
    joined: exact + new Set(pairs.map((p) => p.left)).size,
    total,
  });
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.toLowerCase() === b.toLowerCase();
}

/** The unit's state from the most direct evidence available. */
function unitState(unit: Unit): string | null {
  const code = unit.codes[0]?.program;
  return (
    unit.re?.state ??
    unit.freida?.state ??
    (code?.stateSource === "suffix" ? code.state : null) ??
    unit.tyState ??
    code?.state ??
    null
  );
}

/** Expands a unit into one program per NRMP code (or one program when it has none), citing every field. */
function toPrograms(unit: Unit, inputs: CatalogInputs): Program[] {
  const codes: ({ program: NrmpProgram; track: Track } | null)[] = unit.codes.length > 0 ? unit.codes : [null];
  return codes.map((code) => toProgram(unit, code, inputs));
}

function toProgram(unit: Unit, code: { program: NrmpProgram; track: Track } | null, inputs: CatalogInputs): Program {
  const p = new ProvenanceBuilder();
  const nrmp: Citation = { source: inputs.nrmp.source, vintage: inputs.nrmp.vintage };
  const re: Citation = { source: inputs.residencyExplorer.source, vintage: inputs.residencyExplorer.vintage };
  const freida: Citation = { source: inputs.freidaIm.source, vintage: unit.freida?.updated ?? inputs.freidaIm.vintage };
  const ty: Citation = { source: inputs.freidaTy.source, vintage: inputs.freidaTy.vintage };
  const geo: Citation = { source: inputs.geocodes.source, vintage: inputs.geocodes.vintage };
  const program = code?.program ?? null;
  const florida = program ? inputs.florida.results.get(program.code) : undefined;
  const floridaCitation: Citation = {
    source: inputs.florida.source,
    vintage: florida && florida.years.length > 0 ? yearSpan(florida.years.map((y) => y.year)) : inputs.florida.vintage,
  };
  const joined = (what: string) => `joined by ${what}`;
  const reMethod = program ? joined("name + state to the NRMP code") : undefined;
  const freidaMethod = joined("name + state");

  const name =
    p.cite("name", unit.re?.name, { ...re, ...(reMethod ? { method: reMethod } : {}) }) ??
    p.cite("name", unit.freida?.name, { ...freida, method: freidaMethod }) ??
    p.cite("name", unit.ty?.name, { ...ty, method: freidaMethod }) ??
    (p.cite("name", program ? `${program.institutionName} – ${program.title}` : null, {
      ...nrmp,
      method: "institution and program title",
    }) as string);

  const state =
    p.cite("state", unit.re?.state, re) ??
    p.cite("state", unit.freida?.state, freida) ??
    p.cite("state", program?.stateSource === "suffix" ? program.state : null, nrmp) ??
    p.cite("state", florida ? "FL" : null, { ...floridaCitation, method: "listed in the Florida results" }) ??
    p.cite("state", unit.tyState, { ...ty, method: "ACGME ID digits 4–5" }) ??
    p.cite("state", program?.state, { ...nrmp, method: "inferred from neighbouring institutions in the NRMP list" });

  const city =
    p.cite("city", unit.re?.city, re) ??
    p.cite("city", unit.freida?.city, freida) ??
    p.cite("city", florida?.city, floridaCitation) ??
    p.cite("city", unit.geocode?.city, { ...geo, method: joined("exact name + state") });
  const geocodeFits = unit.geocode !== null && (city === null || sameText(city, unit.geocode.city));

  const division = state === null ? null : (inputs.divisions.divisionOf(state) ?? null);
  const rates = unit.re?.rates ?? null;
  const visa = unit.freida?.visa ?? null;

  return {
    id: program ? nrmpProgramId(program.code) : nameProgramId(unit.specialty, state, name),
    name,
    institution: p.cite("institution", program?.institutionName, nrmp),
    city,
    state,
    division: p.cite("division", division, {
      source: inputs.divisions.source.id,
      vintage: inputs.divisions.source.vintage,
      method: "from state",
    }),
    specialty: p.cite("specialty", unit.specialty, program ? nrmp : re) as string,
    track: p.cite("track", code?.track, nrmp),
    nrmpCode: p.cite("nrmpCode", program?.code, nrmp),
    nrmpTitle: p.cite("nrmpTitle", program?.title, nrmp),
    acgmeId:
      p.cite("acgmeId", unit.freida?.acgmeId, freida) ??
      p.cite("acgmeId", unit.ty?.acgmeId, { ...ty, method: freidaMethod }),
    coordinates: p.cite("coordinates", geocodeFits && unit.geocode ? { lat: unit.geocode.lat, lon: unit.geocode.lon } : null, {
      ...geo,
      method: joined("exact name + state"),
    }),
    interviewRates: p.cite("interviewRates", rates, { ...re, ...(reMethod ? { method: reMethod } : {}) }),
    visa: p.cite("visa", visa, freida),
    imgShare: p.cite("imgShare", unit.freida?.imgShare, freida),
    programType: p.cite("programType", unit.freida?.programType, freida),
    pgy1Positions: p.cite("pgy1Positions", unit.freida?.pgy1Positions, freida),
    interviewsLastYear: p.cite("interviewsLastYear", unit.freida?.interviewsLastYear, freida),
    website: p.cite("website", unit.freida?.website, freida),
    unfilledHistory: p.cite("unfilledHistory", florida?.years, floridaCitation),
    provenance: p.build(),
  };
}

function yearSpan(years: number[]): string {
  const first = Math.min(...years);
  const last = Math.max(...years);
  return first === last ? `${first}` : `${first}–${last}`;
}

/** Residency Explorer's own Region column, checked against the census table (it is sometimes truncated). */
function regionDisagreements(inputs: CatalogInputs): string[] {
  const disagreements = inputs.residencyExplorer.programs.filter((r) => {
    if (r.state === null || r.region === null) return false;
    const division = inputs.divisions.divisionOf(r.state);
    return division !== undefined && !(division ?? "").startsWith(r.region);
  });
  const unknownStates = unique(
    inputs.residencyExplorer.programs.flatMap((r) => (r.state !== null && inputs.divisions.divisionOf(r.state) === undefined ? [r.state] : [])),
  );
  return [
    `${disagreements.length} Residency Explorer rows give a Region that differs from the census division of their state` +
      disagreements
        .slice(0, 3)
        .map((r) => `; ${r.name} (${r.state}): ${r.region}`)
        .join(""),
    ...(unknownStates.length > 0 ? [`States missing from the census table: ${unknownStates.join(", ")}`] : []),
  ];
}

/** Programs without an NRMP code that share a name and state get their city in the id. */
function assignUniqueIds(programs: Program[]): void {
  const seen = new Map<string, Program[]>();
  for (const p of programs) seen.set(p.id, [...(seen.get(p.id) ?? []), p]);
  for (const [id, same] of seen) {
    if (same.length < 2) continue;
    if (same.some((p) => p.nrmpCode !== null)) throw new Error(`Two programs share the id ${id}`);
    for (const p of same) p.id = nameProgramId(p.specialty, p.state, p.name, p.city);
  }
  const ids = new Set(programs.map((p) => p.id));
  if (ids.size !== programs.length) throw new Error("Program ids are not unique after adding cities");
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
