import { passingScore } from "../core/assess/derive-facts.ts";
import type { Profile } from "../core/profile/profile-schema.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import type { VisaNeed } from "../core/vocabulary.ts";
import type { GroupFit, NormalFit, PublishedCell } from "./published-record.ts";
import type { CalibrationSettings } from "./settings.ts";

/**
 * Synthetic applicants for one specialty and applicant type, drawn from the published record.
 *
 * Spec. Each applicant is first given a match outcome with the published rate r; Step 2 CK and
 * research experiences are then drawn from the published distribution of that outcome's group,
 * so the cohort's scores are the published mixture (matched and not matched at r). Step 2 CK is
 * a normal fit, rounded to a whole point and redrawn below the passing standard in force (the
 * published applicants had passed) or above the scale; research is a negative binomial with the
 * group's mean and SD (Poisson when the SD is not above the mean). Every other feature is drawn,
 * independently of the outcome, from the stated distributions of `data/model/calibration.yaml`.
 * The generator is seeded per specialty and type, so the first k applicants are the same people
 * at every cohort size. O(1) per applicant.
 */
export interface SyntheticApplicant {
  profile: Profile;
  /** The outcome the applicant was drawn for (the group their scores come from). */
  drawnMatched: boolean;
  step2ck: number;
}

/** Mulberry32: a small, fast seeded generator (the cohorts must be the same on every run). */
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

/** FNV-1a of the text: one independent stream per specialty and type from one seed. */
export function seedFor(seed: number, ...parts: string[]): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function gaussian(next: () => number): number {
  const u = Math.max(Number.MIN_VALUE, next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/** Marsaglia–Tsang gamma(shape, 1); shapes below 1 by the boost u^(1/shape). */
export function gamma(next: () => number, shape: number): number {
  if (shape < 1) return gamma(next, shape + 1) * next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = gaussian(next);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = next();
    if (Math.log(Math.max(Number.MIN_VALUE, u)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Poisson by multiplication of uniforms (Knuth); the means drawn here are small counts. */
function poisson(next: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/** A count with the given mean and SD: gamma–Poisson (negative binomial) when overdispersed. */
export function countWith(next: () => number, fit: NormalFit): number {
  if (fit.mean <= 0) return 0;
  const variance = fit.sd * fit.sd;
  if (variance <= fit.mean) return poisson(next, fit.mean);
  const shape = (fit.mean * fit.mean) / (variance - fit.mean);
  return poisson(next, gamma(next, shape) * (fit.mean / shape));
}

/** A value of a stated distribution `{ value: probability }`. */
export function pick(next: () => number, p: Readonly<Record<string, number>>): string {
  const u = next();
  let acc = 0;
  const entries = Object.entries(p);
  for (const [value, prob] of entries) {
    acc += prob;
    if (u < acc) return value;
  }
  return (entries[entries.length - 1] as [string, number])[0];
}

/** Tries before a redrawn score is clamped instead (a distribution almost wholly below passing). */
const MAX_REDRAWS = 50;

export function drawScore(next: () => number, g: GroupFit, min: number, max: number): number {
  for (let i = 0; i < MAX_REDRAWS; i++) {
    const s = Math.round(g.step2ck.mean + g.step2ck.sd * gaussian(next));
    if (s >= min && s <= max) return s;
  }
  return Math.min(max, Math.max(min, Math.round(g.step2ck.mean)));
}

/** A generator of the cohort's applicants, in order. */
export function cohortOf(
  rb: Rulebook,
  settings: CalibrationSettings,
  cell: PublishedCell,
): () => SyntheticApplicant {
  const next = rng(seedFor(settings.seed, cell.specialty, cell.applicantType));
  const f = settings.features[cell.applicantType];
  const min = passingScore(rb.exam.usmle.step2ckMinimumPass, settings.asOf);
  const max = rb.exam.usmle.scale.value.max;
  const count = (d: { p: Record<string, number> }) => Number(pick(next, d.p));
  return () => {
    const drawnMatched = next() < cell.rate.value;
    const g = drawnMatched ? cell.matched : cell.notMatched;
    const step2ck = drawScore(next, g, min, max);
    const research = g.research ? countWith(next, g.research) : null;
    const yearsBefore = count(f.graduationYearsBefore);
    const visa = pick(next, f.visa.p) as VisaNeed;
    const step1Failed = next() < f.step1Failure.share;
    const step2Failed = next() < f.step2ckFailure.share;
    const handsOn = count(f.handsOnUsceMonths);
    const observership = count(f.observershipMonths);
    const specialtyMonths = count(f.specialtyUsceMonths);
    const specialtyLetters = count(f.specialtyLetters);
    const letters = Math.max(count(f.letters), specialtyLetters);
    const usLetters = Math.min(count(f.usLetters), letters);
    const profile: Profile = {
      applicantType: cell.applicantType,
      graduationYear: settings.matchYear - yearsBefore,
      visa,
      step1: { outcome: "pass", attempts: step1Failed ? 2 : 1 },
      step2ck: { score: step2ck, attempts: step2Failed ? 2 : 1 },
      usce: { handsOnMonths: handsOn, observershipMonths: observership, specialtyMonths },
      letters: { total: letters, specialty: specialtyLetters, us: usLetters },
      ...(research === null ? {} : { research: { items: research } }),
    };
    return { profile, drawnMatched, step2ck };
  };
}
