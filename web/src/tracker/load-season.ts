import type { Result } from "../../../src/core/index.ts";

/**
 * The season's engine and data, fetched the first time the tracker is shown: the core's season
 * entry (src/core/season.ts, its own chunk, so the page's first download does not grow) and
 * data/season.json (written by scripts/build-web-data.ts from data/model/season.yaml and the
 * unfilled-positions record). Both are compiled with the core, as the CLI and the server do.
 */
export type SeasonModule = typeof import("../../../src/core/season.ts");

export interface SeasonEngine {
  core: SeasonModule;
  model: import("../../../src/core/season.ts").SeasonModel;
  unfilled: import("../../../src/core/season.ts").UnfilledRecord | null;
}

export const SEASON_URL = "data/season.json";

export async function loadSeason(rb: import("../../../src/core/index.ts").Rulebook): Promise<SeasonEngine> {
  const [core, res] = await Promise.all([import("../../../src/core/season.ts"), fetch(SEASON_URL)]);
  if (!res.ok) throw new Error(`could not load ${SEASON_URL}: HTTP ${res.status}`);
  const raw = (await res.json()) as { model: unknown; unfilled: unknown };
  const model = core.compileSeasonModel(raw.model, rb);
  if (!model.ok) throw new Error(`The season model is invalid: ${describe(model)}`);
  const unfilled = raw.unfilled === null ? null : core.compileUnfilledRecord(raw.unfilled, rb);
  if (unfilled && !unfilled.ok)
    throw new Error(`The unfilled-positions record is invalid: ${describe(unfilled)}`);
  return { core, model: model.value, unfilled: unfilled ? unfilled.value : null };
}

const describe = (r: Result<unknown>) =>
  r.ok
    ? ""
    : r.issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ");
