import { PERCENT } from "../core/math/percent.ts";
import type { ProgramModel } from "../core/programs/program-model.ts";
import { APPLICANT_TYPE_LABEL, type ApplicantType } from "../core/vocabulary.ts";
import type { ProfileResult } from "./issue-profiles.ts";
import { type JudgedRow, judgeBands, judgeInterviews, judgeOverall, type Status } from "./judge-rows.ts";
import type { CellResult } from "./run-calibration.ts";
import type { CalibrationSettings } from "./settings.ts";

/**
 * docs/calibration.md: written from a run, and read back by the test. Each table the test reads
 * follows a `<!-- table:NAME -->` line; its first column names the specialty, its second the type.
 */
export const TYPE_LABEL: Record<ApplicantType, string> = APPLICANT_TYPE_LABEL;
const TYPE_ORDER: readonly ApplicantType[] = ["non-us-img", "us-md", "do", "us-img"];

const pct = (x: number) => (Number.isFinite(x) ? `${(x * PERCENT).toFixed(1)}%` : "—");
const points = (d: number) =>
  Number.isFinite(d) ? `${d * PERCENT >= 0 ? "+" : "−"}${Math.abs(d * PERCENT).toFixed(1)}` : "—";
const ranks = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");
const signedRanks = (d: number) =>
  Number.isFinite(d) ? `${d >= 0 ? "+" : "−"}${Math.abs(d).toFixed(2)}` : "—";
const count = (n: number) => (n > 0 && n < 0.5 ? "<1" : Math.round(n).toLocaleString("en-US"));
/** Free text inside a table cell: a bare `|` would end the cell. */
const text = (x: string) => x.replace(/(?<!\\)\|/g, "\\|");

export interface CalibrationRun {
  settings: CalibrationSettings;
  results: CellResult[];
  profiles: ProfileResult[];
  knownMisses: ProgramModel["calibration"]["knownMisses"];
  cohort: number;
  /** Profiles that miss their band where the band's cohort row does not (issue-profiles.ts `profileMissRows`). */
  profileMisses?: JudgedRow[];
}

export function judgeAll(settings: CalibrationSettings, results: readonly CellResult[]): JudgedRow[] {
  return results.flatMap((r) => {
    const i = judgeInterviews(settings, r);
    return [judgeOverall(settings, r), ...(i ? [i] : []), ...judgeBands(settings, r)];
  });
}

function tally(rows: readonly JudgedRow[]): string {
  const n = (s: Status) => rows.filter((r) => r.status === s).length;
  return `${n("PASS")} PASS, ${n("MISS")} MISS, ${n("THIN")} THIN`;
}

