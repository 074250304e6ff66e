import { wilsonInterval } from "../math/normal.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicantType } from "../vocabulary.ts";
import { type MatchCurve, matchCurveFrom } from "./match-given-interviews.ts";
import type { ProgramModel } from "./program-model.ts";
import { typeRecord } from "./type-record.ts";

/**
 * P(match | k interviews) for one applicant type in one specialty, on the type's own record
 * (type-record.ts): the type's own match rate as the prior, its own contiguous ranks where
 * published (non-US IMGs) and the borrowed ones otherwise, at the type's ranks per interview.
 * Also the same curve at the low and high ends of the prior's interval (Wilson, at the applicants
 * behind the rate): the curve's small-sample uncertainty, which the range of P(match) carries.
 */
export interface TypeCurve extends MatchCurve {
  applicantType: ApplicantType;
  /** The curve with the prior at the low and high ends of its interval. */
  low: MatchCurve;
  high: MatchCurve;
  /** Applicants of the type behind the prior, and behind the ranks' shape. */
  applicants: number;
  rankApplicants: number;
  ranksPerInterview: number;
  /** The ranks are borrowed from non-US IMGs (type-record.ts). */
  ranksBorrowed: boolean;
  /** The type has a published record of its own in the specialty (else the non-US IMGs' stands in). */
  ownRecord: boolean;
  sources: string[];
}

const memo = new WeakMap<Rulebook, WeakMap<object, Map<string, TypeCurve | null>>>();

/**
 * Contiguous ranks one modelled interview stands for, for the type in the specialty: the type's own
 * value for the specialty where one is fitted; else, where the model states a specialty shape, the
 * type's value scaled as the shape's type differs in this specialty from its own value (a specialty
 * where that type ranks more per interview is one where every type does); else the type's value.
 */
export function ranksPerInterviewFor(model: ProgramModel, type: ApplicantType, specialty: string): number {
  const r = model.match.ranksPerInterview;
  const own = r.bySpecialty?.[type]?.[specialty];
  if (own !== undefined) return own;
  const from = r.specialtyShape?.from;
  const shaped = from !== undefined && from !== type ? r.bySpecialty?.[from]?.[specialty] : undefined;
  return shaped === undefined || from === undefined
    ? r.value[type]
    : (r.value[type] * shaped) / r.value[from];
}

export function typeCurve(
  rb: Rulebook,
  model: ProgramModel,
  specialty: string,
  type: ApplicantType,
): TypeCurve | null {
  let byModel = memo.get(rb);
  if (!byModel) {
    byModel = new WeakMap();
    memo.set(rb, byModel);
  }
  // Keyed by the match settings: a variant of the model with other ranks per interview is another curve.
  let cache = byModel.get(model.match);
  if (!cache) {
    cache = new Map();
    byModel.set(model.match, cache);
  }
  const key = `${type}|${specialty}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const built = build(rb, model, specialty, type);
  cache.set(key, built);
  return built;
}

function build(rb: Rulebook, model: ProgramModel, specialty: string, type: ApplicantType): TypeCurve | null {
  const r = typeRecord(rb, model, type, specialty);
  if (!r.rate || !r.ranks) return null;
  const maxK = model.match.maxInterviewsTracked.value;
  // A type with no record of its own is on the non-US IMGs' record, with their ranks per interview.
  const borrowed = r.assumptions.some((a) => a.id === "noRecord");
  const rho = ranksPerInterviewFor(model, borrowed ? "non-us-img" : type, specialty);
  const shape = { matched: r.ranks.matched, notMatched: r.ranks.notMatched };
  const at = (matchRate: number) => matchCurveFrom(specialty, { matchRate, ...shape }, maxK, rho);
  const interval = wilsonInterval(r.rate.value, r.rate.applicants, model.interview.intervalCoverage.value);
  const mid = at(r.rate.value);
  return {
    ...mid,
    applicantType: type,
    low: at(Math.min(r.rate.value, interval.low)),
    high: at(Math.max(r.rate.value, interval.high)),
    applicants: r.rate.applicants,
    rankApplicants: r.ranks.matched.n + r.ranks.notMatched.n,
    ranksPerInterview: rho,
    ranksBorrowed: !r.ranks.own || borrowed,
    ownRecord: !borrowed,
    sources: [...new Set([...r.rate.sources, ...r.ranks.sources])],
  };
}
