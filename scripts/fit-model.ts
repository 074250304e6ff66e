/**
 * `tsx scripts/fit-model.ts [--cohort N]`
 *
 * Fits the match model's free parameters on the published record, on the lists the planner builds
 * (the same synthetic cohorts as `npm run calibrate`, src/validate/), and prints the values to put
 * in data/model/program-model.yaml. What each is fitted on (data/model/calibration.yaml `fits`):
 *
 * 1. `match.ranksPerInterview` for non-US IMGs, per specialty: the model's interviews × ρ must give
 *    the specialty's mean contiguous ranks (Charting Outcomes 2026) — ρ ← ρ · published ÷ model,
 *    repeated (the list's length moves a little with the curve). Specialties with fewer than
 *    `strengthSlopes.minGroupSize` applicants in either ranks group take the applicants-weighted
 *    geometric mean of the others (`value`).
 * 2. `match.strengthSd`: the spread of the unmeasured strength. With ρ refitted at each value, the
 *    one of `STRENGTH_SDS` whose non-US IMG overall rates come closest to the published ones (RMS,
 *    weighted by applicants, rows with at least `overall.minApplicants`). (Matching the spread of the
 *    published ranks instead is out of reach: the model's ranks never vary as much, at any SD.)
 * 3. `match.ranksPerInterview` for U.S. MD, DO and U.S. IMG (no published ranks): one ρ per type, so
 *    that the type's mean P(match | ≥ 1 interview) over specialties with at least `overall.minApplicants`
 *    (weighted by applicants) equals the published rates pooled the same way; bisection. In each
 *    specialty the type's ρ is scaled by the non-US IMGs' shape (`specialtyShape`), so it is the
 *    type's value that is fitted. `--types-only` runs this step alone on the model's current
 *    non-US IMG values (a minute or two, so a larger cohort is affordable).
 * Each step prints as it goes; a fit takes about 15 minutes at the default cohort on a busy machine.
 */
import { kernelOptions } from "../src/core/programs/kernel-options.ts";
import { matchCurveForList } from "../src/core/programs/match-probability.ts";
import type { ProgramData } from "../src/core/programs/program-data.ts";
import type { ProgramModel } from "../src/core/programs/program-model.ts";
import { ranksPerInterviewFor } from "../src/core/programs/type-curve.ts";
import type { ApplicantType } from "../src/core/vocabulary.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { loadCalibrationInputs } from "../src/validate/load-calibration-inputs.ts";
import { kernelInputs, planAtApplications } from "../src/validate/plan-at-applications.ts";
import { type PublishedCell, publishedCells } from "../src/validate/published-record.ts";
import { applicationsFor, specialtiesWithPMatch } from "../src/validate/run-calibration.ts";
import { cohortOf } from "../src/validate/synthetic-cohort.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--cohort");
const size = at >= 0 ? Number(args[at + 1]) : 100;
/** `--types-only`: step 3 alone, on the model's current non-US IMG values and strength SD. */
const typesOnly = args.includes("--types-only");
const rb = repositoryRulebook();
const base = repositoryProgramData();
const inputs = loadCalibrationInputs();
const s = inputs.settings;
const cells = publishedCells(rb, inputs, specialtiesWithPMatch(rb, base));
const min = base.model.interview.strengthSlopes.minGroupSize;
/** The strength SDs tried (log-odds): from the original assumption up to the spread of two Step 2 CK SDs. */
const STRENGTH_SDS = [0.45, 0.7, 0.95, 1.2];

type Rho = ProgramModel["match"]["ranksPerInterview"];
function withMatch(rho: Rho, sd: number): ProgramData {
  const model: ProgramModel = {
    ...base.model,
    match: {
      ...base.model.match,
      ranksPerInterview: rho,
      strengthSd: { ...base.model.match.strengthSd, value: sd },
    },
  };
  return { ...base, model };
}

