import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { catalogSchema } from "../core/catalog/program.ts";
import { fail, ok, type Result } from "../core/issues.ts";
import { groupBySpecialty, type ProgramData } from "../core/programs/program-data.ts";
import { compileProgramModel } from "../core/programs/program-model.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { defaultDataDir, repositoryRulebook } from "./load-rulebook.ts";

/** Loads the built catalog and the program model; every problem names its file. */
export function loadProgramData(rb: Rulebook, dataDir: string = defaultDataDir()): Result<ProgramData> {
  const read = (path: string) => readFileSync(join(dataDir, path), "utf8");
  const catalog = catalogSchema.safeParse(JSON.parse(read("catalog/programs.json")));
  if (!catalog.success) {
    return fail(
      catalog.error.issues.slice(0, 20).map((i) => ({
        code: "invalid_value",
        file: "catalog/programs.json",
        path: i.path.join("."),
        message: i.message,
      })),
    );
  }
  const model = compileProgramModel(parse(read("model/program-model.yaml")), rb);
  if (!model.ok) return model;
  return ok({
    catalog: catalog.data,
    model: model.value,
    bySpecialty: groupBySpecialty(catalog.data),
  });
}

let cached: ProgramData | undefined;

/** The repository's program data, loaded once per process; broken data is a bug, so it throws. */
export function repositoryProgramData(): ProgramData {
  if (cached) return cached;
  const r = loadProgramData(repositoryRulebook());
  if (!r.ok)
    throw new Error(
      `Program data in data/ is invalid:\n${r.issues.map((i) => `  ${i.file}: ${i.path}: ${i.message}`).join("\n")}`,
    );
  cached = r.value;
  return cached;
}
