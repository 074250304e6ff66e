import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Result } from "../core/issues.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { compileSeasonModel, type SeasonModel } from "../core/season/season-model.ts";
import { defaultDataDir, repositoryRulebook } from "./load-rulebook.ts";

/** Loads `data/model/season.yaml`; every problem names the file and the field. */
export function loadSeasonModel(rb: Rulebook, dataDir: string = defaultDataDir()): Result<SeasonModel> {
  return compileSeasonModel(parse(readFileSync(join(dataDir, "model/season.yaml"), "utf8")), rb);
}

let cached: SeasonModel | undefined;

/** The repository's season model, loaded once per process; broken data is a bug, so it throws. */
export function repositorySeasonModel(): SeasonModel {
  if (cached) return cached;
  const r = loadSeasonModel(repositoryRulebook());
  if (!r.ok)
    throw new Error(
      `data/model/season.yaml is invalid:\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`,
    );
  cached = r.value;
  return cached;
}