export function renderCalibration(run: CalibrationRun): string {
  const s = run.settings;
  const t = s.targets;
  const rows = judgeAll(s, run.results);
  const overall = rows.filter((r) => r.measure === "overall");
  const interviews = rows.filter((r) => r.measure === "interviews");
  const bands = rows.filter((r) => r.measure === "band");
  const specialties = [...new Set(run.results.map((r) => r.cell.specialty))];
  const out: string[] = [];
  const line = (...xs: string[]) => out.push(...xs);

  line(
    "# Calibration: the P(match) users get, against the published record",
    "",
    `Written by \`npm run calibrate\` (\`scripts/calibrate.ts\`, \`src/validate/\`) from \`data/model/calibration.yaml\`; do not edit by hand. \`test/calibration.test.ts\` re-runs the first ${s.cohort.test} applicants of every cohort at the same seed and fails when this document no longer agrees with the model, or when a MISS is not recorded (\`misses\` in \`data/model/calibration.yaml\`, and \`calibration.knownMisses\` of \`data/model/program-model.yaml\`: the note the product shows beside P(match), for the applicant's type and Step 2 CK band).`,
    "",
    `Cohorts: ${count(run.cohort)} synthetic applicants for each of the ${run.results.length} specialty × applicant-type pairs (${specialties.length} specialties with a P(match), seed ${s.seed}); plans made as of ${s.asOf}, for the ${s.matchYear} Match.`,
    "",
    "## Summary",
    "",
    "| figure | target | all rows | held out (fitted on nothing) |",
    "| --- | --- | --- | --- |",
    `| overall P(match \\| ≥ 1 interview) | ±${(t.overall.points * PERCENT).toFixed(0)} points where ≥ ${t.overall.minApplicants} applicants | ${tally(overall)} | ${tally(overall.filter((r) => r.heldOut))} |`,
    `| by Step 2 CK band | ±${(t.band.points * PERCENT).toFixed(0)} points where ≥ ${t.band.minApplicants} applicants | ${tally(bands)} | ${tally(bands.filter((r) => r.heldOut))} |`,
    `| mean interviews vs contiguous ranks | ±${t.interviews.ranks} rank where ≥ ${t.interviews.minApplicants} applicants | ${tally(interviews)} | ${tally(interviews.filter((r) => r.heldOut))} |`,
    "",
    `Targets: ${t.why}`,
    "",
    "## What is compared, and why P(match | ≥ 1 interview)",
    "",
    "Charting Outcomes counts the applicants who *ranked* a program of the specialty (first, for its",
    "preferred-specialty rate): every one of them had at least one interview there. Its match rate is",
    "therefore P(match | ≥ 1 interview). The product's P(match) also carries the chance of no interview",
    "at all, so each synthetic applicant's P(match) is divided by their P(≥ 1 interview) (a match needs",
    "an interview) before the cohort's mean is set against the published rate. The cohorts are drawn",
    "from the published distributions of those same rankers, so each synthetic applicant stands for",
    "someone known to have ranked the specialty. The `P(match) shown` column is the unconditional mean",
    "the product displays. NRMP 2025's rates (U.S. IMGs) count everyone who ranked the specialty,",
    "backups included, among PGY-1 positions: they sit below the rate of those who preferred it.",
    "For an advanced specialty (positions from PGY-2: DR, IR, …) the product's P(match) is the joint",
    "chance of the advanced position and a PGY-1 year; the published rate counts a match to the",
    "specialty whatever became of the PGY-1 year, so the figure compared is the advanced position's",
    "alone (the plan's `pgy1.advancedOnly`), while `P(match) shown` is the joint chance displayed.",
    "",
    "Each synthetic applicant gets **the planner's own list** (`planProgramList`, as the page, CLI and",
    "API call it): the budget buys the type's published applications count in the specialty on top of",
    "what the planner reserves first (the supplemental PGY-1 list of an advanced specialty; the parallel",
    "list of an alternative pathway, in its own shares), and the planner stops earlier where one more",
    "program adds less than its threshold — the `programs` column is the mean list length that results.",
    "Expected interviews are read from the same kernel and strength draws as P(match).",
    "",
    "## How the cohorts are drawn",
    "",
    "Each applicant is given a match outcome with the published rate, then Step 2 CK and research from",
    "that outcome's published distribution (so scores follow the published mixture); Step 2 CK is a",
    "normal fit, redrawn below the passing standard in force (the published applicants had passed);",
    "research is a negative binomial with the published mean and SD. Every other feature is drawn",
    "independently of the outcome from the distributions in `data/model/calibration.yaml`.",
    "",
    "| type | published rate | Step 2 CK and research drawn from | bands compared with |",
    "| --- | --- | --- | --- |",
  );
  for (const type of TYPE_ORDER) {
    const c = run.results.find((r) => r.cell.applicantType === type)?.cell;
    if (!c) continue;
    line(
      `| ${TYPE_LABEL[type]} | ${text(c.rate.label)} | ${text(c.drawnFrom)} | ${text(c.bandBasis ?? "none: no published curve")} |`,
    );
  }
  line(
    "",
    "Spreads that are not published:",
    "",
    ...Object.values(s.spreads).map((x) => `- ${x.assumption}`),
    "",
    "Applications per applicant (`applications` in the settings):",
    "",
    "| type | count (specialty: value) | basis |",
    "| --- | --- | --- |",
  );
  for (const type of TYPE_ORDER) {
    const a = s.applications[type];
    const entries = Object.entries(a);
    line(
      `| ${TYPE_LABEL[type]} | ${entries.map(([k, v]) => `${k}: ${v.value}`).join("; ")} | ${entries.map(([k, v]) => `${k}: ${[...(v.sources ?? [])].join(", ")}${v.assumption ? " (assumption)" : ""}`).join("; ")} |`,
    );
  }
  line(
    "",
    "Features no cohort publishes (value: probability), drawn independently of the outcome:",
    "",
    "| type | feature | distribution | basis |",
    "| --- | --- | --- | --- |",
  );
  for (const type of TYPE_ORDER) {
    for (const [name, d] of Object.entries(s.features[type])) {
      const dist =
        "p" in d
          ? Object.entries(d.p)
              .map(([k, v]) => `${k}: ${v}`)
              .join(", ")
          : `share ${d.share}`;
      const basis = [
        d.sources?.length ? `cites ${d.sources.join(", ")}` : "",
        d.assumption ? `assumption: ${d.assumption}` : (d.note ?? ""),
      ]
        .filter(Boolean)
        .join("; ");
      line(`| ${TYPE_LABEL[type]} | ${name} | ${dist} | ${text(basis)} |`);
    }
  }
  line("", `Every applicant: ${s.common.assumption}`, "");

  const overallHeader = [
    "| specialty | type | published | applicants | 95% interval | predicted | difference | status | P(match) shown | P(≥ 1 interview) | programs | also published |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const overallRow = (r: JudgedRow) => {
    const res = run.results.find(
      (x) => x.cell.specialty === r.specialty && x.cell.applicantType === r.applicantType,
    ) as CellResult;
    const also = text(
      res.cell.also.map((f) => `${f.label}: ${pct(f.value)} of ${count(f.applicants)}`).join("; "),
    );
    return `| ${r.specialty} | ${TYPE_LABEL[r.applicantType]} | ${pct(r.published)} | ${count(r.applicants)} | ${pct(res.cell.rate.interval.low)}–${pct(res.cell.rate.interval.high)} | ${pct(r.predicted)} | ${points(r.difference)} | ${r.status} | ${pct(res.pMatchShown.mean)} | ${pct(res.pAtLeastOneInterview.mean)} | ${res.programs.mean.toFixed(1)} | ${also || "—"} |`;
  };
  line(
    "## Overall",
    "",
    "`predicted` is the cohort's mean P(match | ≥ 1 interview); `difference` is predicted − published, in",
    "points. THIN rows miss no target but say how far the model is: compare `predicted` with the",
    "published figure's 95% interval.",
    "",
    "### Held out: fitted on nothing",
    "",
    "<!-- table:overall -->",
    ...overallHeader,
    ...overall.filter((r) => r.heldOut).map(overallRow),
    "",
    "### Fitted or tuned on these figures",
    "",
    "Each type's rate is the prior inside its P(match | interviews); the strength SD was chosen on the",
    "non-US IMG rates, and the ranks per interview of U.S. MD, DO and U.S. IMG applicants were fitted on",
    "each type's rates pooled over specialties (see the last section): these rows are not an",
    "independent test.",
    "",
    "<!-- table:overall -->",
    ...overallHeader,
    ...overall.filter((r) => !r.heldOut).map(overallRow),
    "",
  );
  const cautions = run.results.flatMap((r) =>
    r.cell.cautions.map((c) => `${r.cell.specialty} (${TYPE_LABEL[r.cell.applicantType]}): ${c}`),
  );
  if (cautions.length > 0)
    line("Cautions on the published figures:", "", ...[...new Set(cautions)].map((c) => `- ${c}`), "");

  line(
    "## Interviews",
    "",
    "The model's mean E[interviews | ≥ 1 interview] on the planned list, times the type's ranks per",
    "interview (`match.ranksPerInterview`), against Charting Outcomes' mean contiguous ranks (matched and",
    "not matched mixed at the match rate). Only the non-US IMG edition publishes ranks. Where both ranks",
    "groups hold at least `strengthSlopes.minGroupSize` applicants, the ranks per interview were fitted",
    "on this very figure (`scripts/fit-model.ts`): those rows check the fit, not the model.",
    "",
    "<!-- table:interviews -->",
    "| specialty | type | published ranks | applicants | predicted interviews | ranks per interview | predicted ranks | difference | status |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...interviews.map((r) => {
      const res = run.results.find(
        (x) => x.cell.specialty === r.specialty && x.cell.applicantType === r.applicantType,
      ) as CellResult;
      const rho = res.interviews.mean > 0 ? res.ranks.mean / res.interviews.mean : Number.NaN;
      return `| ${r.specialty} | ${TYPE_LABEL[r.applicantType]} | ${ranks(r.published)} | ${count(r.applicants)} | ${ranks(res.interviews.mean)} | ${ranks(rho)} | ${ranks(r.predicted)} | ${signedRanks(r.difference)} | ${r.status} |`;
    }),
    "",
    "## By Step 2 CK band",
    "",
    "`published` is the curve the type's record implies — for non-US IMGs and DO seniors Bayes on the",
    "matched and not-matched Step 2 CK distributions, P(match | band) = r·f_m(band) / (r·f_m(band) +",
    "(1 − r)·f_u(band)); for U.S. MD seniors the published pooled grid, with the 2026 Bayes curve beside",
    "it. `applicants` is the published count behind the band (expected from the distributions where",
    "the curve is implied); `synthetic` is how many of the cohort fell in it. The non-US IMG bands are",
    "not held out: the Step 2 CK slope and reference were fitted on the same distributions.",
    "",
  );
  for (const type of TYPE_ORDER) {
    const these = bands.filter((r) => r.applicantType === type);
    if (these.length === 0) continue;
    line(
      `### ${TYPE_LABEL[type]}`,
      "",
      "<!-- table:bands -->",
      "| specialty | type | band | applicants | published | predicted | synthetic | difference | status | implied 2026 |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const r of these) {
      const res = run.results.find(
        (x) => x.cell.specialty === r.specialty && x.cell.applicantType === r.applicantType,
      ) as CellResult;
      const b = res.bands.find((x) => x.reference.label === r.band);
      line(
        `| ${r.specialty} | ${TYPE_LABEL[r.applicantType]} | ${r.band} | ${count(r.applicants)} | ${pct(r.published)} | ${pct(r.predicted)} | ${count(b?.predicted.count ?? 0)} | ${points(r.difference)} | ${r.status} | ${b?.also === null || b?.also === undefined ? "—" : pct(b.also)} |`,
      );
    }
    line("");
  }

  line(
    "## Which published figures each parameter was fitted on",
    "",
    "From `fits` in `data/model/calibration.yaml` (see `data/model/program-model.yaml` and `docs/model.md`). A row above is held out unless it is covered here.",
    "",
    "| parameter | fitted or tuned on | rows it covers |",
    "| --- | --- | --- |",
    ...s.fits.map(
      (f) =>
        `| ${text(f.parameter)} | ${text(f.fittedOn)} | ${f.covers.length === 0 ? "none" : f.covers.map((c) => `${TYPE_LABEL[c.applicantType]} ${c.measure}${c.specialties ? ` (${c.specialties.join(", ")})` : ""}`).join("; ")} |`,
    ),
    "",
    "## Issue 13's profiles, re-run",
    "",
    "Each profile is `profiles.base` of the settings with the changes named, planned at its type's",
    "applications count. `published` is the band of its Step 2 CK on the type's curve (as above); the",
    "status applies the band target. `note` is the calibration note the product shows beside P(match).",
    "",
    "<!-- table:profiles -->",
    "| profile | specialty | P(match) shown (range) | P(match \\| ≥ 1 interview) | programs | published for the band | status | published record | note |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...run.profiles.map((p) => {
      const m = p.measurement;
      const band = p.band
        ? `${pct(p.band.published)} at ${p.band.label} (${count(p.band.applicants)} applicants)`
        : "no published curve for the type";
      const judged = p.notJudged ? ` — not a target: ${p.notJudged}` : "";
      const note = p.note ? `${p.note.direction} ${points(p.note.difference)}` : "none";
      return `| ${text(p.name)} | ${p.specialty} | ${pct(m.pMatch.estimate)} (${pct(m.pMatch.low)}–${pct(m.pMatch.high)}) | ${pct(m.conditional)} | ${m.programs} | ${band}${text(judged)} | ${p.status ?? "—"} | ${text(p.record)} | ${note} |`;
    }),
    "",
  );

  const misses = [...rows.filter((r) => r.status === "MISS"), ...(run.profileMisses ?? [])];
  const shown = (r: JudgedRow) => {
    const k = run.knownMisses[r.specialty]?.[r.applicantType];
    if (r.measure === "overall") return k?.overall !== undefined;
    if (r.measure === "interviews") return k?.interviews !== undefined;
    return k?.bands?.some((b) => b.band === r.band) ?? false;
  };
  line(
    "## Misses",
    "",
    `${misses.length} rows miss their target. The product shows a note beside P(match) for ${misses.filter(shown).length} of them (\`calibration.knownMisses\` of \`data/model/program-model.yaml\`, written by the same run): to an applicant of that type in that specialty — the band's figure where their Step 2 CK falls in a missed band — with the measured direction and size, and the range shown reaches the published rate. A row naming a profile is one of the profiles above that misses its band where the band's cohort row does not: the band's note then carries the profile's difference, so the applicant it describes is told.`,
    "",
    "<!-- table:misses -->",
    "| specialty | type | figure | difference | shown by the product |",
    "| --- | --- | --- | --- | --- |",
    ...misses.map(
      (r) =>
        `| ${r.specialty} | ${TYPE_LABEL[r.applicantType]} | ${r.measure === "band" ? `band ${r.band}${r.profile ? ` (the profile "${text(r.profile)}")` : ""}` : r.measure} | ${r.measure === "interviews" ? signedRanks(r.difference) : points(r.difference)} | ${shown(r) ? "yes" : "no"} |`,
    ),
    "",
  );
  line(
    "<!-- The lines below let test/calibration.test.ts check this document against the model: each cell's",
    "     means over its first applicants (the ones the test re-runs), and the spread of the full cohort. -->",
    ...run.results.map((r) => checkLine(r)),
    "",
  );
  const failures = run.results.flatMap((r) =>
    r.failures.map((f) => `${r.cell.specialty} (${TYPE_LABEL[r.cell.applicantType]}): ${f}`),
  );
  if (failures.length > 0)
    line("## Applicants the planner refused", "", ...failures.map((f) => `- ${f}`), "");
  return `${out.join("\n")}\n`;
}

