/**
 * `npm run calibrate [-- --cohort N] [--specialty ID,...] [--type TYPE,...] [--save FILE] [--from FILE]`
 *
 * Checks the model's P(match) against the published record on the lists the planner builds
 * (src/validate/): every specialty with a P(match) × every applicant type with a published rate.
 * A full run (no filters, the settings' cohort) writes docs/calibration.md, the measured misses
 * into data/model/calibration.yaml, and the same misses as `calibration.knownMisses` of
 * data/model/program-model.yaml: the notes the product shows beside P(match). A filtered or
 * smaller run only prints its tables. `--save FILE` keeps the run's results as JSON and
 * `--from FILE` renders from them again without re-running (a full run takes minutes). Progress
 * goes to stderr.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProgramModel } from "../src/core/programs/program-model.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { defaultDataDir, repositoryRulebook } from "../src/io/load-rulebook.ts";
import { judgeAll, renderCalibration } from "../src/validate/calibration-report.ts";
import { profileMissRows, runIssueProfiles } from "../src/validate/issue-profiles.ts";
import { knownMissesOf, missesOf } from "../src/validate/judge-rows.ts";
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

/** The model text with its last key, `calibration.knownMisses`, replaced by the measured misses. */
function withKnownMisses(text: string, known: ProgramModel["calibration"]["knownMisses"]): string {
  const at = text.search(/^ {2}knownMisses:/m);
  if (at < 0 || /^\S/m.test(text.slice(at).split("\n").slice(1).join("\n")))
    throw new Error("`calibration.knownMisses` must be the last key of data/model/program-model.yaml");
  const flow = (m: Record<string, unknown>) =>
    `{ ${Object.entries(m)
      .map(([k, v]) => `${k}: ${typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : v}`)
      .join(", ")} }`;
  const lines = ["  knownMisses:"];
  for (const [specialty, types] of Object.entries(known)) {
    lines.push(`    ${specialty}:`);
    for (const [type, entry] of Object.entries(types ?? {})) {
      if (!entry) continue;
      lines.push(`      ${type}:`);
      if (entry.overall) lines.push(`        overall: ${flow(entry.overall)}`);
      if (entry.interviews) lines.push(`        interviews: ${flow(entry.interviews)}`);
      if (entry.bands) {
        lines.push("        bands:");
        for (const b of entry.bands) lines.push(`          - ${flow(b)}`);
      }
    }
  }
  if (lines.length === 1) lines[0] = "  knownMisses: {}";
  return `${text.slice(0, at)}${lines.join("\n")}\n`;
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
// The notes this run records are the ones the product will show: the profiles are planned with them.
// A profile that misses its band where the band's cohort row does not is recorded as that band's
// miss too (`profileMissRows`), so the profiles are planned twice: once to find those, once with
// every note.
const decimals = { rate: 3, ranks: 2 };
const rows = judgeAll(settings, results);
const noted = (known: ProgramModel["calibration"]["knownMisses"]) => ({
  ...data,
  model: { ...data.model, calibration: { ...data.model.calibration, knownMisses: known } },
});
const profileMisses = profileMissRows(
  runIssueProfiles(rb, noted(knownMissesOf(rows, decimals)), inputs, cells),
  rows,
);
const recorded = [...rows, ...profileMisses];
const known = knownMissesOf(recorded, decimals);
const profiles = runIssueProfiles(rb, noted(known), inputs, cells);
const doc = renderCalibration({ settings, results, profiles, knownMisses: known, cohort, profileMisses });

if (!full) {
  process.stdout.write(doc);
  process.stderr.write("A filtered or resized run: nothing written.\n");
} else {
  const root = fileURLToPath(new URL("..", import.meta.url));
  writeFileSync(join(root, "docs/calibration.md"), doc);
  const misses = missesOf(recorded, decimals);
  const settingsPath = join(defaultDataDir(), CALIBRATION_FILES.settings);
  writeFileSync(settingsPath, withMisses(readFileSync(settingsPath, "utf8"), misses));
  process.stderr.write(
    `wrote docs/calibration.md and ${misses.length} misses to data/${CALIBRATION_FILES.settings}\n`,
  );
  const modelPath = join(defaultDataDir(), "model/program-model.yaml");
  writeFileSync(modelPath, withKnownMisses(readFileSync(modelPath, "utf8"), known));
  process.stderr.write(
    "wrote calibration.knownMisses to data/model/program-model.yaml (the notes the product shows)\n",
  );
}
process.stderr.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
