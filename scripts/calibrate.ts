/**
 * `npm run calibrate [-- --cohort N] [--specialty ID,...] [--type TYPE,...] [--save FILE] [--from FILE]`
 *
 * Checks the model's P(match) against the published record on the lists the planner builds
 * (src/validate/): every specialty with a P(match) × every applicant type with a published rate.
 * A full run (no filters, the settings' cohort) writes docs/calibration.md and the measured misses
 * into data/model/calibration.yaml, and says which `calibration.knownMisses` of
 * data/model/program-model.yaml (the notes the product shows) no longer match. A filtered or
 * smaller run only prints its tables. `--save FILE` keeps the run's results as JSON and
 * `--from FILE` renders from them again without re-running (a full run takes minutes). Progress
 * goes to stderr.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { defaultDataDir, repositoryRulebook } from "../src/io/load-rulebook.ts";
import { measuredMisses, renderCalibration } from "../src/validate/calibration-report.ts";
import { runIssueProfiles } from "../src/validate/issue-profiles.ts";
import { loadCalibrationInputs } from "../src/validate/load-calibration-inputs.ts";
import { publishedCells } from "../src/validate/published-record.ts";
import { type CellResult, runCalibration, specialtiesWithPMatch } from "../src/validate/run-calibration.ts";
import { CALIBRATION_FILES, type RecordedMiss } from "../src/validate/settings.ts";

/** The settings text with its last key, `misses`, replaced by the measured ones (comments kept). */
function withMisses(text: string, misses: readonly RecordedMiss[]): string {
  const at = text.search(/^misses:/m);
  if (at < 0 || /^\S/m.test(text.slice(at).split("\n").slice(1).join("\n")))
    throw new Error(`\`misses\` must be the last key of data/${CALIBRATION_FILES.settings}`);
  const flow = (m: RecordedMiss) =>
    `{ specialty: ${m.specialty}, applicantType: ${m.applicantType}, measure: ${m.measure}${m.band ? `, band: "${m.band}"` : ""}, direction: ${m.direction}, difference: ${m.difference} }`;
  const block =
    misses.length === 0 ? "misses: []" : `misses:\n${misses.map((m) => `  - ${flow(m)}`).join("\n")}`;
  return `${text.slice(0, at)}${block}\n`;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const rb = repositoryRulebook();
const data = repositoryProgramData();
const inputs = loadCalibrationInputs();
const settings = inputs.settings;
const from = option(args, "--from");
const saved = from
  ? (JSON.parse(readFileSync(from, "utf8")) as { results: CellResult[]; cohort: number })
  : null;
const cohort = saved?.cohort ?? Number(option(args, "--cohort") ?? settings.cohort.full);
const only = (name: string) => option(args, name)?.split(",");
const specialties = only("--specialty");
const types = only("--type");
const full = !specialties && !types && cohort === settings.cohort.full;

const started = Date.now();
const results =
  saved?.results ??
  runCalibration(
    rb,
    data,
    inputs,
    cohort,
    (c) => (!specialties || specialties.includes(c.specialty)) && (!types || types.includes(c.applicantType)),
    (done, total, c) =>
      process.stderr.write(
        `[${done}/${total}] ${c.specialty} ${c.applicantType} (${Math.round((Date.now() - started) / 1000)} s)\n`,
      ),
  );
const save = option(args, "--save");
if (save) writeFileSync(save, JSON.stringify({ results, cohort }));
const cells = publishedCells(rb, inputs, specialtiesWithPMatch(rb, data));
const profiles = runIssueProfiles(rb, data, inputs, cells);
const doc = renderCalibration({
  settings,
  results,
  profiles,
  knownMisses: data.model.calibration.knownMisses,
  cohort,
});

if (!full) {
  process.stdout.write(doc);
  process.stderr.write("A filtered or resized run: nothing written.\n");
} else {
  const root = fileURLToPath(new URL("..", import.meta.url));
  writeFileSync(join(root, "docs/calibration.md"), doc);
  const misses = measuredMisses(settings, results);
  const settingsPath = join(defaultDataDir(), CALIBRATION_FILES.settings);
  writeFileSync(settingsPath, withMisses(readFileSync(settingsPath, "utf8"), misses));
  process.stderr.write(
    `wrote docs/calibration.md and ${misses.length} misses to data/${CALIBRATION_FILES.settings}\n`,
  );
  const known = data.model.calibration.knownMisses;
  const nonUsImg = misses.filter((m) => m.applicantType === "non-us-img" && m.measure === "overall");
  for (const m of nonUsImg) {
    const k = known[m.specialty];
    if (!k || k.direction !== m.direction || Math.abs(k.difference - m.difference) > 0.01)
      process.stderr.write(
        `program-model.yaml calibration.knownMisses.${m.specialty}: set direction ${m.direction}, difference ${m.difference} (with a reason)\n`,
      );
  }
  for (const id of Object.keys(known))
    if (!nonUsImg.some((m) => m.specialty === id))
      process.stderr.write(`program-model.yaml calibration.knownMisses.${id}: no longer a miss; remove it\n`);
}
process.stderr.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
