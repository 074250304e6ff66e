import { UNRATED_BASE_STANDING } from "../assess/assess-profile.ts";
import { chartingOutcomesBandSet, primaryBandSet } from "../assess/choose-band.ts";
import type { Because } from "../assess/types.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import { type ApplicantType, IMG_TYPES, standingRank } from "../vocabulary.ts";
import type { ProgramModel } from "./program-model.ts";

/**
 * The Step 2 CK score the odds model assumes while the exam is not taken
 * (`data/model/program-model.yaml`, `untakenStep2ck`): the lower of the typical score of
 * applicants of the same kind who did not match in the specialty, and the lowest score the
 * specialty's primary bands read at the standing an untaken exam is given (borderline). The
 * first keeps an untaken exam from being worth more than a taken score at the typical unmatched
 * level; the second keeps it from being worth more than a taken score the assessment ranks the
 * same or higher. Deliberately not modelled: a distribution over the score to come.
 */
export function untakenStep2ckScore(
  rb: Rulebook,
  model: ProgramModel,
  specialty: Specialty,
  applicantType: ApplicantType,
): { score: number; because: Because } {
  const u = model.untakenStep2ck;
  const isImg = IMG_TYPES.includes(applicantType);
  const coUnmatched = isImg
    ? (rb.chartingOutcomes.specialties[specialty.id]?.step2ck.notMatched.mean ?? null)
    : null;
  const us = u.usGraduate.bySpecialty[specialty.id] ?? u.usGraduate.default;
  const unmatched =
    coUnmatched !== null
      ? { value: coUnmatched, sources: u.nonUsImg.sources, what: "non-US IMGs who did not match" }
      : { value: us.value, sources: us.sources, what: "US MD seniors who did not match" };

  const set =
    primaryBandSet(rb, { specialty, applicantType }) ??
    chartingOutcomesBandSet(rb, { specialty, applicantType });
  const atOrAbove = (set?.bands ?? []).filter(
    (b) => standingRank(b.standing) <= standingRank(UNRATED_BASE_STANDING),
  );
  const scaleMin = rb.exam.usmle.scale.value.min;
  const bandFloor = set && atOrAbove.length > 0 ? Math.min(...atOrAbove.map((b) => b.min ?? scaleMin)) : null;

  const score = bandFloor === null ? unmatched.value : Math.min(unmatched.value, bandFloor);
  const byBand = bandFloor !== null && bandFloor < unmatched.value;
  return {
    score,
    because: {
      ruleId: "model.untaken-step2ck",
      value: { assumedScore: score, typicalUnmatched: unmatched.value, lowestBorderline: bandFloor },
      sources: [...unmatched.sources, ...(byBand && set ? set.sources : [])],
      note: `Step 2 CK not yet taken: odds are computed as for a score of ${score} — ${
        byBand
          ? `the lowest score ${set?.id} reads as ${UNRATED_BASE_STANDING}, the standing an untaken exam is given, below the ${Math.round(unmatched.value)} typical of ${unmatched.what}`
          : `the typical score of ${unmatched.what} in this specialty`
      }. ${u.method}`,
    },
  };
}