interface Measured {
  cell: PublishedCell;
  conditional: number;
  /** Mean and second moment of the model's contiguous ranks given ≥ 1 interview, over the cohort. */
  ranks: number;
  ranks2: number;
}

/** The cohort's mean P(match | ≥ 1) and the moments of its ranks given ≥ 1 interview (E[K], E[K²] from the same kernel). */
function measure(data: ProgramData, cell: PublishedCell, rho: number): Measured {
  const opts = kernelOptions(data.model);
  const K = opts.maxInterviews;
  const moment = (p: number) => ({
    specialty: cell.specialty,
    matchRate: 1,
    byInterviews: Float64Array.from({ length: K + 1 }, (_, k) => k ** p),
  });
  const c1 = moment(1);
  const c2 = moment(2);
  const next = cohortOf(rb, s, cell);
  const apps = applicationsFor(s, cell.applicantType, cell.specialty).value;
  let cond = 0;
  let e1 = 0;
  let e2 = 0;
  let count = 0;
  for (let i = 0; i < size; i++) {
    const a = next();
    const m = planAtApplications(rb, data, a.profile, cell.specialty, s.asOf, s.matchYear, apps);
    if (!m.ok) continue;
    // The same kernel inputs as the calibration's interviews (sponsorship apart from the log-odds).
    const { logits, scales } = kernelInputs(m.value.plan);
    if (logits.length === 0) continue;
    const r1 = matchCurveForList(logits, c1, opts, true, scales);
    const r2 = matchCurveForList(logits, c2, opts, true, scales);
    // Each synthetic applicant stands for one who ranked the specialty (the cohort is drawn from
    // the rankers' published distributions), so each one's moments are taken given ≥ 1 interview
    // and then averaged, as the calibration averages them; summing E[K] over the cohort before
    // dividing would weigh the rankers by their chance of an interview a second time.
    const one = r1.atLeastOneInterview[logits.length - 1] ?? 0;
    cond += m.value.conditional;
    if (one > 0) {
      e1 += r1.final.estimate / one;
      e2 += r2.final.estimate / one;
    }
    count++;
  }
  return { cell, conditional: cond / count, ranks: (rho * e1) / count, ranks2: (rho * rho * e2) / count };
}

const ranked = cells.filter((c) => {
  const co = rb.chartingOutcomes.specialties[c.specialty]?.contiguousRanks;
  return c.applicantType === "non-us-img" && co && co.matched.n >= min && co.notMatched.n >= min;
});
const published = (c: PublishedCell) => {
  const r = rb.chartingOutcomes.specialties[c.specialty]?.contiguousRanks;
  if (
    !r ||
    r.matched.mean === null ||
    r.notMatched.mean === null ||
    r.matched.sd === null ||
    r.notMatched.sd === null
  )
    throw new Error(c.specialty);
  const pi = c.rate.value;
  const mean = pi * r.matched.mean + (1 - pi) * r.notMatched.mean;
  const second =
    pi * (r.matched.sd ** 2 + r.matched.mean ** 2) +
    (1 - pi) * (r.notMatched.sd ** 2 + r.notMatched.mean ** 2);
  return { mean, second, n: r.matched.n + r.notMatched.n };
};

