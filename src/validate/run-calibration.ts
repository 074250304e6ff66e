import { passingScore } from "../core/assess/derive-facts.ts";
import { curveFor } from "../core/programs/kernel-options.ts";
import type { ProgramData } from "../core/programs/program-data.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { planAtApplications } from "./plan-at-applications.ts";
import {
  type BandReference,
  bandOf,
  bayesBand,
  type PublishedCell,
  publishedCells,
} from "./published-record.ts";
import type { CalibrationInputs, CalibrationSettings } from "./settings.ts";
import { cohortOf } from "./synthetic-cohort.ts";

/**
 * Runs every specialty × applicant type cohort through the planner and summarises what the
 * product predicts beside the published record.
 *
 * Spec. For each specialty the product gives a P(match) for (a curve exists) and each applicant
 * type with a published rate there: draw `size` applicants (synthetic-cohort.ts); give each the
 * planner's list at the type's applications count (plan-at-applications.ts); keep P(match | ≥ 1
 * interview), E[interviews | ≥ 1], the P(match) shown and the list length. Summaries are means
 * with their standard deviation over applicants; bands group applicants by their Step 2 CK.
 * Complexity: one to four plans per applicant.
 */
export interface Summary {
  mean: number;
  sd: number;
  count: number;
}

export interface BandResult {
  reference: BandReference;
  /** What the cohort's own distributions imply for the band, where the document shows it. */
  also: number | null;
  predicted: Summary;
}

export interface CellResult {
  cell: PublishedCell;
  applications: number;
  cohort: number;
  conditional: Summary;
  pMatchShown: Summary;
  pAtLeastOneInterview: Summary;
  interviews: Summary;
  /** The contiguous ranks the interviews stand for (interviews × the type's ranks per interview). */
  ranks: Summary;
  programs: Summary;
  bands: BandResult[];
  /**
   * Means over the first `settings.cohort.test` applicants — the same people the test re-runs —
   * so the test can tell whether this run still describes the model.
   */
  check: { count: number; conditional: number; interviews: number };
  /** Applicants the planner refused (should be none). */
  failures: string[];
}

/** Specialties the product shows a P(match) for: those with a match curve (ranks data exist for non-US IMGs). */
export function specialtiesWithPMatch(rb: Rulebook, data: ProgramData): string[] {
  return [...rb.specialties.keys()].filter((s) => curveFor(rb, data.model, s, "non-us-img") !== null);
}

export function applicationsFor(
  settings: CalibrationSettings,
  type: PublishedCell["applicantType"],
  specialty: string,
) {
  const table = settings.applications[type];
  return (table[specialty] ?? table.default) as NonNullable<(typeof table)[string]>;
}

export function summarise(values: readonly number[]): Summary {
  const count = values.length;
  if (count === 0) return { mean: Number.NaN, sd: Number.NaN, count };
  const mean = values.reduce((a, x) => a + x, 0) / count;
  const variance = count > 1 ? values.reduce((a, x) => a + (x - mean) ** 2, 0) / (count - 1) : 0;
  return { mean, sd: Math.sqrt(variance), count };
}

export function runCell(
  rb: Rulebook,
  data: ProgramData,
  inputs: CalibrationInputs,
  cell: PublishedCell,
  size: number,
): CellResult {
  const s = inputs.settings;
  const applications = applicationsFor(s, cell.applicantType, cell.specialty).value;
  const next = cohortOf(rb, s, cell);
  const conditional: number[] = [];
  const shown: number[] = [];
  const one: number[] = [];
  const interviews: number[] = [];
  const ranks: number[] = [];
  const programs: number[] = [];
  const scores: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < size; i++) {
    const a = next();
    const m = planAtApplications(rb, data, a.profile, cell.specialty, s.asOf, s.matchYear, applications);
    if (!m.ok) {
      failures.push(m.issues.map((x) => `${x.path}: ${x.message}`).join("; "));
      continue;
    }
    conditional.push(m.value.conditional);
    shown.push(m.value.pMatch.estimate);
    one.push(m.value.pAtLeastOneInterview);
    interviews.push(m.value.interviews);
    ranks.push(m.value.ranks);
    programs.push(m.value.programs);
    scores.push(a.step2ck);
  }
  const pass = passingScore(rb.exam.usmle.step2ckMinimumPass, s.asOf);
  const max = rb.exam.usmle.scale.value.max;
  const bands: BandResult[] = (cell.bands ?? []).map((reference) => {
    const inBand = conditional.filter((_, i) => bandOf([reference], scores[i] as number) !== null);
    const lo = Math.max(pass, reference.lo ?? pass);
    const hi = Math.min(max, reference.hi ?? max);
    return {
      reference,
      also:
        cell.bandsAlsoImplied && lo <= hi
          ? bayesBand(cell.rate.value, cell.matched, cell.notMatched, lo, hi).published
          : null,
      predicted: summarise(inBand),
    };
  });
  return {
    cell,
    applications,
    cohort: size,
    conditional: summarise(conditional),
    pMatchShown: summarise(shown),
    pAtLeastOneInterview: summarise(one),
    interviews: summarise(interviews),
    ranks: summarise(ranks),
    programs: summarise(programs),
    bands,
    check: {
      count: Math.min(s.cohort.test, conditional.length),
      conditional: summarise(conditional.slice(0, s.cohort.test)).mean,
      interviews: summarise(interviews.slice(0, s.cohort.test)).mean,
    },
    failures,
  };
}

/** Every cell, in specialty-registry order then applicant type; `onCell` reports progress. */
export function runCalibration(
  rb: Rulebook,
  data: ProgramData,
  inputs: CalibrationInputs,
  size: number,
  filter: (cell: PublishedCell) => boolean = () => true,
  onCell: (done: number, total: number, cell: PublishedCell) => void = () => {},
): CellResult[] {
  const cells = publishedCells(rb, inputs, specialtiesWithPMatch(rb, data)).filter(filter);
  return cells.map((cell, i) => {
    const r = runCell(rb, data, inputs, cell, size);
    onCell(i + 1, cells.length, cell);
    return r;
  });
}
