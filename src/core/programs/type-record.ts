import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * Each applicant type on its own published record (issue 13, item 3).
 *
 * Spec. For one applicant type and specialty, gather what the odds model reads about that type's
 * applicants: the match rate of those who ranked the specialty (the prior of P(match | k
 * interviews)), the Step 2 CK distributions of matched and unmatched applicants (slope and
 * reference), their research means, and the contiguous-ranks distributions (the shape of P(match |
 * k)). Which source serves which type:
 * - non-US IMG: Charting Outcomes 2026 (every piece, own ranks);
 * - U.S. MD: Charting Outcomes 2026 U.S. MD (rate from the consenting counts, Step 2 CK medians and
 *   the matched IQR; the 2024 edition where 2026 lacks a count), research means of 2024;
 * - DO: Charting Outcomes 2024 DO seniors (rate and means; spread from the U.S. MD matched IQR);
 * - U.S. IMG: NRMP 2025 (matched among those who ranked it, PGY-1) with the non-US IMGs'
 *   distributions.
 * No type but non-US IMGs has published ranks in the data: their P(match | k) borrows the
 * specialty's non-US IMG ranks as the likelihood ratio of k ranks between matched and unmatched
 * (pooled over specialties where either group is thin), with the type's own rate as the prior.
 * Every fallback taken is named in `assumptions`, in the words of `data/model/program-model.yaml`
 * (`typeRecords.fallbacks`). O(specialties) once per rulebook, then O(1) (memo).
 */
export interface GroupFit {
  mean: number;
  sd: number;
  /** Applicants behind the figure. */
  n: number;
}

export interface TypeRecord {
  applicantType: ApplicantType;
  specialty: string;
  /** P(match | ranked the specialty) of the type: the curve's prior. */
  rate: { value: number; applicants: number; label: string; sources: string[] } | null;
  step2ck: { matched: GroupFit; notMatched: GroupFit; sources: string[] } | null;
  /** The type's mean Step 2 CK over matched and unmatched (weighted by n), where any mean is published. */
  reference: number | null;
  /** Mean research experiences of the type's matched and unmatched applicants. */
  research: {
    matched: number;
    notMatched: number;
    nMatched: number;
    nNotMatched: number;
    sources: string[];
  } | null;
  /**
   * Contiguous ranks of matched and unmatched applicants; `own` = the type's own figures, `pooled` =
   * averaged over specialties (the specialty's own are too thin).
   */
  ranks: { matched: GroupFit; notMatched: GroupFit; own: boolean; pooled: boolean; sources: string[] } | null;
  /** Each fallback this record rests on, as stated in the model data. */
  assumptions: Array<{ id: string; text: string }>;
}

/** Interquartile range of a normal distribution in standard deviations: 2 · Φ⁻¹(0.75). */
const IQR_PER_SD = 1.349;
const CO = "nrmp-charting-outcomes-nonus-img-2026";

/** Kept per rulebook and per model data (keyed by the model's `typeRecords`, which a variant of the model shares). */
const memo = new WeakMap<Rulebook, WeakMap<object, Map<string, TypeRecord>>>();

