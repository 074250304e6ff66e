import type { CyclePack, CycleRules } from "../cycle/schemas.ts";
import type { Rulebook } from "./rulebook.ts";
import type { Specialty } from "./schemas.ts";

/**
 * A compiled rulebook written as JSON: its maps as lists of entries (keys and order kept),
 * everything else as compiled. scripts/build-web-data.ts writes it after `compileRulebook` has
 * accepted the data and checks that reading it back gives the same rulebook; the web page reads
 * it with `rulebookFromJson` instead of parsing and cross-checking every data file again, which
 * was a third of its start-up on a slow phone. Anything else compiles the data files.
 */
export const RULEBOOK_JSON_FORMAT = "matchplan-rulebook/1";

export interface RulebookJson {
  format: typeof RULEBOOK_JSON_FORMAT;
  sources: Rulebook["sources"];
  specialties: Array<[string, Specialty]>;
  exam: Rulebook["exam"];
  chartingOutcomes: Rulebook["chartingOutcomes"];
  cycles: CycleRules & { packs: Array<[number, CyclePack]> };
  countries: Array<[string, string]>;
  outcomes: Rulebook["outcomes"];
  statistics: Rulebook["statistics"];
  rules: Rulebook["rules"];
  study: Rulebook["study"];
  limits: Rulebook["limits"];
}

export function rulebookToJson(rb: Rulebook): RulebookJson {
  const { packs, ...cycleRules } = rb.cycles;
  return {
    format: RULEBOOK_JSON_FORMAT,
    sources: rb.sources,
    specialties: [...rb.specialties],
    exam: rb.exam,
    chartingOutcomes: rb.chartingOutcomes,
    cycles: { ...cycleRules, packs: [...packs] },
    countries: [...rb.countries],
    outcomes: rb.outcomes,
    statistics: rb.statistics,
    rules: rb.rules,
    study: rb.study,
    limits: rb.limits,
  };
}

/** The rulebook `rulebookToJson` wrote; null when `json` is not one. Its content is trusted to the writer's checks. */
export function rulebookFromJson(json: unknown): Rulebook | null {
  if (typeof json !== "object" || json === null) return null;
  const j = json as Partial<RulebookJson>;
  if (j.format !== RULEBOOK_JSON_FORMAT || !j.cycles || !j.specialties || !j.countries) return null;
  const { packs, ...cycleRules } = j.cycles;
  return {
    sources: j.sources as RulebookJson["sources"],
    specialties: new Map(j.specialties),
    exam: j.exam as RulebookJson["exam"],
    chartingOutcomes: j.chartingOutcomes as RulebookJson["chartingOutcomes"],
    cycles: { ...cycleRules, packs: new Map(packs) },
    countries: new Map(j.countries),
    outcomes: j.outcomes as RulebookJson["outcomes"],
    statistics: j.statistics as RulebookJson["statistics"],
    rules: j.rules as RulebookJson["rules"],
    study: j.study as RulebookJson["study"],
    limits: j.limits as RulebookJson["limits"],
  };
}
