import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { defaultDataDir } from "../io/load-rulebook.ts";
import { CALIBRATION_FILES, CALIBRATION_SCHEMAS, type CalibrationInputs } from "./settings.ts";

/**
 * Reads the harness's inputs from `data/` (never from outside the repository). Broken data is a
 * bug in the repository, so every problem is thrown with its file and field.
 */
export function loadCalibrationInputs(dataDir: string = defaultDataDir()): CalibrationInputs {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, file] of Object.entries(CALIBRATION_FILES)) {
    const schema = CALIBRATION_SCHEMAS[key as keyof typeof CALIBRATION_SCHEMAS];
    const parsed = schema.safeParse(parse(readFileSync(join(dataDir, file), "utf8")));
    if (parsed.success) out[key] = parsed.data;
    else for (const i of parsed.error.issues) problems.push(`${file}: ${i.path.join(".")}: ${i.message}`);
  }
  if (problems.length > 0)
    throw new Error(`calibration data in data/ are invalid:\n  ${problems.join("\n  ")}`);
  return out as unknown as CalibrationInputs;
}
