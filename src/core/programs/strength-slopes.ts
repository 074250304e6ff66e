import type { ChartingOutcomes } from "../rulebook/schemas.ts";

/**
 * Log-odds slopes per unit of a measure, from matched vs unmatched distributions.
 *
 * Spec. Problem: how much one more Step 2 CK point (or research item) moves the odds of
 * matching, from published group summaries only. Steps: for every specialty whose matched and
 * unmatched groups both have n ≥ minGroupSize and a mean and sd, take the linear-discriminant
 * slope (mean_M − mean_U) / pooled variance — exact for two normal groups with equal variance;
 * average the slopes weighted by the specialty's total n. Complexity O(specialties).
 * Reference: Efron, "The efficiency of logistic regression compared to normal discriminant
 * analysis", JASA 1975 (LDA and logistic slopes coincide under normality).
 */
export interface Slope {
  perUnit: number;
  specialtiesUsed: number;
  sampleSize: number;
}

type Measure = "step2ck" | "research";

export function pooledSlope(co: ChartingOutcomes, measure: Measure, minGroupSize: number): Slope {
  // The loaded data does not change, and every plan asks for the same slope: made once per data.
  let bySettings = slopes.get(co);
  if (!bySettings) {
    bySettings = new Map();
    slopes.set(co, bySettings);
  }
  const key = `${measure}|${minGroupSize}`;
  let slope = bySettings.get(key);
  if (!slope) {
    slope = fitPooledSlope(co, measure, minGroupSize);
    bySettings.set(key, slope);
  }
  return { ...slope };
}
const slopes = new WeakMap<ChartingOutcomes, Map<string, Slope>>();

function fitPooledSlope(co: ChartingOutcomes, measure: Measure, minGroupSize: number): Slope {
  let weighted = 0;
  let total = 0;
  let used = 0;
  for (const s of Object.values(co.specialties)) {
    const m = s[measure].matched;
    const u = s[measure].notMatched;
    if (
      m.n < minGroupSize ||
      u.n < minGroupSize ||
      m.mean === null ||
      u.mean === null ||
      m.sd === null ||
      u.sd === null
    )
      continue;
    const pooledVar = ((m.n - 1) * m.sd ** 2 + (u.n - 1) * u.sd ** 2) / (m.n + u.n - 2);
    if (pooledVar <= 0) continue;
    weighted += ((m.mean - u.mean) / pooledVar) * (m.n + u.n);
    total += m.n + u.n;
    used++;
  }
  return { perUnit: total > 0 ? weighted / total : 0, specialtiesUsed: used, sampleSize: total };
}

/** Mean of a measure over a specialty's matched and unmatched applicants together, or null. */
export function pooledMean(co: ChartingOutcomes, specialtyId: string, measure: Measure): number | null {
  const s = co.specialties[specialtyId];
  if (!s) return null;
  const m = s[measure].matched;
  const u = s[measure].notMatched;
  if (m.mean === null || u.mean === null || m.n + u.n === 0) return m.mean ?? u.mean;
  return (m.mean * m.n + u.mean * u.n) / (m.n + u.n);
}
