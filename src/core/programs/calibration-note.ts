import { PERCENT, pct } from "../math/percent.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { APPLICANT_TYPE_LABEL, type ApplicantType } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * Where the model's P(match) is known to run low or high for this applicant: the figures `npm run
 * calibrate` measured outside their targets for the applicant's type in the specialty — overall,
 * in the applicant's Step 2 CK band, and the interview count — with their direction and size
 * (data/model/program-model.yaml `calibration.knownMisses`, kept equal to the measured record by
 * test/calibration.test.ts). The figure the note leads with is the narrowest that applies: the
 * applicant's band, else the type's overall rate, else the interviews.
 */
export interface CalibrationNote {
  direction: "under" | "over";
  /** Predicted minus published, as a fraction (−0.163 = 16.3 points under); ranks for an interviews-only note. */
  difference: number;
  /** The published P(match | ranked the specialty) the note compares with (the band's where the note is for a band). */
  publishedMatchRate: number | null;
  applicantType: ApplicantType;
  /** The Step 2 CK band the note is for, or null for the type's overall figure. */
  band: string | null;
  text: string;
  sources: string[];
}

type Miss = { direction: "under" | "over"; difference: number; published: number; applicants: number };

const points = (x: number) => `${Math.abs(x * PERCENT).toFixed(0)} points`;
const side = (m: Miss) => (m.direction === "under" ? "below" : "above");

export function calibrationNote(
  model: ProgramModel,
  sp: Specialty,
  type: ApplicantType,
  step2ck: number | null,
): CalibrationNote | null {
  const entry = model.calibration.knownMisses[sp.id]?.[type];
  if (!entry) return null;
  const band =
    step2ck === null
      ? undefined
      : entry.bands?.find((b) => (b.lo === null || step2ck >= b.lo) && (b.hi === null || step2ck <= b.hi));
  const lead: Miss | undefined = band ?? entry.overall;
  const who = `${APPLICANT_TYPE_LABEL[type]} applicants`;
  const parts: string[] = [];
  if (entry.overall)
    parts.push(
      `for synthetic ${who} to ${sp.name}, planned as this product plans them, the mean P(match) came out about ${points(entry.overall.difference)} ${side(entry.overall)} the published rate (${pct(entry.overall.published)} of ${entry.overall.applicants.toLocaleString("en-US")})`,
    );
  if (band?.profile)
    // Measured on one checked profile, not a cohort's mean: say so, with its score.
    parts.push(
      `${entry.overall ? "and " : ""}for the checked profile "${band.profile}" (${APPLICANT_TYPE_LABEL[type]}, ${sp.name}${band.profileStep2ck !== undefined ? `, Step 2 CK ${band.profileStep2ck}` : ""}), P(match) came out about ${points(band.difference)} ${side(band)} the published ${pct(band.published)} for Step 2 CK ${band.band}, although synthetic applicants across the band came within the target`,
    );
  else if (band)
    parts.push(
      `${entry.overall ? "and " : `for synthetic ${who} to ${sp.name}, `}at Step 2 CK ${band.band} about ${points(band.difference)} ${side(band)} the published ${pct(band.published)}`,
    );
  if (entry.interviews)
    parts.push(
      `the model expects ${Math.abs(entry.interviews.difference).toFixed(1)} ${entry.interviews.direction === "over" ? "more" : "fewer"} contiguous ranks than the published ${entry.interviews.published.toFixed(1)}`,
    );
  if (parts.length === 0) return null;
  const direction = lead?.direction ?? (entry.interviews as Miss).direction;
  const reading = direction === "under" ? "a floor" : "a ceiling";
  return {
    direction,
    difference: lead?.difference ?? (entry.interviews as Miss).difference,
    publishedMatchRate: lead?.published ?? null,
    applicantType: type,
    band: band?.band ?? null,
    text: `Checked against the published record (npm run calibrate, docs/calibration.md): ${parts.join("; ")}. Read P(match) here as ${reading}${lead ? "; the range shown reaches the published rate" : ""}. ${model.calibration.reading}`,
    sources: model.calibration.sources,
  };
}
