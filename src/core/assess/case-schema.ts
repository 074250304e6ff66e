import { z } from "zod";
import { STANDINGS, TARGET_READINGS } from "../vocabulary.ts";

/**
 * Scenario cases (`data/cases/*.yaml`): a named situation, a profile and what the assessment
 * must say. Names are sentences; both sides of every band edge are covered.
 */
const includesExcludes = z.strictObject({
  includes: z.array(z.string()).optional(),
  excludes: z.array(z.string()).optional(),
});

export const caseSchema = z.strictObject({
  name: z.string().min(10),
  specialty: z.string(),
  asOf: z.iso.date(),
  profile: z.unknown(),
  expect: z.strictObject({
    standing: z.array(z.enum(STANDINGS)).min(1).optional(),
    provisional: z.boolean().optional(),
    band: z
      .union([
        z.null(),
        z.strictObject({
          min: z.number().nullable(),
          max: z.number().nullable(),
          ruleId: z.string().optional(),
        }),
      ])
      .optional(),
    target: z
      .strictObject({
        min: z.number(),
        max: z.number().nullable().optional(),
        ruleId: z.string().optional(),
        /** How the score reads against it: to-reach, met, passed-below (G4). */
        reading: z.enum(TARGET_READINGS).optional(),
        /** The rule whose words are said beside the target. */
        readingRuleId: z.string().optional(),
      })
      .optional(),
    /** Guidance said, by rule id. */
    guidance: includesExcludes.optional(),
    redFlags: includesExcludes.optional(),
    recommendations: includesExcludes.optional(),
    compensators: includesExcludes.optional(),
    applicationCount: z
      .union([
        z.null(),
        z.strictObject({
          min: z.number().optional(),
          minAtLeast: z.number().optional(),
          max: z.number().nullable().optional(),
        }),
      ])
      .optional(),
    backupSpecialties: z
      .strictObject({ nonEmpty: z.boolean().optional(), includes: z.array(z.string()).optional() })
      .optional(),
    /** Per pattern: true (likely clears), false (may not clear), null (not known yet). */
    screening: z.record(z.string(), z.boolean().nullable()).optional(),
    step3: z.enum(["consider", "not-needed", "already-taken"]).optional(),
    pathway: z.string().nullable().optional(),
    /** Expect the input to be rejected, with issues at these paths. */
    invalidPaths: z.array(z.string()).optional(),
  }),
});
export const caseFileSchema = z.strictObject({ cases: z.array(caseSchema).min(1) });
export type ScenarioCase = z.infer<typeof caseSchema>;