export function typeRecord(
  rb: Rulebook,
  model: ProgramModel,
  type: ApplicantType,
  specialty: string,
): TypeRecord {
  let byModel = memo.get(rb);
  if (!byModel) {
    byModel = new WeakMap();
    memo.set(rb, byModel);
  }
  let cache = byModel.get(model.typeRecords);
  if (!cache) {
    cache = new Map();
    byModel.set(model.typeRecords, cache);
  }
  const key = `${type}|${specialty}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const built = build(rb, model, type, specialty);
  cache.set(key, built);
  return built;
}

type Fallback = keyof ProgramModel["typeRecords"]["fallbacks"];

function build(rb: Rulebook, model: ProgramModel, type: ApplicantType, specialty: string): TypeRecord {
  const fb = model.typeRecords.fallbacks;
  const assumptions: TypeRecord["assumptions"] = [];
  const assume = (id: Fallback) => {
    if (!assumptions.some((a) => a.id === id)) assumptions.push({ id, text: fb[id].assumption });
  };
  const img = nonUsImg(rb, specialty);
  const own = type === "non-us-img" ? img : ownRecord(rb, type, specialty, assume);
  const base: TypeRecord =
    own ?? (type === "non-us-img" ? emptyRecord(type, specialty) : { ...img, applicantType: type });
  if (!own && type !== "non-us-img") assume("noRecord");
  const record: TypeRecord = { ...base, applicantType: type, specialty, assumptions };
  if (!record.ranks?.own) {
    const ranks = borrowedRanks(rb, model, specialty);
    if (ranks) {
      record.ranks = ranks;
      assume("ranksBorrowed");
      if (ranks.pooled) assume("ranksPooled");
    }
  }
  return record;
}

function emptyRecord(type: ApplicantType, specialty: string): TypeRecord {
  return {
    applicantType: type,
    specialty,
    rate: null,
    step2ck: null,
    reference: null,
    research: null,
    ranks: null,
    assumptions: [],
  };
}

/** A published group as mean, SD and count; null where NRMP suppressed either figure. An SD of 0 is kept (the curve floors it). */
function groupFit(g: { n: number; mean: number | null; sd: number | null }): GroupFit | null {
  return g.mean !== null && g.sd !== null ? { mean: g.mean, sd: g.sd, n: g.n } : null;
}

/** The non-US IMG record of Charting Outcomes 2026. */
function nonUsImg(rb: Rulebook, specialty: string): TypeRecord {
  const co = rb.chartingOutcomes.specialties[specialty];
  if (!co) return emptyRecord("non-us-img", specialty);
  const m = groupFit(co.step2ck.matched);
  const u = groupFit(co.step2ck.notMatched);
  const rm = co.research.matched;
  const ru = co.research.notMatched;
  const km = groupFit(co.contiguousRanks.matched);
  const ku = groupFit(co.contiguousRanks.notMatched);
  return {
    applicantType: "non-us-img",
    specialty,
    rate: {
      value: co.matchRate,
      applicants: co.applicants,
      label: "Charting Outcomes 2026, non-US IMGs who preferred it",
      sources: [CO],
    },
    step2ck: m && u ? { matched: m, notMatched: u, sources: [CO] } : null,
    reference: weightedMean([co.step2ck.matched, co.step2ck.notMatched]),
    research:
      rm.mean !== null && ru.mean !== null
        ? { matched: rm.mean, notMatched: ru.mean, nMatched: rm.n, nNotMatched: ru.n, sources: [CO] }
        : null,
    ranks:
      km && ku && km.mean > 0 && ku.mean > 0
        ? { matched: km, notMatched: ku, own: true, pooled: false, sources: [CO] }
        : null,
    assumptions: [],
  };
}

function ownRecord(
  rb: Rulebook,
  type: Exclude<ApplicantType, "non-us-img">,
  specialty: string,
  assume: (id: Fallback) => void,
): TypeRecord | null {
  const o = rb.outcomes;
  if (type === "us-img") {
    const advanced = rb.specialties.get(specialty)?.positions.value === "advanced";
    const row = advanced ? null : o.nrmp2025.specialties[specialty]?.["us-img"];
    const img = nonUsImg(rb, specialty);
    if (!row || row.applicants === 0) return null;
    assume("usImgRate");
    assume("usImgDistributions");
    return {
      ...img,
      applicantType: "us-img",
      rate: {
        value: row.matched / row.applicants,
        applicants: row.applicants,
        label: "NRMP 2025, U.S. IMGs who ranked it (PGY-1)",
        sources: [o.nrmp2025.source],
      },
    };
  }
  const y24 = o.seniors2024.specialties[specialty]?.[type];
  const y26 = type === "us-md" ? o.usMd2026.specialties[specialty] : undefined;
  const md26 = o.usMd2026.specialties[specialty]?.matched;
  const iqrSd = md26 && md26.q1 !== null && md26.q3 !== null ? (md26.q3 - md26.q1) / IQR_PER_SD : null;
  const sd = iqrSd ?? pooledIqrSd(rb);
  if (iqrSd === null) assume("spreadPooled");
  const counted26 = y26 && y26.matched.n !== null && y26.notMatched.n !== null;
  const rate = counted26
    ? {
        value: (y26.matched.n as number) / ((y26.matched.n as number) + (y26.notMatched.n as number)),
        applicants: (y26.matched.n as number) + (y26.notMatched.n as number),
        label: "Charting Outcomes 2026, consenting U.S. MD seniors who preferred it",
        sources: [o.usMd2026.source],
      }
    : y24
      ? {
          value: y24.matched / (y24.matched + y24.notMatched),
          applicants: y24.matched + y24.notMatched,
          label: `Charting Outcomes 2024, ${type === "do" ? "DO" : "U.S. MD"} seniors who preferred it`,
          sources: [o.seniors2024.source],
        }
      : null;
  if (!rate) return null;
  const mMean = (type === "us-md" ? y26?.matched.median : null) ?? y24?.step2ck.matched ?? null;
  const uMean = (type === "us-md" ? y26?.notMatched.median : null) ?? y24?.step2ck.notMatched ?? null;
  const nM = (type === "us-md" ? y26?.matched.n : null) ?? y24?.matched ?? 0;
  const nU = (type === "us-md" ? y26?.notMatched.n : null) ?? y24?.notMatched ?? 0;
  const step2ck =
    mMean !== null && uMean !== null && sd !== null
      ? {
          matched: { mean: mMean, sd, n: nM },
          notMatched: { mean: uMean, sd, n: nU },
          sources: [
            ...new Set([
              ...(y26 && type === "us-md" ? [o.usMd2026.source] : []),
              ...(y24 ? [o.seniors2024.source] : []),
            ]),
          ],
        }
      : null;
  if (step2ck) assume(type === "us-md" ? "usMdSpread" : "doSpread");
  const research =
    y24 && y24.research.matched !== null && y24.research.notMatched !== null
      ? {
          matched: y24.research.matched,
          notMatched: y24.research.notMatched,
          nMatched: y24.matched,
          nNotMatched: y24.notMatched,
          sources: [o.seniors2024.source],
        }
      : null;
  const reference = weightedMean([
    { n: nM, mean: mMean },
    { n: nU, mean: uMean },
  ]);
  return { applicantType: type, specialty, rate, step2ck, reference, research, ranks: null, assumptions: [] };
}

/** Mean over the groups that publish one, weighted by their applicants (equal weights when none is counted). */
function weightedMean(groups: Array<{ n: number | null; mean: number | null }>): number | null {
  const known = groups.filter((g): g is { n: number | null; mean: number } => g.mean !== null);
  if (known.length === 0) return null;
  const n = known.reduce((a, g) => a + (g.n ?? 0), 0);
  if (n === 0) return known.reduce((a, g) => a + g.mean, 0) / known.length;
  return known.reduce((a, g) => a + (g.n ?? 0) * g.mean, 0) / n;
}

/** Mean U.S. MD matched Step 2 CK SD (IQR ÷ 1.349) over specialties, where a specialty gives none. */
function pooledIqrSd(rb: Rulebook): number | null {
  const sds = Object.values(rb.outcomes.usMd2026.specialties)
    .map((s) =>
      s.matched.q1 !== null && s.matched.q3 !== null ? (s.matched.q3 - s.matched.q1) / IQR_PER_SD : null,
    )
    .filter((x): x is number => x !== null);
  return sds.length > 0 ? sds.reduce((a, x) => a + x, 0) / sds.length : null;
}

/**
 * The specialty's non-US IMG ranks when both groups hold at least `minGroupSize` applicants,
 * else their mean over the specialties where they do (weighted by applicants).
 */
function borrowedRanks(rb: Rulebook, model: ProgramModel, specialty: string): TypeRecord["ranks"] {
  const min = model.interview.strengthSlopes.minGroupSize;
  const own = nonUsImg(rb, specialty).ranks;
  if (own && own.matched.n >= min && own.notMatched.n >= min) return { ...own, own: false, pooled: false };
  if (!own) return null;
  const pool = (pick: "matched" | "notMatched"): GroupFit => {
    let n = 0;
    let mean = 0;
    let second = 0;
    for (const id of Object.keys(rb.chartingOutcomes.specialties)) {
      const r = nonUsImg(rb, id).ranks;
      if (!r || r.matched.n < min || r.notMatched.n < min) continue;
      const g = r[pick];
      n += g.n;
      mean += g.n * g.mean;
      second += g.n * (g.sd ** 2 + g.mean ** 2);
    }
    const m = mean / n;
    return { mean: m, sd: Math.sqrt(Math.max(0, second / n - m * m)), n };
  };
  return {
    matched: pool("matched"),
    notMatched: pool("notMatched"),
    own: false,
    pooled: true,
    sources: [CO],
  };
}
