import { deriveFacts } from "../assess/derive-facts.ts";
import type { Because } from "../assess/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { ApplicantShift } from "./interview-odds.ts";
import type { ProgramModel } from "./program-model.ts";
import { pooledMean, pooledSlope } from "./strength-slopes.ts";
import { untakenStep2ckScore } from "./untaken-step2ck.ts";

const CO = "nrmp-charting-outcomes-nonus-img-2026";

/**
 * The applicant's log-odds shift against the specialty's typical applicant of the same type:
 * Step 2 CK and research through the Charting Outcomes slopes, then failures, specialty letters
 * and USCE through the stated odds ratios of `data/model/program-model.yaml`. Each term is
 * recorded in `because`.
 */
export function applicantShift(
  rb: Rulebook,
  model: ProgramModel,
  profile: Profile,
  specialty: Specialty,
  asOf: string,
): ApplicantShift {
  const facts = deriveFacts(rb, profile, specialty, asOf);
  const im = model.interview;
  const because: Because[] = [];
  const co = rb.chartingOutcomes;
  const isImg = facts.isImg;

  const s2Slope = pooledSlope(co, "step2ck", im.strengthSlopes.minGroupSize);
  const coMean = isImg ? pooledMean(co, specialty.id, "step2ck") : null;
  const reference = coMean ?? im.referenceStep2ck.usGraduate.value;
  const refSources = coMean !== null ? [CO] : im.referenceStep2ck.usGraduate.sources;
  let strength = 0;
  // An untaken exam counts as a cautious stand-in score, never as the typical applicant (untaken-step2ck.ts).
  const untaken =
    facts.step2ck === null ? untakenStep2ckScore(rb, model, specialty, profile.applicantType) : null;
  const score = facts.step2ck ?? untaken?.score ?? reference;
  const term = s2Slope.perUnit * (score - reference);
  strength += term;
  because.push({
    ruleId: "model.step2ck",
    value: {
      score: facts.step2ck,
      ...(untaken ? { assumedScore: untaken.score } : {}),
      reference: Math.round(reference * 10) / 10,
      slopePerPoint: Number(s2Slope.perUnit.toFixed(4)),
      logOdds: Number(term.toFixed(3)),
    },
    sources: [...im.strengthSlopes.sources, ...refSources],
    note: `pooled slope over ${s2Slope.specialtiesUsed} specialties (n = ${s2Slope.sampleSize})`,
  });
  if (untaken) because.push(untaken.because);

  if (im.strengthSlopes.measures.includes("research")) {
    const rSlope = pooledSlope(co, "research", im.strengthSlopes.minGroupSize);
    const rMean = pooledMean(co, specialty.id, "research");
    if (rMean !== null && profile.research?.items !== undefined) {
      const term = rSlope.perUnit * (facts.researchItems - rMean);
      strength += term;
      because.push({
        ruleId: "model.research",
        value: {
          items: facts.researchItems,
          reference: Number(rMean.toFixed(1)),
          logOdds: Number(term.toFixed(3)),
        },
        sources: im.strengthSlopes.sources,
      });
    }
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

  return {
    applicantType: profile.applicantType,
    strength,
    tieStates: new Set(profile.ties?.states ?? []),
    visa: profile.visa,
    because,
  };
}