/** ρ per specialty fitted to the mean ranks at strength SD `sd`, and the overall rates it then gives. */
function fitNonUsImg(
  sd: number,
  start: Record<string, number>,
): { rho: Record<string, number>; error: number; rows: string[] } {
  let rho = { ...start };
  let last: Measured[] = [];
  for (let round = 0; round < 3; round++) {
    const current: Rho = { ...base.model.match.ranksPerInterview, bySpecialty: { "non-us-img": rho } };
    const data = withMatch(current, sd);
    last = ranked.map((c) => measure(data, c, rho[c.specialty] ?? 1));
    if (round === 2) break;
    const next: Record<string, number> = {};
    for (const m of last)
      next[m.cell.specialty] = (rho[m.cell.specialty] ?? 1) * (published(m.cell).mean / m.ranks);
    rho = next;
  }
  // Squared error of the overall rates, weighted by applicants, over rows the targets apply to.
  let w = 0;
  let error = 0;
  const rows: string[] = [];
  for (const m of last) {
    const d = m.conditional - m.cell.rate.value;
    rows.push(
      `${m.cell.specialty} ${(100 * d).toFixed(1)} (ranks ${m.ranks.toFixed(2)} vs ${published(m.cell).mean.toFixed(2)})`,
    );
    if (m.cell.rate.applicants < s.targets.overall.minApplicants) continue;
    error += m.cell.rate.applicants * d * d;
    w += m.cell.rate.applicants;
  }
  return { rho, error: Math.sqrt(error / w), rows };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
let rho: Record<string, number> = Object.fromEntries(ranked.map((c) => [c.specialty, 0.7]));
let best = typesOnly
  ? {
      sd: base.model.match.strengthSd.value,
      rho: { ...(base.model.match.ranksPerInterview.bySpecialty?.["non-us-img"] ?? {}) },
      error: 0,
    }
  : { sd: 0, rho, error: Number.POSITIVE_INFINITY };
for (const sd of typesOnly ? [] : STRENGTH_SDS) {
  const f = fitNonUsImg(sd, rho);
  rho = f.rho;
  console.error(
    `strengthSd ${sd}: RMS error of non-US IMG overall rates ${(100 * f.error).toFixed(2)} points\n  ${f.rows.join("\n  ")}`,
  );
  if (f.error < best.error) best = { sd, rho: f.rho, error: f.error };
}
const weights = ranked.map((c) => published(c).n);
const total = weights.reduce((a, x) => a + x, 0);
const geo = typesOnly
  ? base.model.match.ranksPerInterview.value["non-us-img"]
  : Math.exp(
      ranked.reduce((a, c, i) => a + (weights[i] as number) * Math.log(best.rho[c.specialty] ?? 1), 0) /
        total,
    );
console.log(`strengthSd: ${round3(best.sd)}`);
console.log(`ranksPerInterview non-us-img default: ${round3(geo)}`);
console.log(
  `ranksPerInterview non-us-img bySpecialty: { ${Object.entries(best.rho)
    .map(([k, v]) => `${k}: ${round3(v)}`)
    .join(", ")} }`,
);

const fitted: Rho = {
  ...base.model.match.ranksPerInterview,
  value: { ...base.model.match.ranksPerInterview.value, "non-us-img": round3(geo) },
  bySpecialty: { "non-us-img": Object.fromEntries(Object.entries(best.rho).map(([k, v]) => [k, round3(v)])) },
};
for (const type of ["us-md", "do", "us-img"] as ApplicantType[]) {
  const mine = cells.filter(
    (c) => c.applicantType === type && c.rate.applicants >= s.targets.overall.minApplicants,
  );
  const target =
    mine.reduce((a, c) => a + c.rate.applicants * c.rate.value, 0) /
    mine.reduce((a, c) => a + c.rate.applicants, 0);
  let a = 0.05;
  let b = 2;
  let value = 1;
  for (let step = 0; step < 7; step++) {
    value = Math.sqrt(a * b);
    const trial: Rho = { ...fitted, value: { ...fitted.value, [type]: value } };
    const data = withMatch(trial, best.sd);
    const got = mine.map((c) => measure(data, c, ranksPerInterviewFor(data.model, type, c.specialty)));
    const mean =
      got.reduce((x, m) => x + m.cell.rate.applicants * m.conditional, 0) /
      mine.reduce((x, c) => x + c.rate.applicants, 0);
    console.error(
      `${type} ρ ${round3(value)}: pooled P(match | ≥ 1) ${round3(mean)} vs published ${round3(target)}`,
    );
    // More ranks per interview lift P(match | k): raise ρ when the model reads low.
    if (mean < target) a = value;
    else b = value;
  }
  fitted.value[type] = round3(value);
  console.log(`ranksPerInterview ${type}: ${round3(value)}`);
}
