import { z } from "zod";
import {
  type NrmpByType,
  nrmpByTypeSchema,
  type Seniors2024,
  seniors2024Schema,
  type UsMd2026,
  usMd2026Schema,
} from "../core/rulebook/outcome-schemas.ts";
import { sourceRef } from "../core/rulebook/schemas.ts";
import { APPLICANT_TYPES, VISA_NEEDS } from "../core/vocabulary.ts";

/**
 * Schemas of the calibration harness's data: `data/model/calibration.yaml` (settings, the assumed
 * distributions of unpublished features, the profiles, the recorded misses) and the
 * published outcomes in `data/facts/outcomes/`. The engine never reads these files.
 */

const why = {
  sources: z.array(sourceRef).optional(),
  note: z.string().optional(),
  assumption: z.string().optional(),
};
/** A stated value must cite a source or say it is an assumption. */
const statedRefine = (v: object) => {
  const w = v as { sources?: string[]; assumption?: string };
  return (w.sources?.length ?? 0) > 0 || (w.assumption?.length ?? 0) > 0;
};
const stated = <T extends z.ZodRawShape>(shape: T) =>
  z
    .strictObject({ ...shape, ...why })
    .refine(statedRefine, { message: "cite `sources` or state an `assumption`" });

const probabilities = z
  .record(z.string(), z.number().min(0).max(1))
  .refine((p) => Math.abs(Object.values(p).reduce((s, x) => s + x, 0) - 1) < 1e-9, {
    message: "probabilities must add up to 1",
  });
const countDistribution = stated({ p: probabilities }).refine(
  (d) => Object.keys(d.p).every((k) => /^\d+$/.test(k)),
  { message: "values must be whole numbers" },
);
const visaDistribution = stated({ p: probabilities }).refine(
  (d) => Object.keys(d.p).every((k) => (VISA_NEEDS as readonly string[]).includes(k)),
  { message: `values must be one of: ${VISA_NEEDS.join(", ")}` },
);
const share = stated({ share: z.number().min(0).max(1) });

const featureSet = z.strictObject({
  graduationYearsBefore: countDistribution,
  visa: visaDistribution,
  step1Failure: share,
  step2ckFailure: share,
  handsOnUsceMonths: countDistribution,
  observershipMonths: countDistribution,
  specialtyUsceMonths: countDistribution,
  specialtyLetters: countDistribution,
  letters: countDistribution,
  usLetters: countDistribution,
});
export type FeatureSet = z.infer<typeof featureSet>;

const applicationCount = stated({ value: z.number().int().positive() });
const perType = <T extends z.ZodTypeAny>(v: T) =>
  z.strictObject({ "non-us-img": v, "us-img": v, "us-md": v, do: v });

export const MEASURES = ["overall", "band", "interviews"] as const;
export type Measure = (typeof MEASURES)[number];

export const recordedMissSchema = z.strictObject({
  specialty: z.string(),
  applicantType: z.enum(APPLICANT_TYPES),
  measure: z.enum(MEASURES),
  /** The band's label (e.g. "240–249"), for band misses. */
  band: z.string().optional(),
  direction: z.enum(["under", "over"]),
  /** Predicted minus published: a fraction for rates, ranks for interviews. */
  difference: z.number(),
});
export type RecordedMiss = z.infer<typeof recordedMissSchema>;

export const calibrationSettingsSchema = z.strictObject({
  asOf: z.iso.date(),
  matchYear: z.number().int(),
  seed: z.number().int(),
  cohort: z.strictObject({ full: z.number().int().positive(), test: z.number().int().positive() }),
  targets: z.strictObject({
    why: z.string(),
    overall: z.strictObject({ points: z.number().positive(), minApplicants: z.number().int().positive() }),
    band: z.strictObject({
      points: z.number().positive(),
      minApplicants: z.number().int().positive(),
      width: z.number().int().positive(),
      minSynthetic: z.number().int().positive(),
    }),
    interviews: z.strictObject({ ranks: z.number().positive(), minApplicants: z.number().int().positive() }),
    slack: z.strictObject({ z: z.number().positive(), floor: z.number().nonnegative() }),
    publishedInterval: z.number().gt(0).lt(1),
  }),
  applications: perType(
    z.record(z.string(), applicationCount).refine((r) => "default" in r, "needs a `default`"),
  ),
  spreads: z.strictObject({
    usMdNotMatchedStep2ck: z.strictObject({ assumption: z.string() }),
    doStep2ck: z.strictObject({ assumption: z.string() }),
    countsFromMeans: z.strictObject({ assumption: z.string() }),
    usImgBorrowsNonUsImg: z.strictObject({ assumption: z.string() }),
  }),
  features: perType(featureSet),
  common: z.strictObject({ assumption: z.string() }),
  profiles: z.strictObject({
    base: z.record(z.string(), z.unknown()),
    rows: z.array(
      z.strictObject({
        name: z.string(),
        specialty: z.string(),
        profile: z.record(z.string(), z.unknown()),
        record: z.string(),
        /**
         * Why the type's band is no target for this profile (e.g. a visa need narrower than the
         * cohort's mix the band pools): the band is still shown, with no status.
         */
        notJudged: z.string().optional(),
      }),
    ),
  }),
  fits: z.array(
    z.strictObject({
      parameter: z.string(),
      fittedOn: z.string(),
      covers: z.array(
        z.strictObject({
          applicantType: z.enum(APPLICANT_TYPES),
          measure: z.enum(MEASURES),
          specialties: z.array(z.string()).optional(),
        }),
      ),
    }),
  ),
  misses: z.array(recordedMissSchema),
});
export type CalibrationSettings = z.infer<typeof calibrationSettingsSchema>;
export type { NrmpByType, Seniors2024, UsMd2026 };

// ── data/facts/outcomes/ (the engine's three in src/core/rulebook/outcome-schemas.ts) ──
export const pooledBandsSchema = z.strictObject({
  source: sourceRef,
  applicantType: z.literal("us-md"),
  years: z.string(),
  specialties: z.record(
    z.string(),
    z.strictObject({
      name: z.string(),
      bands: z.array(
        z.strictObject({
          lo: z.number().int().nullable(),
          hi: z.number().int().nullable(),
          n: z.number().int().nonnegative(),
          pMatch: z.number().min(0).max(1).nullable(),
        }),
      ),
    }),
  ),
});
export type PooledBands = z.infer<typeof pooledBandsSchema>;

/** Everything the harness reads besides the engine's own data. */
export interface CalibrationInputs {
  settings: CalibrationSettings;
  nrmp2025: NrmpByType;
  usMd2026: UsMd2026;
  seniors2024: Seniors2024;
  pooledBands: PooledBands;
}

/** Where each input lives under `data/`. */
export const CALIBRATION_FILES = {
  settings: "model/calibration.yaml",
  nrmp2025: "facts/outcomes/nrmp-2025-pgy1-by-applicant-type.yaml",
  usMd2026: "facts/outcomes/charting-outcomes-usmd-2026-step2ck.yaml",
  seniors2024: "facts/outcomes/charting-outcomes-md-do-2024.yaml",
  pooledBands: "facts/outcomes/charting-outcomes-usmd-step2-bands-pooled.yaml",
} as const;

export const CALIBRATION_SCHEMAS = {
  settings: calibrationSettingsSchema,
  nrmp2025: nrmpByTypeSchema,
  usMd2026: usMd2026Schema,
  seniors2024: seniors2024Schema,
  pooledBands: pooledBandsSchema,
} as const;
