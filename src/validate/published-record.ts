import { passingScore } from "../core/assess/derive-facts.ts";
import { normalCdf, wilsonInterval } from "../core/math/normal.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import type { ApplicantType } from "../core/vocabulary.ts";
import type { CalibrationInputs } from "./settings.ts";

/**
 * The published record for one specialty and applicant type, in the shape the harness needs:
 * the rate to compare with, the distributions to draw the cohort from, the Step 2 CK band curve
 * and the mean contiguous ranks. Each piece says where it comes from.
 *
 * Which source serves which type:
 * - non-US IMG: Charting Outcomes 2026 (rate, Step 2 CK and research by outcome, ranks); bands by
 *   Bayes on its two Step 2 CK distributions.
 * - U.S. MD: Charting Outcomes 2026 U.S. MD (rate from the consenting counts, Step 2 CK
 *   quartiles; the 2024 edition where a 2026 count is missing), research means of 2024; bands
 *   from the pooled 2020–2024 grid (published P(match | band) with its counts).
 * - DO: Charting Outcomes 2024 DO seniors (rate, means); bands by Bayes on the means.
 * - U.S. IMG: NRMP 2025 (matched among those who ranked the specialty, PGY-1 positions), with the
 *   non-US IMGs' distributions; no band curve.
 */
export interface NormalFit {
  mean: number;
  sd: number;
}

export interface GroupFit {
  /** Applicants behind the distribution. */
  n: number;
  step2ck: NormalFit;
  /** Research experiences; null where none is published for the specialty. */
  research: NormalFit | null;
}

export interface PublishedFigure {
  value: number;
  matched: number;
  applicants: number;
  /** A short label naming the edition and what it counts. */
  label: string;
  sources: string[];
}

export interface BandReference {
  label: string;
  /** Inclusive score range; null = open-ended. */
  lo: number | null;
  hi: number | null;
  published: number;
  /** Published applicants behind the figure (expected, for curves implied from distributions). */
  applicants: number;
}

export interface PublishedCell {
  specialty: string;
  applicantType: ApplicantType;
  rate: PublishedFigure & { interval: { low: number; high: number } };
  matched: GroupFit;
  notMatched: GroupFit;
  /** What the cohort's Step 2 CK and research are drawn from. */
  drawnFrom: string;
  bands: BandReference[] | null;
  bandBasis: string | null;
  /** The band curve is implied from distributions (Bayes), so it exists at any score, not only at the bands listed. */
  bandsImplied: boolean;
  /** Also show, beside each target band, the P(match | band) the cohort's own distributions imply (U.S. MD: 2026). */
  bandsAlsoImplied: string | null;
  ranks: { mean: number; applicants: number; label: string } | null;
  /** Other published figures for the same type and specialty, shown beside the target. */
  also: PublishedFigure[];
  cautions: string[];
}

const CO = "nrmp-charting-outcomes-nonus-img-2026";
/** Interquartile range of a normal distribution in standard deviations: 2 · Φ⁻¹(0.75). */
const IQR_PER_SD = 1.349;

/** Specialties with a P(match) in the product × applicant types with a published rate. */
export function publishedCells(
  rb: Rulebook,
  inputs: CalibrationInputs,
  specialties: readonly string[],
): PublishedCell[] {
  const out: PublishedCell[] = [];
  for (const s of specialties) {
    for (const build of [nonUsImgCell, usMdCell, doCell, usImgCell]) {
      const cell = build(rb, inputs, s);
      if (cell) out.push(cell);
    }
  }
  return out;
}

function withInterval(f: PublishedFigure, inputs: CalibrationInputs): PublishedCell["rate"] {
  return { ...f, interval: wilsonInterval(f.value, f.applicants, inputs.settings.targets.publishedInterval) };
}

function figure(matched: number, applicants: number, label: string, sources: string[]): PublishedFigure {
  return { value: matched / applicants, matched, applicants, label, sources };
}

