import { z } from "zod";
import type { Program } from "../catalog/program.ts";
import { PERCENT } from "../math/percent.ts";
import { sourceRef } from "../rulebook/schemas.ts";
import { APPLICANT_TYPES, type ApplicantType } from "../vocabulary.ts";
import type { MatchEstimate } from "./match-probability.ts";
import type { RangeBreakdown } from "./pmatch-range.ts";
import type { ProgramData } from "./program-data.ts";

/**
 * The PGY-1 year of an advanced specialty (positions starting at PGY-2: DR, IR, PM&R, …).
 *
 * Spec. An advanced position cannot be started without a PGY-1 year, so for such a specialty
 * P(match) is the joint chance of the advanced position and a PGY-1 position, unless the position
 * matched is a categorical one (PGY-1 included). Model:
 * - per PGY-1 track (transitional, preliminary medicine, preliminary surgery), the published chance
 *   of matching it for the applicant's type (NRMP 2025: matched among those who ranked it) is read
 *   as the chance of a list of `referenceApplications` programs of that track, so one program
 *   gives q = 1 − (1 − r)^(1/N); a program's own chance is q × P(it sponsors the visa needed);
 * - the supplemental list's chance is P1 = 1 − Π(1 − q_i) over its programs;
 * - a program whose every track is categorical (it offers no advanced track) includes its PGY-1
 *   year; c = the share of a typical applicant's expected interviews, on a list as long as the
 *   applicant's (visa aside), that such programs hold — like the list's length, it moves with
 *   neither the applicant's strength nor the visa;
 * - per strength draw, with x_l the draw's P(match) of list l and c_l its share (1 for a list of a
 *   specialty that needs no PGY-1), P(match and a PGY-1 year) = 1 − (1 − P1)·Π(1 − c_l·x_l) −
 *   P1·Π(1 − x_l). With one list this is x·(c + (1 − c)·P1).
 * The supplemental list's size is the fewest programs that reach `targetChance` at the published
 * rates (visa aside); under a budget the fees are split between it and the advanced list where the
 * joint chance of a typical applicant of the type is highest (splitSupplementalBudget).
 * Not modelled: the applicant's own strength in the PGY-1 match (the type's average is used), and
 * that one applicant's chances at PGY-1 programs move together (a weak applicant misses at all of
 * them), which flatters long lists. The published rate counts as unmatched those who ranked the
 * track but matched a program they preferred, so it reads low for the strongest applicants.
 */

const count = z.number().int().nonnegative();
const outcome = z
  .strictObject({ applicants: count, matched: count })
  .refine((o) => o.matched <= o.applicants, { message: "matched exceeds applicants" });

/** Schema of the `pgy1` section of data/model/program-model.yaml. */
export const pgy1ModelSchema = z.strictObject({
  method: z.string(),
  matchRate: z.strictObject({
    note: z.string(),
    sources: z.array(sourceRef).min(1),
    value: z.record(z.string(), z.partialRecord(z.enum(APPLICANT_TYPES), outcome)),
  }),
  referenceApplications: z.strictObject({ value: z.number().int().positive(), assumption: z.string() }),
  targetChance: z.strictObject({ value: z.number().gt(0).lt(1), assumption: z.string() }),
});
export type Pgy1Model = z.infer<typeof pgy1ModelSchema>;

/** One PGY-1 track's published outcome for the applicant's type and the chance per program it implies. */
export interface TrackRate {
  specialty: string;
  matched: number;
  applicants: number;
  /** Chance of one program of the track, before its visa sponsorship. */
  perProgram: number;
}

export function trackRate(model: Pgy1Model, track: string, type: ApplicantType): TrackRate | null {
  const o = model.matchRate.value[track]?.[type];
  if (!o || o.applicants === 0) return null;
  const r = o.matched / o.applicants;
  const perProgram = 1 - (1 - r) ** (1 / model.referenceApplications.value);
  return { specialty: track, matched: o.matched, applicants: o.applicants, perProgram };
}

