import { z } from "zod";
import { APPLICANT_TYPES } from "../vocabulary.ts";
import { sourceRef } from "./schemas.ts";

/**
 * Schemas of the published outcomes by applicant type in `data/facts/outcomes/` that the engine
 * reads (each applicant type on its own record: src/core/programs/type-record.ts). The pooled
 * U.S. MD band grid is read by the calibration harness only (src/validate/settings.ts): it is held
 * out of every fit.
 */
const counts = z.strictObject({
  applicants: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
});

export const nrmpByTypeSchema = z.strictObject({
  source: sourceRef,
  matchYear: z.number().int(),
  byApplicantType: z.record(z.enum(APPLICANT_TYPES), counts.extend({ group: z.string() })),
  specialties: z.record(
    z.string(),
    z.strictObject({
      row: z.string(),
      "us-md": counts,
      do: counts,
      "us-img": counts,
      "non-us-img": counts,
      unfilled: z.number().int(),
    }),
  ),
});
export type NrmpByType = z.infer<typeof nrmpByTypeSchema>;

const n = z.number().int().nonnegative().nullable();
const score = z.number().nullable();
export const usMd2026Schema = z.strictObject({
  source: sourceRef,
  applicantType: z.literal("us-md"),
  matchYear: z.number().int(),
  specialties: z.record(
    z.string(),
    z.strictObject({
      name: z.string(),
      matched: z.strictObject({ n, q1: score, median: score, q3: score }),
      notMatched: z.strictObject({ n, median: score }),
    }),
  ),
});
export type UsMd2026 = z.infer<typeof usMd2026Schema>;

const pair = z.strictObject({ matched: z.number().nullable(), notMatched: z.number().nullable() });
const seniors2024 = z.strictObject({
  matched: z.number().int().nonnegative(),
  notMatched: z.number().int().nonnegative(),
  matchRate: z.number().min(0).max(1),
  step2ck: pair,
  research: pair,
  publications: pair,
  caution: z.string().optional(),
});
export const seniors2024Schema = z.strictObject({
  source: sourceRef,
  matchYear: z.number().int(),
  specialties: z.record(
    z.string(),
    z.strictObject({ "us-md": seniors2024.optional(), do: seniors2024.optional() }),
  ),
});
export type Seniors2024 = z.infer<typeof seniors2024Schema>;