// ── reading the document back ───────────────────────────────────────────────
export interface CheckLine {
  specialty: string;
  applicantType: ApplicantType;
  count: number;
  conditional: number;
  interviews: number;
  cohort: number;
  conditionalSd: number;
  interviewsSd: number;
}

function checkLine(r: CellResult): string {
  return `<!-- check ${r.cell.specialty} ${r.cell.applicantType} first=${r.check.count} conditional=${r.check.conditional.toFixed(5)} interviews=${r.check.interviews.toFixed(4)} cohort=${r.conditional.count} conditionalSd=${r.conditional.sd.toFixed(5)} interviewsSd=${r.interviews.sd.toFixed(4)} -->`;
}

export function readChecks(markdown: string): CheckLine[] {
  const out: CheckLine[] = [];
  for (const m of markdown.matchAll(/^<!-- check (\S+) (\S+) (.*) -->$/gm)) {
    const f = Object.fromEntries(
      (m[3] as string).split(" ").map((kv) => {
        const [k, v] = kv.split("=");
        return [k, Number(v)];
      }),
    ) as Record<string, number>;
    out.push({
      specialty: m[1] as string,
      applicantType: m[2] as ApplicantType,
      count: f.first as number,
      conditional: f.conditional as number,
      interviews: f.interviews as number,
      cohort: f.cohort as number,
      conditionalSd: f.conditionalSd as number,
      interviewsSd: f.interviewsSd as number,
    });
  }
  return out;
}
export interface DocTableRow {
  [column: string]: string;
}

/** Every table that follows `<!-- table:NAME -->`, as rows keyed by header. */
export function readTables(markdown: string, name: string): DocTableRow[] {
  const lines = markdown.split("\n");
  const rows: DocTableRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== `<!-- table:${name} -->`) continue;
    const header = splitRow(lines[i + 1] ?? "");
    for (let j = i + 3; j < lines.length && lines[j]?.trim().startsWith("|"); j++) {
      const cells = splitRow(lines[j] as string);
      rows.push(Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ""])));
    }
  }
  return rows;
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** "58.3%" → 0.583; "+3.0" (points) → 0.03; "−1.20" (ranks) → −1.2; "1,234" → 1234. */
export function readNumber(cell: string, unit: "percent" | "points" | "plain"): number {
  const x = Number(cell.replace(/−/g, "-").replace(/[%,+]/g, ""));
  return unit === "plain" ? x : x / PERCENT;
}

export function typeFromLabel(label: string): ApplicantType {
  const hit = (Object.entries(TYPE_LABEL) as Array<[ApplicantType, string]>).find(([, l]) => l === label);
  if (!hit) throw new Error(`unknown applicant type label "${label}"`);
  return hit[0];
}
