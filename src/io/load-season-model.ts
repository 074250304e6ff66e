import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ok, type Result } from "../core/issues.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { compileSeasonModel, type SeasonModel } from "../core/season/season-model.ts";
import { compileUnfilledRecord, type UnfilledRecord } from "../core/season/unfilled-record.ts";
import { defaultDataDir, repositoryRulebook } from "./load-rulebook.ts";

/** Where the season's data live under `data/`. */
export const SEASON_FILES = {
  model: "model/season.yaml",
  unfilled: "facts/outcomes/nrmp-2025-pgy1-unfilled.yaml",
} as const;

/** Loads `data/model/season.yaml`; every problem names the file and the field. */
export function loadSeasonModel(rb: Rulebook, dataDir: string = defaultDataDir()): Result<SeasonModel> {
  return compileSeasonModel(parse(readFileSync(join(dataDir, SEASON_FILES.model), "utf8")), rb);
}

/** What the season reads besides the rulebook and the program data. */
export interface SeasonData {
  model: SeasonModel;
  /** The published record of unfilled positions for SOAP; null when the data folder has none. */
  unfilled: UnfilledRecord | null;
}

/** The season model and the unfilled-positions record (absent from a user's own data folder: null). */
export function loadSeasonData(rb: Rulebook, dataDir: string = defaultDataDir()): Result<SeasonData> {
  const model = loadSeasonModel(rb, dataDir);
  if (!model.ok) return model;
  let text: string;
  try {
    text = readFileSync(join(dataDir, SEASON_FILES.unfilled), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return ok({ model: model.value, unfilled: null });
    throw e;
  }
  const unfilled = compileUnfilledRecord(parse(text), rb, SEASON_FILES.unfilled);
  return unfilled.ok ? ok({ model: model.value, unfilled: unfilled.value }) : unfilled;
}

let cached: SeasonData | undefined;

/** The repository's season data, loaded once per process; broken data is a bug, so it throws. */
export function repositorySeasonData(): SeasonData {
  if (cached) return cached;
  const r = loadSeasonData(repositoryRulebook());
  if (!r.ok)
    throw new Error(
      `the season's data are invalid:\n${r.issues.map((i) => `  ${i.file ?? ""} ${i.path}: ${i.message}`).join("\n")}`,
    );
  cached = r.value;
  return cached;
}

/** The repository's season model (see `repositorySeasonData`). */
export function repositorySeasonModel(): SeasonModel {
  return repositorySeasonData().model;
}
