import type { Track } from "../core/catalog/program.ts";
import type { JoinItem } from "./join-by-name.ts";
import { type NameDocument, nameDocument, type TokenWeight } from "./name-similarity.ts";
import { nameTokens, stateNamedIn } from "./normalise-name.ts";
import type { FreidaListing, FreidaProgram } from "./read-freida.ts";
import type { Geocode } from "./read-geocodes.ts";
import { institutionWithoutState, type NrmpProgram, titleQualifier } from "./read-nrmp-programs.ts";
import type { ResidencyExplorerProgram } from "./read-residency-explorer.ts";
import type { VisaListing } from "./read-residency-explorer-visa.ts";
import type { SiteWords } from "./site-words.ts";

/**
 * One program while the catalog is assembled: its NRMP track codes and the source rows found to
 * describe it. It becomes one catalog record per NRMP code, or one record when it has none.
 */
export interface Unit {
  specialty: string;
  codes: { program: NrmpProgram; track: Track }[];
  /** The site words of the codes' NRMP titles ("Internal Medicine/Oakland" → ["oakland"]). */
  sites: string[];
  re: ResidencyExplorerProgram | null;
  freida: FreidaProgram | null;
  /** The program's Residency Explorer page with its visa answers, where one exists (neurology). */
  visaListing: VisaListing | null;
  ty: FreidaListing | null;
  /** State read from the TY listing's ACGME ID. */
  tyState: string | null;
  /** The state the NRMP institution name spells out, for codes the NRMP list gives no state. */
  nameState: string | null;
  geocode: Geocode | null;
}

export function newUnit(specialty: string): Unit {
  return {
    specialty,
    codes: [],
    sites: [],
    re: null,
    freida: null,
    visaListing: null,
    ty: null,
    tyState: null,
    nameState: null,
    geocode: null,
  };
}

/** The unit's first NRMP code; all its codes share the institution. */
export function firstCode(unit: Unit): NrmpProgram | null {
  return unit.codes[0]?.program ?? null;
}

/**
 * NRMP codes as units: the codes of one institution, specialty and site are one program's tracks
 * (Radiology-Diagnostic A0 and R0; "Internal Medicine" and "Medicine-Primary"; "…/Research"), while
 * codes naming different sites ("…/Dearborn", "…/Royal Oak") are different programs. Preliminary
 * codes stay apart from the categorical program of the same specialty.
 */
export function groupNrmpCodes(
  codes: readonly { program: NrmpProgram; specialty: string; track: Track }[],
  docs: Documents,
  siteWords: SiteWords,
): Unit[] {
  const units = new Map<string, Unit>();
  for (const { program, specialty, track } of codes) {
    const nameState = program.state === null ? stateNamedIn(program.institutionName) : null;
    // A qualifier word already in the institution name ("NYU Grossman …/NYU Bkln") tells no site apart.
    const institution = new Set(docs.nrmp(program).tokens);
    const qualifier = docs.qualifier(program).filter((w) => !institution.has(w));
    const sites = siteWords.sites(qualifier, program.state ?? nameState);
    const key = [specialty, program.institutionCode, track === "preliminary", sites.join(" ")].join("|");
    const unit = units.get(key) ?? { ...newUnit(specialty), sites, nameState };
    unit.codes.push({ program, track });
    units.set(key, unit);
  }
  return [...units.values()];
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
    unit.nameState ??
    null
  );
}

/** Name documents, made once per source row. */
export interface Documents {
  /** The institution name; its hints are added per unit (the site words). */
  nrmp(p: NrmpProgram): NameDocument;
  /** The words of the part of an NRMP title after the specialty. */
  qualifier(p: NrmpProgram): string[];
  re(r: ResidencyExplorerProgram): NameDocument;
  freida(f: FreidaProgram): NameDocument;
  visa(v: VisaListing): NameDocument;
  listing(t: FreidaListing): NameDocument;
}

export function documents(): Documents {
  const cache = new Map<object, NameDocument>();
  const once =
    <T extends object>(make: (x: T) => NameDocument) =>
    (x: T) => {
      const hit = cache.get(x);
      if (hit) return hit;
      const doc = make(x);
      cache.set(x, doc);
      return doc;
    };
  return {
    nrmp: once((p: NrmpProgram) => nameDocument(nameTokens(institutionWithoutState(p)))),
    qualifier: (p) => nameTokens(titleQualifier(p.title)),
    re: once((r: ResidencyExplorerProgram) => nameDocument(nameTokens(r.name), nameTokens(r.city ?? ""))),
    freida: once((f: FreidaProgram) => nameDocument(nameTokens(f.name), nameTokens(f.city ?? ""))),
    visa: once((v: VisaListing) => nameDocument(nameTokens(v.name), nameTokens(v.city ?? ""))),
    listing: once((t: FreidaListing) => nameDocument(nameTokens(t.name))),
  };
}

export interface JoinContext {
  docs: Documents;
  weight: TokenWeight;
}

/** A unit as a join target: by its Residency Explorer name when it has one, else by its NRMP institution and sites. */
export function unitJoinItem(unit: Unit, docs: Documents): JoinItem {
  if (unit.re) return { doc: docs.re(unit.re), state: unit.re.state };
  const code = firstCode(unit);
  if (!code) throw new Error("A unit has neither a Residency Explorer row nor an NRMP code");
  const name = docs.nrmp(code);
  return {
    doc: nameDocument(name.tokens, unit.sites),
    state: code.state ?? unit.nameState,
    sites: unit.sites,
  };
}
