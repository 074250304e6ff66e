import { matchYearOf } from "../assess/application-cycle.ts";
import { deriveFacts } from "../assess/derive-facts.ts";
import type { Because } from "../assess/types.ts";
import { visaReality } from "../cycle/visa-reality.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { type Rulebook, threshold } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { APPLICANT_GROUPS } from "../vocabulary.ts";
import type { ApplicantShift } from "./interview-odds.ts";
import { omittedInputs, omittedInputsBecause } from "./omitted-inputs.ts";
import type { ProgramModel } from "./program-model.ts";
import { pooledSlope } from "./strength-slopes.ts";
import { typeRecord } from "./type-record.ts";
import { type SpecialtySlope, step2ckSlope } from "./type-slopes.ts";
import { untakenStep2ckScore } from "./untaken-step2ck.ts";

const CO = "nrmp-charting-outcomes-nonus-img-2026";

/** The shift with what the range and the what-if sweep need to know about the score term. */
export interface ApplicantStrength extends ApplicantShift {
  /** The Step 2 CK slope of the applicant's type in the specialty (type-slopes.ts). */
  slope: SpecialtySlope;
  /**
   * Step 2 CK not yet taken: the cautious stand-in score the odds use, and the spread (points) of
   * the score to come — from the forecast when one is given, else the spread of the type's
   * unmatched applicants in the specialty; `sd` is null where neither is published, and the range
   * of P(match) then leaves the score out. Null when the score is in.
   */
  untaken: { score: number; sd: number | null; basis: string; sources: string[] } | null;
}

/**
 * The applicant's log-odds shift against the specialty's typical applicant of the same type, on
 * that type's own record (type-record.ts): Step 2 CK through the type's slope for the specialty
 * (type-slopes.ts) against the type's mean; research through the pooled slope against the type's
 * mean; then failures, years since graduation, specialty letters and USCE through the odds ratios
 * of `data/model/program-model.yaml`. Each term is recorded in `because`.
 */