/** P(at least one of several independent chances). */
export function anyOf(chances: Iterable<number>): number {
  let none = 1;
  for (const c of chances) none *= 1 - c;
  return 1 - none;
}

const tracksCache = new WeakMap<ProgramData["catalog"], Map<string, Set<string>>>();
const includesCache = new WeakMap<Program, boolean>();

/**
 * Whether matching at this program includes the PGY-1 year: every NRMP track it lists for the
 * specialty is categorical (or for physicians). A program that also offers an advanced track, or
 * whose tracks are unknown (a Residency Explorer row with no NRMP code), counts as advanced: in
 * the advanced specialties categorical positions are few (DR 2025: 151 PGY-1 of 1,208 positions).
 */
export function includesPgy1(data: ProgramData, program: Program): boolean {
  const hit = includesCache.get(program);
  if (hit !== undefined) return hit;
  let idx = tracksCache.get(data.catalog);
  if (!idx) {
    idx = new Map();
    for (const p of data.catalog.programs) {
      const key = unitKey(p);
      const set = idx.get(key) ?? new Set<string>();
      set.add(p.track ?? "unknown");
      idx.set(key, set);
    }
    tracksCache.set(data.catalog, idx);
  }
  const tracks = idx.get(unitKey(program));
  const includes =
    tracks?.has("categorical") === true && [...tracks].every((t) => t === "categorical" || t === "physician");
  includesCache.set(program, includes);
  return includes;
}

const unitKey = (p: Program) => `${p.specialty}|${p.name.toLowerCase()}|${p.state ?? ""}`;

/** The share of weight held by programs that include their PGY-1 year (0 for an empty list). */
export function categoricalShare(rows: Iterable<{ weight: number; includesPgy1: boolean }>): number {
  let all = 0;
  let categorical = 0;
  for (const r of rows) {
    all += r.weight;
    if (r.includesPgy1) categorical += r.weight;
  }
  return all > 0 ? categorical / all : 0;
}

/**
 * P(match and a PGY-1 year) per strength draw, summarised like P(match): lists matched under the
 * same draws (a main list and a parallel one); `share` is 1 for a list that needs no PGY-1 year.
 */
export function jointWithPgy1(
  lists: ReadonlyArray<{ perDraw: Float64Array; share: number }>,
  pgy1: number,
  summarise: (values: Float64Array) => MatchEstimate,
): MatchEstimate {
  const D = lists[0]?.perDraw.length ?? 0;
  const out = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    let noCategorical = 1;
    let noMatch = 1;
    for (const l of lists) {
      const x = l.perDraw[j] as number;
      noCategorical *= 1 - l.share * x;
      noMatch *= 1 - x;
    }
    out[j] = 1 - (1 - pgy1) * noCategorical - pgy1 * noMatch;
  }
  return summarise(out);
}

/**
 * P1 of the first n supplemental programs, n = 0..all, taking the tracks in turn (one program of
 * each per round) at each track's average chance per program. `tracks` lists each track's chance
 * per program and how many programs it offers.
 */
export function cumulativeChance(tracks: ReadonlyArray<{ chance: number; available: number }>): number[] {
  const out = [0];
  let none = 1;
  for (let round = 0; ; round++) {
    let added = false;
    for (const t of tracks) {
      if (round >= t.available) continue;
      none *= 1 - t.chance;
      out.push(1 - none);
      added = true;
    }
    if (!added) return out;
  }
}

/** The fewest programs whose chance reaches the target, or all of them when it is out of reach. */
export function programsForTarget(
  cumulative: readonly number[],
  target: number,
): { programs: number; reached: boolean } {
  const n = cumulative.findIndex((c) => c >= target);
  return n >= 0 ? { programs: n, reached: true } : { programs: cumulative.length - 1, reached: false };
}

