import type { Program } from "../../src/core/catalog/program.ts";
import type { Profile } from "../../src/core/profile/profile-schema.ts";
import { evaluateList } from "../../src/core/programs/evaluate-list.ts";
import type { ProgramData } from "../../src/core/programs/program-data.ts";
import type { Rulebook } from "../../src/core/rulebook/rulebook.ts";

/**
 * Calibration against NRMP Charting Outcomes 2026 (non-US IMGs): synthetic cohorts whose Step 2
 * CK is drawn from the published matched/unmatched distributions (mixed at the match rate), each
 * applying to as many programs as the data say applicants apply to, picked at random from the
 * specialty, with signals spent as the scheme allows. Charting Outcomes counts only applicants
 * who ranked a program of the specialty first, so every one of them had at least one interview
 * there: its match rate is P(match | ≥ 1 interview). Each synthetic applicant's prediction is
 * therefore the model's P(match) ÷ P(≥ 1 interview) (a match needs an interview), and the cohort
 * mean of that is compared with the published rate.
 */
export const CALIBRATION_SPECIALTIES = [
  "diagnostic-radiology",
  "internal-medicine",
  "family-medicine",
  "pediatrics",
  "psychiatry",
  "neurology",
  "pathology",
] as const;

/** Mulberry32: a small seeded generator, so the cohorts are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  const u = Math.max(1e-12, next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

export interface CalibrationRow {
  specialty: string;
  published: number;
  predicted: number;
  difference: number;
  applicants: number;
  applicationsEach: number;
}

export function calibrate(
  rb: Rulebook,
  data: ProgramData,
  specialty: string,
  cohort = 200,
  seed = 7,
): CalibrationRow {
  const co = rb.chartingOutcomes.specialties[specialty];
  if (!co) throw new Error(`no Charting Outcomes row for ${specialty}`);
  const m = co.step2ck.matched;
  const u = co.step2ck.notMatched;
  const apps = data.model.interview.effectiveApplicants.applicationsPerApplicant;
  const each = (apps[specialty] ?? apps.default)?.value ?? 0;
  const pool = data.bySpecialty.get(specialty) ?? [];
  const { min, max } = rb.exam.usmle.scale.value;
  const next = rng(seed);
  let sum = 0;
  for (let i = 0; i < cohort; i++) {
    const matched = next() < co.matchRate;
    const g = matched ? m : u;
    const score = Math.round(Math.min(max, Math.max(min, (g.mean ?? 0) + (g.sd ?? 0) * gaussian(next))));
    const picked: Program[] = [];
    const taken = new Set<number>();
    while (picked.length < Math.min(each, pool.length)) {
      const k = Math.floor(next() * pool.length);
      if (!taken.has(k)) {
        taken.add(k);
        picked.push(pool[k] as Program);
      }
    }
    const profile: Profile = {
      applicantType: "non-us-img",
      graduationYear: 2023,
      visa: "none-needed",
      step1: { outcome: "pass", attempts: 1 },
      step2ck: { score, attempts: 1 },
      usce: { handsOnMonths: 2, observershipMonths: 0, specialtyMonths: 2 },
      letters: { total: 3, specialty: 2, us: 2 },
    };
    const r = evaluateList(rb, data, profile, specialty, picked, "2025-06-01");
    if (r && r.pAtLeastOneInterview > 0) sum += r.pMatch.estimate / r.pAtLeastOneInterview;
  }
  const predicted = sum / cohort;
  return {
    specialty,
    published: co.matchRate,
    predicted,
    difference: predicted - co.matchRate,
    applicants: cohort,
    applicationsEach: each,
  };
}

export function formatCalibration(rows: CalibrationRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = ["specialty                  published  predicted  difference  (cohort × applications)"];
  for (const r of rows) {
    lines.push(
      `${r.specialty.padEnd(26)} ${pct(r.published).padStart(9)}  ${pct(r.predicted).padStart(9)}  ${((r.difference * 100 >= 0 ? "+" : "") + (r.difference * 100).toFixed(1)).padStart(7)} pp  (${r.applicants} × ${r.applicationsEach})`,
    );
  }
  return lines.join("\n");
}