/** Pooled coefficient of variation of the non-US IMGs' research counts in the specialty (all specialties if absent). */
function researchCv(rb: Rulebook, specialty: string): number {
  const cv = (id: string): number | null => {
    const r = rb.chartingOutcomes.specialties[id]?.research;
    if (!r) return null;
    const groups = [r.matched, r.notMatched].filter(
      (g) => g.mean !== null && g.sd !== null && g.mean > 0 && g.n > 0,
    );
    if (groups.length === 0) return null;
    const n = groups.reduce((a, g) => a + g.n, 0);
    const mean = groups.reduce((a, g) => a + g.n * (g.mean as number), 0) / n;
    const second =
      groups.reduce((a, g) => a + g.n * ((g.sd as number) ** 2 + (g.mean as number) ** 2), 0) / n;
    return Math.sqrt(Math.max(0, second - mean * mean)) / mean;
  };
  const own = cv(specialty);
  if (own !== null) return own;
  const all = Object.keys(rb.chartingOutcomes.specialties)
    .map(cv)
    .filter((x): x is number => x !== null);
  return all.reduce((a, x) => a + x, 0) / Math.max(1, all.length);
}

function coGroups(rb: Rulebook, specialty: string): { matched: GroupFit; notMatched: GroupFit } | null {
  const co = rb.chartingOutcomes.specialties[specialty];
  if (!co) return null;
  const normalOf = (g: { n: number; mean: number | null; sd: number | null }): NormalFit | null =>
    g.mean !== null && g.sd !== null ? { mean: g.mean, sd: g.sd } : null;
  const m = normalOf(co.step2ck.matched);
  const u = normalOf(co.step2ck.notMatched);
  if (!m || !u) return null;
  return {
    matched: { n: co.step2ck.matched.n, step2ck: m, research: normalOf(co.research.matched) },
    notMatched: { n: co.step2ck.notMatched.n, step2ck: u, research: normalOf(co.research.notMatched) },
  };
}

function nrmpFigure(
  inputs: CalibrationInputs,
  specialty: string,
  type: ApplicantType,
): PublishedFigure | null {
  const row = inputs.nrmp2025.specialties[specialty]?.[type];
  if (!row || row.applicants === 0) return null;
  return figure(row.matched, row.applicants, "NRMP 2025: matched among those who ranked it (PGY-1)", [
    inputs.nrmp2025.source,
  ]);
}

function nonUsImgCell(rb: Rulebook, inputs: CalibrationInputs, specialty: string): PublishedCell | null {
  const co = rb.chartingOutcomes.specialties[specialty];
  const groups = coGroups(rb, specialty);
  if (!co || !groups) return null;
  const r = co.contiguousRanks;
  const ranks =
    r.matched.mean !== null && r.notMatched.mean !== null
      ? {
          mean: co.matchRate * r.matched.mean + (1 - co.matchRate) * r.notMatched.mean,
          applicants: r.matched.n + r.notMatched.n,
          label:
            "Charting Outcomes 2026: mean contiguous ranks, matched and not matched mixed at the match rate",
        }
      : null;
  const advanced = rb.specialties.get(specialty)?.positions.value === "advanced";
  const nrmp = advanced ? null : nrmpFigure(inputs, specialty, "non-us-img");
  return {
    specialty,
    applicantType: "non-us-img",
    rate: withInterval(
      figure(co.matched, co.applicants, "Charting Outcomes 2026: matched among those who preferred it", [CO]),
      inputs,
    ),
    ...groups,
    drawnFrom: "Charting Outcomes 2026 non-US IMGs: Step 2 CK and research by outcome (mean, SD)",
    bands: bayesBands(rb, inputs, co.matchRate, groups.matched, groups.notMatched),
    bandBasis: "Bayes on Charting Outcomes 2026's matched and not-matched Step 2 CK (normal fits)",
    bandsImplied: true,
    bandsAlsoImplied: null,
    ranks,
    also: nrmp ? [nrmp] : [],
    cautions: [],
  };
}

