import { z } from "zod";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { pathOf } from "../profile/validate-profile.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { sourceRef } from "../rulebook/schemas.ts";
import { APPLICANT_TYPES } from "../vocabulary.ts";
import { pgy1ModelSchema } from "./pgy1-joint.ts";
import { visaModelSchema } from "./visa-sponsorship.ts";

/** Schema of `data/model/program-model.yaml`: the interview- and match-model coefficients. */
const cited = { sources: z.array(sourceRef).min(1) };
/**
 * Low and high values of an assumption that publishes no effect size: what "What moves your number"
 * tries (src/core/programs/what-moves.ts).
 */
const range = z
  .strictObject({ low: z.number(), high: z.number() })
  .refine((r) => r.low <= r.high, { message: "low must not exceed high" });
const numBase = {
  value: z.number(),
  ...cited,
  note: z.string().optional(),
  assumption: z.string().optional(),
  range: range.optional(),
};
const num = () => z.strictObject(numBase);
const bounded = () => z.strictObject({ ...numBase, max: z.number(), reference: z.number() });
const assumed = <T extends z.ZodTypeAny>(value: T) =>
  z.strictObject({
    value,
    sources: z.array(sourceRef).optional(),
    note: z.string().optional(),
    assumption: z.string().optional(),
  });

/** One figure measured outside its target: predicted − published (a fraction; ranks for interviews). */
const measuredMiss = z.strictObject({
  direction: z.enum(["under", "over"]),
  difference: z.number(),
  published: z.number(),
  applicants: z.number().nonnegative(),
});
const statedText = z.strictObject({ assumption: z.string(), sources: z.array(sourceRef).optional() });
const perType = <T extends z.ZodTypeAny>(v: T) =>
  z.strictObject({ "us-md": v, do: v, "us-img": v, "non-us-img": v });

export const programModelSchema = z.strictObject({
  typeRecords: z.strictObject({
    method: z.string(),
    sources: z.array(sourceRef).min(1),
    fallbacks: z.strictObject({
      noRecord: statedText,
      ranksBorrowed: statedText,
      ranksPooled: statedText,
      usImgRate: statedText,
      usImgDistributions: statedText,
      usMdSpread: statedText,
      doSpread: statedText,
      spreadPooled: statedText,
    }),
  }),
  interview: z.strictObject({
    rateByApplicantType: z.strictObject({
      value: z.strictObject({
        "us-md": z.string(),
        do: z.string(),
        "us-img": z.string(),
        "non-us-img": z.string(),
      }),
      ...cited,
      note: z.string().optional(),
    }),
    strengthSlopes: z.strictObject({
      method: z.string(),
      minGroupSize: z.number().int().positive(),
      measures: z.array(z.enum(["step2ck", "research"])),
      shrinkage: z.string(),
      ...cited,
    }),
    referenceStep2ck: z.strictObject({
      note: z.string(),
      nonUsImg: z.strictObject({ method: z.string(), ...cited }),
      usGraduate: num(),
    }),
    examFailureOddsRatio: num(),
    /** Odds ratio per year since graduation beyond the lower end of the guides' preferred window (`threshold`). */
    graduationYearOddsRatio: z.strictObject({ ...numBase, threshold: z.string() }),
    specialtyLetterOddsRatio: bounded(),
    specialtyUsceMonthOddsRatio: bounded(),
    handsOnUsceOddsRatio: num(),
    /** What an odds input the profile leaves out is counted as (omitted-inputs.ts). */
    omittedInputs: z.strictObject({ assumption: z.string(), ...cited }),
    tieWeight: num(),
    signalLiftShare: num(),
    signalOddsRatioFallback: z.strictObject({
      value: z.strictObject({ gold: z.number(), silver: z.number(), any: z.number() }),
      /** Where the figure was measured: a program of any other specialty borrows it. */
      measuredIn: z.strictObject({ specialty: z.string(), year: z.number().int() }),
      ...cited,
      assumption: z.string(),
    }),
    effectiveApplicants: z.strictObject({
      method: z.string(),
      applicationsPerApplicant: z.record(z.string(), num()),
      minimum: assumed(z.number()),
    }),
    rateShrinkage: z.strictObject({
      method: z.string(),
      minimumSpread: assumed(z.number().positive()),
      ...cited,
    }),
    reportedPrecision: num(),
    intervalCoverage: assumed(z.number().gt(0).lt(1)),
  }),
  match: z.strictObject({
    strengthSd: num(),
    draws: assumed(z.number().int().positive()),
    maxInterviewsTracked: assumed(z.number().int().positive()),
    /**
     * Contiguous ranks one interview the model counts stands for, per applicant type (and per
     * specialty where fitted on that specialty's published ranks): calibration.yaml `fits`.
     */
    ranksPerInterview: z.strictObject({
      value: perType(z.number().positive()),
      bySpecialty: z
        .partialRecord(z.enum(APPLICANT_TYPES), z.record(z.string(), z.number().positive()))
        .optional(),
      /**
       * A type with no values of its own per specialty follows this type's: its value times the
       * specialty's value of `from` over `from`'s own (type-curve.ts `ranksPerInterviewFor`).
       */
      specialtyShape: z
        .strictObject({ from: z.enum(APPLICANT_TYPES), assumption: z.string().min(1) })
        .optional(),
      sources: z.array(sourceRef).min(1),
      note: z.string().optional(),
      assumption: z.string().optional(),
      range: range.optional(),
    }),
    diminishingReturnsPerProgram: assumed(z.number().positive()),
    rangeQuantiles: assumed(z.strictObject({ low: z.number(), high: z.number() })),
    /** Below this many applicants of the type behind a specialty's curve, P(match) carries a thin-data flag. */
    thinData: z.strictObject({ minApplicants: assumed(z.number().int().positive()) }),
    /** How the shown range is put together (pmatch-range.ts). */
    rangeCombination: z.strictObject({ method: z.string() }),
  }),
  preferences: z.strictObject({ orderingOddsRatio: assumed(z.number().positive()) }),
  /** Interview-odds cut-offs of the tiers: reach below `reachBelow`, safety from `safetyFrom`. */
  tiers: z
    .strictObject({
      assumption: z.string(),
      reachBelow: z.number().gt(0).lt(1),
      safetyFrom: z.number().gt(0).lt(1),
    })
    .refine((t) => t.reachBelow < t.safetyFrom, { message: "reachBelow must be below safetyFrom" }),
  signals: z.strictObject({ minimumSignalledOdds: num() }),
  lists: z.strictObject({
    pathwayShares: assumed(z.strictObject({ most: z.number(), some: z.number(), few: z.number() })),
    tooSmall: z.strictObject({ minimumExpectedInterviews: assumed(z.number().positive()) }),
    /** The main list's P(match) below which a parallel specialty is planned (backup/plan-backups.ts). */
    backupBelow: assumed(z.number().gt(0).lt(1)),
  }),
  /** P(sponsors the visa needed) where a program has not said (visa-sponsorship.ts). */
  visa: visaModelSchema,
  /** The PGY-1 year of advanced specialties (pgy1-joint.ts). */
  pgy1: pgy1ModelSchema,
  untakenStep2ck: z.strictObject({
    method: z.string(),
    nonUsImg: z.strictObject({ method: z.string(), ...cited }),
    usGraduate: z.strictObject({ default: num(), bySpecialty: z.record(z.string(), num()) }),
  }),
  calibration: z.strictObject({
    method: z.string(),
    tolerance: z.number().positive(),
    ...cited,
    /** Why misses remain, in general terms: shown with every note. */
    reading: z.string(),
    /**
     * Every figure `npm run calibrate` measured outside its target, by specialty and applicant type
     * (written by the calibration run; kept equal to data/model/calibration.yaml `misses` by
     * test/calibration.test.ts): the note the product shows beside that P(match).
     */
    knownMisses: z.record(
      z.string(),
      z.partialRecord(
        z.enum(APPLICANT_TYPES),
        z.strictObject({
          overall: measuredMiss.optional(),
          interviews: measuredMiss.optional(),
          bands: z
            .array(
              measuredMiss.extend({
                band: z.string(),
                lo: z.number().nullable(),
                hi: z.number().nullable(),
                /**
                 * Where the miss was measured on one of the calibration's profiles rather than a
                 * cohort's mean (docs/calibration.md): its name and Step 2 CK.
                 */
                profile: z.string().min(1).optional(),
                profileStep2ck: z.number().optional(),
              }),
            )
            .optional(),
        }),
      ),
    ),
  }),
});
export type ProgramModel = z.infer<typeof programModelSchema>;

