import { profileSchemaFor } from "../core/profile/profile-schema-for.ts";
import { validateProfile } from "../core/profile/validate-profile.ts";
import type { CalibrationNote } from "../core/programs/plan-program-list.ts";
import type { ProgramData } from "../core/programs/program-data.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { type JudgedRow, rowKey, type Status } from "./judge-rows.ts";
import { type ListMeasurement, planAtApplications } from "./plan-at-applications.ts";
import { type BandReference, bandLabel, bandOf, bayesBand, type PublishedCell } from "./published-record.ts";
import { applicationsFor } from "./run-calibration.ts";
import type { CalibrationInputs } from "./settings.ts";

/**
 * Issue 13's table of single profiles, re-run: each profile planned as a user would get it (at
 * the applications count of its type), beside the published record for someone like them — the
 * band of their Step 2 CK on the type's published curve where there is one.
 */
export interface ProfileResult {
  name: string;
  specialty: string;
  record: string;
  applicantType: PublishedCell["applicantType"];
  score: number | null;
  measurement: ListMeasurement;
  /** The published band holding the score, on the type's target curve; null where there is none. */
  band: BandReference | null;
  bandBasis: string | null;
  status: Status | null;
  /** Why the band is shown but not judged (the settings' `notJudged`), or null. */
  notJudged: string | null;
  note: CalibrationNote | null;
}

export function runIssueProfiles(
  rb: Rulebook,
  data: ProgramData,
  inputs: CalibrationInputs,
  cells: readonly PublishedCell[],
): ProfileResult[] {
  const s = inputs.settings;
  const schema = profileSchemaFor(rb);
  return s.profiles.rows.map((row) => {
    const v = validateProfile(schema, { ...s.profiles.base, ...row.profile });
    if (!v.ok)
      throw new Error(
        `profile "${row.name}" is invalid: ${v.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      );
    const profile = v.value;
    const apps = applicationsFor(s, profile.applicantType, row.specialty).value;
    const m = planAtApplications(rb, data, profile, row.specialty, s.asOf, s.matchYear, apps);
    if (!m.ok) throw new Error(`profile "${row.name}": ${m.issues.map((i) => i.message).join("; ")}`);
    const cell = cells.find(
      (c) => c.specialty === row.specialty && c.applicantType === profile.applicantType,
    );
    const score = profile.step2ck.score;
    const t = s.targets.band;
    const listed = cell?.bands && score !== null ? bandOf(cell.bands, score) : null;
    // An implied curve has a value at every score, even where too few applicants sit to list the band.
    const lo = score === null ? 0 : Math.floor(score / t.width) * t.width;
    const band =
      listed ??
      (cell?.bandsImplied && score !== null
        ? {
            label: bandLabel(lo, lo + t.width - 1),
            lo,
            hi: lo + t.width - 1,
            ...bayesBand(cell.rate.value, cell.matched, cell.notMatched, lo, lo + t.width - 1),
          }
        : null);
    const status: Status | null =
      band && !row.notJudged
        ? band.applicants < t.minApplicants
          ? "THIN"
          : Math.abs(m.value.conditional - band.published) <= t.points
            ? "PASS"
            : "MISS"
        : null;
    return {
      name: row.name,
      specialty: row.specialty,
      record: row.record,
      applicantType: profile.applicantType,
      score,
      measurement: m.value,
      band,
      bandBasis: band ? (cell?.bandBasis ?? null) : null,
      status,
      notJudged: row.notJudged ?? null,
      note: m.value.plan.calibration,
    };
  });
}

/**
 * The profiles that miss their band where the cohort's row for that band does not: a realistic
 * applicant the model misses by more than the band target although the band's cohort mean is
 * within it — typically a score at the band's edge where the model's curve is steeper than the
 * published one. Each becomes the band's recorded miss, with the profile's own difference, so the
 * product's note reaches the applicant it describes (a cohort miss of the same band already does,
 * and is left as it is). The cohort rows keep their own verdicts and the summary counts only them.
 */
export function profileMissRows(profiles: readonly ProfileResult[], rows: readonly JudgedRow[]): JudgedRow[] {
  const out: JudgedRow[] = [];
  for (const p of profiles) {
    if (p.status !== "MISS" || !p.band) continue;
    const key = rowKey({
      specialty: p.specialty,
      applicantType: p.applicantType,
      measure: "band",
      band: p.band.label,
    });
    const cohort = rows.find((r) => rowKey(r) === key);
    if (cohort?.status === "MISS" || out.some((r) => rowKey(r) === key)) continue;
    out.push({
      specialty: p.specialty,
      applicantType: p.applicantType,
      measure: "band",
      band: p.band.label,
      lo: p.band.lo,
      hi: p.band.hi,
      published: p.band.published,
      applicants: p.band.applicants,
      predicted: p.measurement.conditional,
      difference: p.measurement.conditional - p.band.published,
      status: "MISS",
      heldOut: cohort?.heldOut ?? true,
      profile: p.name,
      ...(p.score !== null ? { profileStep2ck: p.score } : {}),
    });
  }
  return out;
}
