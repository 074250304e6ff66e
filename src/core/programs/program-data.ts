import type { Catalog, Program } from "../catalog/program.ts";
import { compareIds } from "./compare-ids.ts";
import type { ProgramModel } from "./program-model.ts";
import type { SponsorAnswers } from "./visa-sponsorship.ts";

/** The program catalog with the model the planner needs, loaded once (fees are cycle facts of the rulebook). */
export interface ProgramData {
  catalog: Catalog;
  model: ProgramModel;
  /** Programs grouped by specialty id, one per application unit, in id order. */
  bySpecialty: ReadonlyMap<string, readonly Program[]>;
  /**
   * The whole catalog's visa answers by sponsor, when `catalog` and `bySpecialty` hold only some
   * specialties (the web page): a program's sponsorship inferred from its sponsor's programs in
   * other specialties is then the same as with the whole catalog. Absent, the index is built from
   * `bySpecialty`.
   */
  sponsors?: SponsorAnswers;
}

/**
 * One entry per program a person applies to. The catalog lists NRMP codes, and a program can
 * hold several (categorical and advanced tracks of one DR program); ERAS takes one application
 * per program, so codes sharing a specialty, name and state collapse to the first listed,
 * preferring the record that carries interview rates.
 */
const unitKey = (p: Program) => `${p.specialty}|${p.name.toLowerCase()}|${p.state ?? ""}`;

export function applicationUnits(programs: readonly Program[]): Program[] {
  const byKey = new Map<string, Program>();
  for (const p of programs) {
    const key = unitKey(p);
    const prior = byKey.get(key);
    if (!prior || (prior.interviewRates === null && p.interviewRates !== null)) byKey.set(key, p);
  }
  return [...byKey.values()];
}

/**
 * Every NRMP code of a specialty's catalog (as the search lists them) mapped to the application
 * unit it belongs to (`applicationUnits`): an applicant may name a program by any of its codes.
 */
export function unitsByCode(
  catalog: Catalog,
  units: readonly Program[],
  specialty: string,
): Map<string, Program> {
  const byKey = new Map(units.map((u) => [unitKey(u), u] as const));
  const out = new Map<string, Program>();
  for (const p of catalog.programs) {
    if (p.specialty !== specialty) continue;
    const unit = byKey.get(unitKey(p));
    if (unit) out.set(p.id, unit);
  }
  return out;
}

export function groupBySpecialty(catalog: Catalog): Map<string, Program[]> {
  const out = new Map<string, Program[]>();
  for (const p of catalog.programs) {
    const list = out.get(p.specialty) ?? [];
    list.push(p);
    out.set(p.specialty, list);
  }
  for (const [k, v] of out)
    out.set(
      k,
      applicationUnits(v).sort((a, b) => compareIds(a.id, b.id)),
    );
  return out;
}