function usMdCell(rb: Rulebook, inputs: CalibrationInputs, specialty: string): PublishedCell | null {
  const y26 = inputs.usMd2026.specialties[specialty];
  const y24 = inputs.seniors2024.specialties[specialty]?.["us-md"];
  if (!y26 && !y24) return null;
  const m = y26?.matched;
  const sd = m && m.q1 !== null && m.q3 !== null ? (m.q3 - m.q1) / IQR_PER_SD : null;
  const mMean = m?.median ?? y24?.step2ck.matched ?? null;
  const uMean = y26?.notMatched.median ?? y24?.step2ck.notMatched ?? null;
  if (sd === null || mMean === null || uMean === null) return null;
  const cv = researchCv(rb, specialty);
  const research = (mean: number | null | undefined): NormalFit | null =>
    mean === null || mean === undefined ? null : { mean, sd: mean * cv };
  const counted2026 = y26 && y26.matched.n !== null && y26.notMatched.n !== null;
  const rate = counted2026
    ? figure(
        y26.matched.n as number,
        (y26.matched.n as number) + (y26.notMatched.n as number),
        "Charting Outcomes 2026: matched among consenting seniors who preferred it",
        [inputs.usMd2026.source],
      )
    : y24
      ? figure(
          y24.matched,
          y24.matched + y24.notMatched,
          "Charting Outcomes 2024: matched among seniors who preferred it",
          [inputs.seniors2024.source],
        )
      : null;
  if (!rate) return null;
  const matched: GroupFit = {
    n: y26?.matched.n ?? y24?.matched ?? 0,
    step2ck: { mean: mMean, sd },
    research: research(y24?.research.matched),
  };
  const notMatched: GroupFit = {
    n: y26?.notMatched.n ?? y24?.notMatched ?? 0,
    step2ck: { mean: uMean, sd },
    research: research(y24?.research.notMatched),
  };
  const grid = inputs.pooledBands.specialties[specialty];
  const pass = passingScore(rb.exam.usmle.step2ckMinimumPass, inputs.settings.asOf);
  const also: PublishedFigure[] = [];
  if (counted2026 && y24)
    also.push(
      figure(y24.matched, y24.matched + y24.notMatched, "Charting Outcomes 2024", [
        inputs.seniors2024.source,
      ]),
    );
  const nrmp =
    rb.specialties.get(specialty)?.positions.value === "advanced"
      ? null
      : nrmpFigure(inputs, specialty, "us-md");
  if (nrmp) also.push(nrmp);
  return {
    specialty,
    applicantType: "us-md",
    rate: withInterval(rate, inputs),
    matched,
    notMatched,
    drawnFrom:
      "Step 2 CK: Charting Outcomes 2026 U.S. MD medians and matched IQR (not-matched spread assumed equal); research: 2024 means",
    bands: grid
      ? grid.bands
          // Bands wholly below the passing standard hold nobody who can apply now.
          .filter((b) => b.pMatch !== null && (b.hi === null || b.hi >= pass))
          .map((b) => ({
            label: bandLabel(b.lo, b.hi),
            lo: b.lo,
            hi: b.hi,
            published: b.pMatch as number,
            applicants: b.n,
          }))
      : null,
    bandBasis: grid ? "published P(match | band), U.S. MD seniors pooled 2020–2024 (third-party grid)" : null,
    bandsImplied: false,
    bandsAlsoImplied: "Bayes on Charting Outcomes 2026's U.S. MD Step 2 CK (not-matched spread assumed)",
    ranks: null,
    also,
    cautions: [],
  };
}

function doCell(rb: Rulebook, inputs: CalibrationInputs, specialty: string): PublishedCell | null {
  const y24 = inputs.seniors2024.specialties[specialty]?.do;
  const md = inputs.usMd2026.specialties[specialty]?.matched;
  if (!y24 || !md || md.q1 === null || md.q3 === null) return null;
  const sd = (md.q3 - md.q1) / IQR_PER_SD;
  const mMean = y24.step2ck.matched ?? y24.step2ck.notMatched;
  const uMean = y24.step2ck.notMatched ?? y24.step2ck.matched;
  if (mMean === null || uMean === null) return null;
  const cv = researchCv(rb, specialty);
  const research = (mean: number | null): NormalFit | null =>
    mean === null ? null : { mean, sd: mean * cv };
  const rate = figure(
    y24.matched,
    y24.matched + y24.notMatched,
    "Charting Outcomes 2024: matched among DO seniors who preferred it",
    [inputs.seniors2024.source],
  );
  const matched: GroupFit = {
    n: y24.matched,
    step2ck: { mean: mMean, sd },
    research: research(y24.research.matched),
  };
  const notMatched: GroupFit = {
    n: y24.notMatched,
    step2ck: { mean: uMean, sd },
    research: research(y24.research.notMatched),
  };
  const bothMeans = y24.step2ck.matched !== null && y24.step2ck.notMatched !== null;
  const nrmp =
    rb.specialties.get(specialty)?.positions.value === "advanced"
      ? null
      : nrmpFigure(inputs, specialty, "do");
  return {
    specialty,
    applicantType: "do",
    rate: withInterval(rate, inputs),
    matched,
    notMatched,
    drawnFrom: "Charting Outcomes 2024 DO means (spread assumed: the U.S. MD 2026 matched IQR)",
    bands: bothMeans ? bayesBands(rb, inputs, rate.value, matched, notMatched) : null,
    bandBasis: bothMeans ? "Bayes on Charting Outcomes 2024's DO Step 2 CK means (spread assumed)" : null,
    bandsImplied: bothMeans,
    bandsAlsoImplied: null,
    ranks: null,
    also: nrmp ? [nrmp] : [],
    cautions: y24.caution ? [`Charting Outcomes 2024 DO row: ${y24.caution}`] : [],
  };
}

