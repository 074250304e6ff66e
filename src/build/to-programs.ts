import type { Program, Track } from "../core/catalog/program.ts";
import type { CatalogInputs } from "./assemble-catalog.ts";
import type { Unit } from "./catalog-unit.ts";
import { sameText } from "./join-acgme-named.ts";
import { nameProgramId, nrmpProgramId } from "./program-id.ts";
import { type Citation, ProvenanceBuilder } from "./provenance-builder.ts";
import type { NrmpProgram } from "./read-nrmp-programs.ts";

const JOINED = "joined by name + state";

/**
 * A unit as catalog records: one per NRMP code, or one when it has none. Each field takes the most
 * direct source that knows it and is cited as it is set. Values that describe the ACGME program
 * (Residency Explorer rates, FREIDA attributes) are shared by all of its NRMP tracks.
 */
export function toPrograms(unit: Unit, inputs: CatalogInputs): Program[] {
  const codes = unit.codes.length > 0 ? unit.codes : [null];
  return codes.map((code) => toProgram(unit, code, inputs));
}

function toProgram(
  unit: Unit,
  code: { program: NrmpProgram; track: Track } | null,
  inputs: CatalogInputs,
): Program {
  const p = new ProvenanceBuilder();
  const program = code?.program ?? null;
  const florida = program ? inputs.florida.results.get(program.code) : undefined;
  const nrmp: Citation = { source: inputs.nrmp.source, vintage: inputs.nrmp.vintage };
  // A Residency Explorer row stands on its own unless it was joined to this NRMP code.
  const re: Citation = {
    source: inputs.residencyExplorer.source,
    vintage: inputs.residencyExplorer.vintage,
    ...(program ? { method: `${JOINED} to the NRMP code` } : {}),
  };
  const freida: Citation = {
    source: inputs.freidaIm.source,
    vintage: unit.freida?.updated ?? inputs.freidaIm.vintage,
    method: JOINED,
  };
  const reVisa: Citation = {
    source: inputs.residencyExplorerVisa.source,
    vintage: inputs.residencyExplorerVisa.vintage,
    method: JOINED,
  };
  const ty: Citation = { source: inputs.freidaTy.source, vintage: inputs.freidaTy.vintage, method: JOINED };
  const geo: Citation = {
    source: inputs.geocodes.source,
    vintage: inputs.geocodes.vintage,
    method: "joined by exact name + state",
  };
  const fl: Citation = {
    source: inputs.florida.source,
    vintage:
      florida && florida.years.length > 0
        ? yearSpan(florida.years.map((y) => y.year))
        : inputs.florida.vintage,
    method: "joined by NRMP code",
  };

  const name =
    p.cite("name", unit.re?.name, re) ??
    p.cite("name", unit.freida?.name, freida) ??
    p.cite("name", unit.ty?.name, ty) ??
    p.cite("name", program ? `${program.institutionName} – ${program.title}` : null, {
      ...nrmp,
      method: "institution name and program title",
    });
  if (name === null) throw new Error("A catalog unit has no name");

  const state =
    p.cite("state", unit.re?.state, re) ??
    p.cite("state", unit.freida?.state, freida) ??
    p.cite("state", program?.stateSource === "suffix" ? program.state : null, nrmp) ??
    p.cite("state", florida ? "FL" : null, { ...fl, method: "listed in the Florida results" }) ??
    p.cite("state", unit.tyState, { ...ty, method: "ACGME ID digits 4–5" }) ??
    p.cite("state", program?.state, {
      ...nrmp,
      method: "inferred from neighbouring institutions in the NRMP list",
    }) ??
    p.cite("state", unit.nameState, { ...nrmp, method: "state named in the NRMP institution name" });

  const city =
    p.cite("city", unit.re?.city, re) ??
    p.cite("city", unit.freida?.city, freida) ??
    p.cite("city", florida?.city, fl) ??
    p.cite("city", unit.geocode?.city, geo);
  const geocode = unit.geocode && (city === null || sameText(city, unit.geocode.city)) ? unit.geocode : null;
  const division = state === null ? null : (inputs.divisions.divisionOf(state) ?? null);

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
      p.cite("acgmeId", unit.visaListing?.acgmeId, reVisa) ??
      p.cite("acgmeId", unit.ty?.acgmeId, ty),
    // City centroids: four decimals (about 11 m) say all they can.
    coordinates: p.cite(
      "coordinates",
      geocode ? { lat: round4(geocode.lat), lon: round4(geocode.lon) } : null,
      geo,
    ),
    interviewRates: p.cite("interviewRates", unit.re?.rates, re),
    visa: p.cite("visa", unit.freida?.visa, freida) ?? p.cite("visa", unit.visaListing?.visa, reVisa),
    imgShare: p.cite("imgShare", unit.freida?.imgShare, freida),
    programType: p.cite("programType", unit.freida?.programType, freida),
    pgy1Positions: p.cite("pgy1Positions", unit.freida?.pgy1Positions, freida),
    interviewsLastYear: p.cite("interviewsLastYear", unit.freida?.interviewsLastYear, freida),
    website: p.cite("website", unit.freida?.website, freida),
    unfilledHistory: p.cite("unfilledHistory", florida?.years, fl),
    provenance: p.build(),
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function yearSpan(years: number[]): string {
  const first = Math.min(...years);
  const last = Math.max(...years);
  return first === last ? `${first}` : `${first}–${last}`;
}