/** Validates the model file and checks that every cited source exists in the rulebook's bibliography. */
export function compileProgramModel(
  data: unknown,
  rb: Rulebook,
  file = "model/program-model.yaml",
): Result<ProgramModel> {
  const parsed = programModelSchema.safeParse(data);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((zi) => ({
        code: "invalid_value",
        file,
        path: pathOf(zi.path),
        message: zi.message,
      })),
    );
  }
  const issues: Issue[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        walk(x, `${path}.${i}`);
      });
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "sources" && Array.isArray(x)) {
          x.forEach((ref, i) => {
            const id = String(ref).split("#")[0] as string;
            if (!rb.sources[id])
              issues.push({
                code: "unknown_source",
                file,
                path: `${path}.sources.${i}`,
                message: `cites unknown source "${id}"`,
              });
          });
        } else walk(x, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(parsed.data, "");
  for (const id of Object.keys(parsed.data.interview.effectiveApplicants.applicationsPerApplicant)) {
    if (id !== "default" && !rb.specialties.has(id))
      issues.push({
        code: "unknown_specialty",
        file,
        path: `interview.effectiveApplicants.applicationsPerApplicant.${id}`,
        message: `unregistered specialty "${id}"`,
      });
  }
  const measuredIn = parsed.data.interview.signalOddsRatioFallback.measuredIn.specialty;
  if (!rb.specialties.has(measuredIn))
    issues.push({
      code: "unknown_specialty",
      file,
      path: "interview.signalOddsRatioFallback.measuredIn.specialty",
      message: `unregistered specialty "${measuredIn}"`,
    });
  for (const id of Object.keys(parsed.data.untakenStep2ck.usGraduate.bySpecialty)) {
    if (!rb.specialties.has(id))
      issues.push({
        code: "unknown_specialty",
        file,
        path: `untakenStep2ck.usGraduate.bySpecialty.${id}`,
        message: `unregistered specialty "${id}"`,
      });
  }
  const keyed: Array<[string, Record<string, unknown>]> = [
    ["visa.specialtyShare", parsed.data.visa.specialtyShare],
    ["pgy1.matchRate.value", parsed.data.pgy1.matchRate.value],
  ];
  for (const [at, record] of keyed)
    for (const id of Object.keys(record))
      if (!rb.specialties.has(id))
        issues.push({
          code: "unknown_specialty",
          file,
          path: `${at}.${id}`,
          message: `unregistered specialty "${id}"`,
        });
  for (const id of Object.keys(parsed.data.calibration.knownMisses)) {
    if (!rb.specialties.has(id))
      issues.push({
        code: "unknown_specialty",
        file,
        path: `calibration.knownMisses.${id}`,
        message: `unregistered specialty "${id}"`,
      });
  }
  return issues.length > 0 ? fail(issues) : ok(parsed.data);
}