export function applicantShift(
  rb: Rulebook,
  model: ProgramModel,
  profile: Profile,
  specialty: Specialty,
  asOf: string,
  forecast: { sd: number } | null = null,
): ApplicantStrength {
  const facts = deriveFacts(rb, profile, specialty, asOf);
  const im = model.interview;
  const because: Because[] = [];
  const type = profile.applicantType;
  const record = typeRecord(rb, model, type, specialty.id);
  const isImg = facts.isImg;

  const slope = step2ckSlope(rb, model, type, specialty.id);
  const reference = slope.reference ?? im.referenceStep2ck.usGraduate.value;
  const refSources = slope.reference !== null ? slope.sources : im.referenceStep2ck.usGraduate.sources;
  let strength = 0;
  // An untaken exam counts as a cautious stand-in score, never as the typical applicant (untaken-step2ck.ts).
  const untakenScore =
    facts.step2ck === null ? untakenStep2ckScore(rb, model, specialty, profile.applicantType) : null;
  const spread = forecast?.sd ?? record.step2ck?.notMatched.sd ?? null;
  const untaken = untakenScore
    ? {
        score: untakenScore.score,
        sd: spread,
        basis: forecast
          ? "the practice-exam forecast's spread"
          : spread !== null
            ? `the spread of ${record.rate?.label ?? "the type's applicants"} who did not match`
            : `no spread of the score is published for ${APPLICANT_GROUPS[type]} in ${specialty.name}`,
        sources: untakenScore.because.sources,
      }
    : null;
  const score = facts.step2ck ?? untakenScore?.score ?? reference;
  const term = slope.perPoint * (score - reference);
  strength += term;
  because.push({
    ruleId: "model.step2ck",
    value: {
      score: facts.step2ck,
      ...(untakenScore ? { assumedScore: untakenScore.score } : {}),
      reference: Math.round(reference * 10) / 10,
      slopePerPoint: Number(slope.perPoint.toFixed(4)),
      logOdds: Number(term.toFixed(3)),
    },
    sources: [...im.strengthSlopes.sources.filter((x) => refSources.includes(x) || x === CO), ...refSources],
    note: slope.own
      ? `the ${type} slope in this specialty (${slope.own.slope.toFixed(4)} per point, se ${slope.own.se.toFixed(4)}) shrunk toward the ${type} pooled slope over ${slope.specialtiesUsed} specialties (${slope.pooled.toFixed(4)}, n = ${slope.sampleSize}) with weight ${slope.weight.toFixed(2)}`
      : `the ${type} pooled slope over ${slope.specialtiesUsed} specialties (n = ${slope.sampleSize}): the specialty publishes no distributions of its own`,
  });
  if (untakenScore) because.push(untakenScore.because);
  if (untaken && untaken.sd === null)
    because.push({
      ruleId: "model.untaken-step2ck.no-spread",
      value: { assumedScore: untaken.score, spread: null },
      sources: untaken.sources,
      note: `${untaken.basis}: the range of P(match) does not include the spread of the score to come`,
    });
  for (const a of record.assumptions)
    because.push({
      ruleId: `model.type-record.${a.id}`,
      value: { applicantType: type },
      sources: model.typeRecords.sources,
      note: a.text,
    });

  if (
    im.strengthSlopes.measures.includes("research") &&
    record.research &&
    profile.research?.items !== undefined
  ) {
    const rSlope = pooledSlope(rb.chartingOutcomes, "research", im.strengthSlopes.minGroupSize);
    const r = record.research;
    const n = r.nMatched + r.nNotMatched;
    const rMean =
      n > 0 ? (r.matched * r.nMatched + r.notMatched * r.nNotMatched) / n : (r.matched + r.notMatched) / 2;
    const term = rSlope.perUnit * (facts.researchItems - rMean);
    strength += term;
    because.push({
      ruleId: "model.research",
      value: {
        items: facts.researchItems,
        reference: Number(rMean.toFixed(1)),
        logOdds: Number(term.toFixed(3)),
      },
      sources: [...new Set([...im.strengthSlopes.sources.filter((x) => x === CO), ...r.sources])],
    });
  }

  const add = (
    ruleId: string,
    term: number,
    value: unknown,
    c: { sources: string[]; assumption?: string | undefined },
  ) => {
    if (term === 0) return;
    strength += term;
    because.push({ ruleId, value, sources: c.sources, ...(c.assumption ? { note: c.assumption } : {}) });
  };
  const f = im.examFailureOddsRatio;
  add(
    "model.exam-failures",
    facts.examFailures * Math.log(f.value),
    { failures: facts.examFailures, oddsRatioEach: f.value },
    f,
  );
  const g = im.graduationYearOddsRatio;
  const preferred = threshold(rb, g.threshold).value;
  const grace = typeof preferred === "number" ? preferred : preferred.min;
  const beyond = Math.max(0, facts.yearsSinceGraduation - grace);
  add(
    "model.graduation-year",
    beyond * Math.log(g.value),
    { yearsSinceGraduation: facts.yearsSinceGraduation, beyondPreferred: beyond, oddsRatioEach: g.value },
    g,
  );
  const l = im.specialtyLetterOddsRatio;
  const letters = Math.min(facts.specialtyLetters, l.max) - l.reference;
  add(
    "model.specialty-letters",
    letters * Math.log(l.value),
    { letters: facts.specialtyLetters, reference: l.reference },
    l,
  );
  const u = im.specialtyUsceMonthOddsRatio;
  const months = Math.min(facts.specialtyUsceMonths, u.max) - u.reference;
  add(
    "model.specialty-usce",
    months * Math.log(u.value),
    { months: facts.specialtyUsceMonths, reference: u.reference },
    u,
  );
  const h = im.handsOnUsceOddsRatio;
  if (isImg && facts.handsOnUsceMonths === 0)
    add("model.no-hands-on-usce", -Math.log(h.value), { handsOnMonths: 0 }, h);

  // An input left out is counted as none above; say so (omitted-inputs.ts).
  because.push(...omittedInputsBecause(model, omittedInputs(model, profile)));

  // The H-1B proclamation, for an applicant abroad who relies on an H-1B (cycle/visa-reality.ts).
  const visa = visaReality(rb, profile, matchYearOf(rb, profile, asOf, specialty.id), asOf);
  because.push(...visa.because.filter((b) => b.ruleId === "visa.h1b-from-abroad"));

  return {
    applicantType: profile.applicantType,
    strength,
    tieStates: new Set(profile.ties?.states ?? []),
    visa: profile.visa,
    h1bFactor: visa.h1bFactor,
    because,
    slope,
    untaken,
  };
}

/** The log-odds spread an untaken Step 2 CK adds: the score's spread through the type's slope. */
export function untakenLogitSd(shift: ApplicantStrength): number | null {
  return shift.untaken?.sd != null ? shift.untaken.sd * shift.slope.perPoint : null;
}
