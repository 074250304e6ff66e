import type { ProgramModel } from "../core/programs/program-model.ts";
import type { ApplicantType } from "../core/vocabulary.ts";
import type { CellResult } from "./run-calibration.ts";
import type { CalibrationSettings, Measure, RecordedMiss } from "./settings.ts";

/**
 * The verdict on each compared figure, against the targets of `data/model/calibration.yaml`:
 * PASS within the target, MISS outside it, THIN where too few published applicants stand behind
 * the figure for the target to apply (or, for a band, too few synthetic applicants fell in it).
 * A row is held out unless a `fits` entry says a parameter was fitted or tuned on its figure.
 */
export const STATUSES = ["PASS", "MISS", "THIN"] as const;
export type Status = (typeof STATUSES)[number];

export interface JudgedRow {
  specialty: string;
  applicantType: ApplicantType;
  measure: Measure;
  band?: string;
  /** The band's score range (inclusive; null = open), for band rows. */
  lo?: number | null;
  hi?: number | null;
  published: number;
  applicants: number;
  predicted: number;
  /** Predicted minus published (fraction for rates, ranks for interviews). */
  difference: number;
  status: Status;
  heldOut: boolean;
  /**
   * Set where the row is one of issue 13's profiles rather than a cohort's mean: a realistic
   * applicant the model misses in a band whose cohort row does not (`profileMissRows`).
   */
  profile?: string;
  /** That profile's Step 2 CK. */
  profileStep2ck?: number;
}

export function heldOut(
  settings: CalibrationSettings,
  type: ApplicantType,
  measure: Measure,
  specialty: string,
): boolean {
  return !settings.fits.some((f) =>
    f.covers.some(
      (c) =>
        c.applicantType === type &&
        c.measure === measure &&
        (c.specialties === undefined || c.specialties.includes(specialty)),
    ),
  );
}

function verdict(difference: number, target: number, enough: boolean): Status {
  if (!enough) return "THIN";
  return Math.abs(difference) <= target ? "PASS" : "MISS";
}

export function judgeOverall(settings: CalibrationSettings, r: CellResult): JudgedRow {
  const t = settings.targets.overall;
  const difference = r.conditional.mean - r.cell.rate.value;
  return {
    specialty: r.cell.specialty,
    applicantType: r.cell.applicantType,
    measure: "overall",
    published: r.cell.rate.value,
    applicants: r.cell.rate.applicants,
    predicted: r.conditional.mean,
    difference,
    status: verdict(difference, t.points, r.cell.rate.applicants >= t.minApplicants),
    heldOut: heldOut(settings, r.cell.applicantType, "overall", r.cell.specialty),
  };
}

export function judgeInterviews(settings: CalibrationSettings, r: CellResult): JudgedRow | null {
  const ranks = r.cell.ranks;
  if (!ranks) return null;
  const t = settings.targets.interviews;
  // The model's interviews stand for interviews × ranks per interview contiguous ranks (model data).
  const difference = r.ranks.mean - ranks.mean;
  return {
    specialty: r.cell.specialty,
    applicantType: r.cell.applicantType,
    measure: "interviews",
    published: ranks.mean,
    applicants: ranks.applicants,
    predicted: r.ranks.mean,
    difference,
    status: verdict(difference, t.ranks, ranks.applicants >= t.minApplicants),
    heldOut: heldOut(settings, r.cell.applicantType, "interviews", r.cell.specialty),
  };
}

export function judgeBands(settings: CalibrationSettings, r: CellResult): JudgedRow[] {
  const t = settings.targets.band;
  return r.bands.map((b) => {
    // Applicants behind an implied band are expected counts: judged, like the document shows them, whole.
    const enough =
      Math.round(b.reference.applicants) >= t.minApplicants && b.predicted.count >= t.minSynthetic;
    const difference = b.predicted.count > 0 ? b.predicted.mean - b.reference.published : Number.NaN;
    return {
      specialty: r.cell.specialty,
      applicantType: r.cell.applicantType,
      measure: "band" as const,
      band: b.reference.label,
      lo: b.reference.lo,
      hi: b.reference.hi,
      published: b.reference.published,
      applicants: b.reference.applicants,
      predicted: b.predicted.mean,
      difference,
      status: verdict(difference, t.points, enough),
      heldOut: heldOut(settings, r.cell.applicantType, "band", r.cell.specialty),
    };
  });
}

/** Every row marked MISS, as the record `data/model/calibration.yaml` keeps. */
export function missesOf(
  rows: readonly JudgedRow[],
  decimals: { rate: number; ranks: number },
): RecordedMiss[] {
  const round = (x: number, d: number) => Number(x.toFixed(d));
  return rows
    .filter((r) => r.status === "MISS")
    .map((r) => ({
      specialty: r.specialty,
      applicantType: r.applicantType,
      measure: r.measure,
      ...(r.band === undefined ? {} : { band: r.band }),
      direction: r.difference < 0 ? ("under" as const) : ("over" as const),
      difference: round(r.difference, r.measure === "interviews" ? decimals.ranks : decimals.rate),
    }));
}

type KnownMisses = ProgramModel["calibration"]["knownMisses"];

/**
 * The misses as the product reads them (`calibration.knownMisses` of data/model/program-model.yaml):
 * by specialty and applicant type, the overall, interviews and band figures, each with its measured
 * direction and size, the published figure and the applicants behind it.
 */
export function knownMissesOf(
  rows: readonly JudgedRow[],
  decimals: { rate: number; ranks: number },
): KnownMisses {
  const round = (x: number, d: number) => Number(x.toFixed(d));
  const out: KnownMisses = {};
  for (const r of rows) {
    if (r.status !== "MISS") continue;
    const d = r.measure === "interviews" ? decimals.ranks : decimals.rate;
    const miss = {
      direction: r.difference < 0 ? ("under" as const) : ("over" as const),
      difference: round(r.difference, d),
      published: round(r.published, d),
      applicants: Math.round(r.applicants),
    };
    const bySpecialty = out[r.specialty] ?? {};
    out[r.specialty] = bySpecialty;
    const entry = bySpecialty[r.applicantType] ?? {};
    bySpecialty[r.applicantType] = entry;
    if (r.measure === "overall") entry.overall = miss;
    else if (r.measure === "interviews") entry.interviews = miss;
    else
      entry.bands = [
        ...(entry.bands ?? []),
        {
          band: r.band ?? "",
          lo: r.lo ?? null,
          hi: r.hi ?? null,
          ...miss,
          ...(r.profile ? { profile: r.profile } : {}),
          ...(r.profileStep2ck !== undefined ? { profileStep2ck: r.profileStep2ck } : {}),
        },
      ];
  }
  return out;
}

/** A key naming one compared figure. */
export function rowKey(r: Pick<JudgedRow, "specialty" | "applicantType" | "measure" | "band">): string {
  return [r.specialty, r.applicantType, r.measure, r.band ?? ""].join("|");
}
