import type { Track } from "../core/catalog/program.ts";
import type { NameDocument } from "./name-similarity.ts";
import { nameTokens } from "./normalise-name.ts";
import type { FreidaListing, FreidaProgram } from "./read-freida.ts";
import type { Geocode } from "./read-geocodes.ts";
import { type NrmpProgram, titleQualifier } from "./read-nrmp-programs.ts";
import type { ResidencyExplorerProgram } from "./read-residency-explorer.ts";

/**
 * One program while the catalog is assembled: the NRMP track codes and the source rows found to
 * describe it. It becomes one catalog record per NRMP code, or one record when it has no code.
 */
export interface Unit {
  specialty: string;
  codes: { program: NrmpProgram; track: Track }[];
  re: ResidencyExplorerProgram | null;
  freida: FreidaProgram | null;
  ty: FreidaListing | null;
  /** State read from the TY listing's ACGME ID. */
  tyState: string | null;
  /** State of the NRMP institution learned from its other programs' joins, when the NRMP list has none. */
  institutionState: string | null;
  geocode: Geocode | null;
}

export function newUnit(specialty: string, codes: Unit["codes"] = []): Unit {
  return {
    specialty,
    codes,
    re: null,
    freida: null,
    ty: null,
    tyState: null,
    institutionState: null,
    geocode: null,
  };
}

/** The NRMP code of a single-code unit; units are built with one code and only merged by joins. */
export function firstCode(unit: Unit): NrmpProgram | null {
  return unit.codes[0]?.program ?? null;
}

/** The unit's state from the most direct evidence available. */
export function unitState(unit: Unit): string | null {
  const code = firstCode(unit);
  return (
    unit.re?.state ??
    unit.freida?.state ??
    (code?.stateSource === "suffix" ? code.state : null) ??
    unit.tyState ??
    code?.state ??
    unit.institutionState ??
    null
  );
}

/** The state a unit can be joined in: read, inferred by the NRMP list, or learned for its institution. */
export function joinState(unit: Unit): string | null {
  return firstCode(unit)?.state ?? unit.institutionState;
}

/** Codes of one institution with the same site qualifier ("Internal Medicine" and "Medicine-Primary") are one program. */
export function sitedGroup(p: NrmpProgram): string {
  return `${p.institutionCode}|${nameTokens(titleQualifier(p.title)).join(" ")}`;
}

/** Name documents, made once per source row. */
export interface Documents {
  nrmp(p: NrmpProgram): NameDocument;
  re(r: ResidencyExplorerProgram): NameDocument;
  freida(f: FreidaProgram): NameDocument;
  listing(t: FreidaListing): NameDocument;
}
