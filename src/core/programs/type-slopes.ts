import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";
import { type GroupFit, typeRecord } from "./type-record.ts";

/**
 * The Step 2 CK slope and reference of one applicant type in one specialty, from the type's own
 * record (type-record.ts).
 *
 * Spec. Problem: a slope pooled over specialties reads a score effect into specialties where the
 * published record shows none (non-US IMGs in DR: matched and unmatched means 251 and 250), while a
 * specialty's own slope from a few dozen applicants is mostly noise. Steps: (1) each specialty's
 * linear-discriminant slope b = (mean_M − mean_U) / pooled variance — the log-odds per point for
 * two normal groups of equal variance (Efron, JASA 1975) — with its sampling error
 * se = (1/n_M + 1/n_U)^½ ÷ SD; (2) the type's pooled slope b̄, weighted by applicants, over
 * specialties whose groups both reach `minGroupSize`; (3) the spread of true slopes beyond
 * sampling error, τ² = max(0, weighted variance of b − weighted mean of se²) (method of moments);
 * (4) the shrunk slope b̄ + τ²/(τ² + se²)·(b − b̄), never below zero. Complexity O(specialties) per
 * type, once (memo). Reference: Efron & Morris, "Data analysis using Stein's estimator", JASA 1975.
 */
export interface SpecialtySlope {
  /** Log-odds per Step 2 CK point used by the model. */
  perPoint: number;
  /** The specialty's own slope and its sampling error, or null where the record has no distributions. */
  own: { slope: number; se: number } | null;
  /** The type's pooled slope and the weight the specialty's own slope receives. */
  pooled: number;
  weight: number;
  /** The reference score: the mean over matched and unmatched applicants of the type (weighted by n). */
  reference: number | null;
  /** Applicants behind the pooled slope, and the specialties it averages. */
  sampleSize: number;
  specialtiesUsed: number;
  sources: string[];
}

interface Pooled {
  slope: number;
  tau2: number;
  sampleSize: number;
  specialtiesUsed: number;
}

/** Kept per rulebook and per model data (keyed by `typeRecords`, which a variant of the model shares). */
const pooledMemo = new WeakMap<Rulebook, WeakMap<object, Map<ApplicantType, Pooled>>>();

function ldaSlope(m: GroupFit, u: GroupFit): { slope: number; se: number } | null {
  if (m.n < 2 || u.n < 2) return null;
  const variance = ((m.n - 1) * m.sd ** 2 + (u.n - 1) * u.sd ** 2) / (m.n + u.n - 2);
  if (!(variance > 0)) return null;
  return { slope: (m.mean - u.mean) / variance, se: Math.sqrt(1 / m.n + 1 / u.n) / Math.sqrt(variance) };
}

function pooledFor(rb: Rulebook, model: ProgramModel, type: ApplicantType): Pooled {
  let byModel = pooledMemo.get(rb);
  if (!byModel) {
    byModel = new WeakMap();
    pooledMemo.set(rb, byModel);
  }
  let byType = byModel.get(model.typeRecords);
  if (!byType) {
    byType = new Map();
    byModel.set(model.typeRecords, byType);
  }
  const hit = byType.get(type);
  if (hit) return hit;
  const min = model.interview.strengthSlopes.minGroupSize;
  const rows: Array<{ b: number; se: number; w: number }> = [];
  for (const id of rb.specialties.keys()) {
    const r = typeRecord(rb, model, type, id);
    // A record borrowed from another type says nothing about this type's slope.
    if (!r.step2ck || r.assumptions.some((a) => a.id === "noRecord")) continue;
    const { matched: m, notMatched: u } = r.step2ck;
    if (m.n < min || u.n < min) continue;
    const s = ldaSlope(m, u);
    if (s) rows.push({ b: s.slope, se: s.se, w: m.n + u.n });
  }
  const total = rows.reduce((a, x) => a + x.w, 0);
  const slope = total > 0 ? rows.reduce((a, x) => a + x.w * x.b, 0) / total : 0;
  const spread = total > 0 ? rows.reduce((a, x) => a + x.w * (x.b - slope) ** 2, 0) / total : 0;
  const noise = total > 0 ? rows.reduce((a, x) => a + x.w * x.se ** 2, 0) / total : 0;
  const pooled = {
    slope,
    tau2: Math.max(0, spread - noise),
    sampleSize: total,
    specialtiesUsed: rows.length,
  };
  byType.set(type, pooled);
  return pooled;
}

export function step2ckSlope(
  rb: Rulebook,
  model: ProgramModel,
  type: ApplicantType,
  specialty: string,
): SpecialtySlope {
  const pooled = pooledFor(rb, model, type);
  const r = typeRecord(rb, model, type, specialty);
  const own = r.step2ck ? ldaSlope(r.step2ck.matched, r.step2ck.notMatched) : null;
  const weight = own && pooled.tau2 > 0 ? pooled.tau2 / (pooled.tau2 + own.se ** 2) : 0;
  const perPoint = Math.max(0, own ? pooled.slope + weight * (own.slope - pooled.slope) : pooled.slope);
  return {
    perPoint,
    own,
    pooled: pooled.slope,
    weight,
    reference: r.reference,
    sampleSize: pooled.sampleSize,
    specialtiesUsed: pooled.specialtiesUsed,
    sources: r.step2ck?.sources ?? r.rate?.sources ?? [],
  };
}