function usImgCell(rb: Rulebook, inputs: CalibrationInputs, specialty: string): PublishedCell | null {
  if (rb.specialties.get(specialty)?.positions.value === "advanced") return null;
  const rate = nrmpFigure(inputs, specialty, "us-img");
  const groups = coGroups(rb, specialty);
  if (!rate || !groups) return null;
  return {
    specialty,
    applicantType: "us-img",
    rate: withInterval(rate, inputs),
    ...groups,
    drawnFrom: "borrowed: Charting Outcomes 2026 non-US IMG Step 2 CK and research by outcome",
    bands: null,
    bandBasis: null,
    bandsImplied: false,
    bandsAlsoImplied: null,
    ranks: null,
    also: [],
    cautions: [
      "NRMP 2025 counts everyone who ranked the specialty, backups included, and PGY-1 positions only: a lower bound on the rate of those who preferred it.",
    ],
  };
}

export function bandLabel(lo: number | null, hi: number | null): string {
  if (lo === null) return `<${(hi as number) + 1}`;
  if (hi === null) return `${lo}+`;
  return `${lo}–${hi}`;
}

/**
 * P(match | Step 2 CK band) implied by the matched and not-matched distributions and the match
 * rate r: r·f_m(band) / (r·f_m(band) + (1 − r)·f_u(band)), with normal fits and whole-point scores
 * (a band a..b covers a − ½ to b + ½). Bands run from the one holding the passing standard (the
 * published cohorts had passed; scores below it are not counted) to the top of the scale, leaving
 * out those where fewer than one published applicant would fall.
 */
export function bayesBands(
  rb: Rulebook,
  inputs: CalibrationInputs,
  r: number,
  m: GroupFit,
  u: GroupFit,
): BandReference[] {
  const width = inputs.settings.targets.band.width;
  const pass = passingScore(rb.exam.usmle.step2ckMinimumPass, inputs.settings.asOf);
  const max = rb.exam.usmle.scale.value.max;
  const out: BandReference[] = [];
  for (let lo = Math.floor(pass / width) * width; lo <= max; lo += width) {
    const hi = Math.min(max, lo + width - 1);
    const b = bayesBand(r, m, u, Math.max(lo, pass), hi);
    if (b.applicants >= 1) out.push({ label: bandLabel(lo, hi), lo, hi, ...b });
  }
  return out;
}

/**
 * P(match | lo ≤ Step 2 CK ≤ hi) from the two groups' normal fits and the match rate, with the
 * published applicants expected in the range (whole-point scores: a..b covers a − ½ to b + ½).
 */
export function bayesBand(
  r: number,
  m: GroupFit,
  u: GroupFit,
  lo: number,
  hi: number,
): { published: number; applicants: number } {
  const mass = (g: NormalFit) =>
    normalCdf((hi + 0.5 - g.mean) / g.sd) - normalCdf((lo - 0.5 - g.mean) / g.sd);
  const pm = mass(m.step2ck);
  const pu = mass(u.step2ck);
  const denominator = r * pm + (1 - r) * pu;
  return {
    published: denominator > 0 ? (r * pm) / denominator : Number.NaN,
    applicants: m.n * pm + u.n * pu,
  };
}

/** The band of a list that holds a score, or null. */
export function bandOf(bands: readonly BandReference[], score: number): BandReference | null {
  return bands.find((b) => (b.lo === null || score >= b.lo) && (b.hi === null || score <= b.hi)) ?? null;
}