/**
 * How many supplemental programs the budget should buy when it cannot buy both lists in full:
 * the count in 0..wanted at which a typical applicant's joint chance is highest, the advanced list
 * getting what the supplemental fees leave (in its share, after the programs its signals need).
 * `advanced[n − 1]` is that applicant's P(match) for the first n advanced programs and
 * `includes[n − 1]` the categorical share of those n. O(wanted · tiers).
 */
export function splitSupplementalBudget(a: {
  budgetUsd: number;
  wanted: number;
  /** Fee of the supplemental list of n programs. */
  supplementalFee: (n: number) => number;
  /** Fee of the advanced programs its signals need, which come first. */
  firstFee: number;
  /** Advanced programs a budget buys. */
  advancedWithin: (usd: number) => number;
  advanced: readonly number[];
  includes: readonly number[];
  /** P1 of the first n supplemental programs. */
  chanceOf: (n: number) => number;
}): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let n = 0; n <= a.wanted; n++) {
    const fee = a.supplementalFee(n);
    if (n > 0 && fee > a.budgetUsd - a.firstFee) break;
    const k = Math.min(a.advanced.length, a.advancedWithin(a.budgetUsd - fee));
    const x = k > 0 ? (a.advanced[k - 1] ?? 0) : 0;
    const c = k > 0 ? (a.includes[k - 1] ?? 0) : 0;
    const value = x * (c + (1 - c) * a.chanceOf(n));
    // Ties keep the longer supplemental list: the same chance with a PGY-1 year more likely in hand.
    if (value >= bestValue - TIE) {
      best = n;
      bestValue = Math.max(value, bestValue);
    }
  }
  return best;
}

/** Floating-point noise between two values of one computation, not a domain tolerance. */
const TIE = 1e-12;

export const percentText = (p: number) => `${(p * PERCENT).toFixed(1).replace(/\.0$/, "")}%`;

/**
 * A list's P(match) with the plan's PGY-1 year: the advanced-position chance × (c + (1 − c)·P1),
 * the one-list case of jointWithPgy1, exact on the estimate and on each quantile (the factor is
 * the same in every strength draw). For a list the applicant edits against a plan's PGY-1 list.
 */
export function withPgy1Year(advanced: MatchEstimate, pgy1: Pgy1Year): MatchEstimate {
  const f = pgy1Factor(pgy1);
  return { estimate: advanced.estimate * f, low: advanced.low * f, high: advanced.high * f };
}

/** What a list's P(match) needs of the plan's PGY-1 year (ProgramPlan.pgy1 carries both). */
export interface Pgy1Year {
  /** P(a PGY-1 position) from the supplemental list. */
  chance: number;
  /** Share of the advanced list's expected interviews at programs that include the PGY-1 year. */
  categoricalShare: number;
}

/** c + (1 − c)·P1: the one-list joint chance over the advanced chance, the same in every strength draw. */
export function pgy1Factor(pgy1: Pgy1Year): number {
  return pgy1.categoricalShare + (1 - pgy1.categoricalShare) * pgy1.chance;
}

/**
 * The combined range (pmatch-range.ts) of the advanced position, made the joint chance with the
 * PGY-1 year: the estimate, the shown range and every part's low and high multiplied by the same
 * factor. The planner and every held list (plan/held-list.ts) take this one step, then widen to
 * the published rate (shown-range.ts), so a held list shows exactly the plan's range.
 */
export function withPgy1Range(
  advanced: { pMatch: MatchEstimate; breakdown: RangeBreakdown },
  pgy1: Pgy1Year,
): { pMatch: MatchEstimate; breakdown: RangeBreakdown } {
  const f = pgy1Factor(pgy1);
  return {
    pMatch: withPgy1Year(advanced.pMatch, pgy1),
    breakdown: {
      ...advanced.breakdown,
      parts: advanced.breakdown.parts.map((p) => ({ ...p, low: p.low * f, high: p.high * f })),
    },
  };
}
