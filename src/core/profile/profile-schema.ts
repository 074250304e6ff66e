import { z } from "zod";
import type { ExamRules, InputLimits } from "../rulebook/schemas.ts";
import { APPLICANT_TYPES, APPLYING_FROM, STEP1_OUTCOMES, VISA_NEEDS } from "../vocabulary.ts";
import { graduationAfterMatchIssue, plainText, windowDate, windowYear } from "./input-limits.ts";

/**
 * The applicant profile: a public contract shared by the CLI, the API, the web page and saved
 * plans. Add fields; never rename them. Score ranges and attempt limits are not typed in here:
 * they come from `data/facts/exam-rules.yaml`, and every other range (years, counts, list sizes,
 * dates) from `data/facts/input-limits.yaml`, so the schema is built from the loaded rules.
 */
export interface ProfileSchemaOptions {
  exam: ExamRules;
  limits: InputLimits;
  /** Two-letter codes accepted in `ties.states` / `preferences.states`; any two capitals when absent. */
  states?: readonly string[];
  /** Census division names accepted in `preferences.regions`; any text when absent. */
  divisions?: readonly string[];
  /** ISO 3166-1 alpha-2 codes accepted in `citizenship` (data/geography/countries.yaml); any two capitals when absent. */
  countries?: readonly string[];
}

export function makeProfileSchema(opts: ProfileSchemaOptions) {
  const usmle = opts.exam.usmle.scale.value;
  const comlex = opts.exam.comlex.scale.value;
  const attemptLimit = opts.exam.usmle.attemptLimit.value;
  const usmleCite = opts.exam.usmle.scale.sources.join(", ");
  const attemptCite = opts.exam.usmle.attemptLimit.sources.join(", ");
  const L = opts.limits.profile;
  const maxCount = L.count.value.max;
  const maxMonths = L.months.value.max;
  const graduation = L.graduationYear.value;
  const maxBudget = L.budgetUsd.value.max;

  const usmleScore = z
    .number({ error: `must be a number on the USMLE ${usmle.min}–${usmle.max} scale` })
    .int({ error: "must be a whole number" })
    .min(usmle.min, {
      error: `must be at least ${usmle.min} (USMLE scale ${usmle.min}–${usmle.max}, ${usmleCite})`,
    })
    .max(usmle.max, {
      error: `must be at most ${usmle.max} (USMLE scale ${usmle.min}–${usmle.max}, ${usmleCite})`,
    });
  const attempts = (min: number) =>
    z
      .number({ error: `must be a whole number of attempts from ${min} to ${attemptLimit}` })
      .int({ error: "must be a whole number" })
      .min(min, { error: `must be at least ${min}` })
      .max(attemptLimit, { error: `must be at most ${attemptLimit} (USMLE attempt limit, ${attemptCite})` });
  const count = z
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(0, { error: "must not be negative" })
    .max(maxCount, { error: `must be at most ${maxCount}` });
  const months = z
    .number({ error: "must be a number of months" })
    .min(0, { error: "must not be negative" })
    .max(maxMonths, { error: `must be at most ${maxMonths}` });
  const state = opts.states
    ? z.enum(opts.states as [string, ...string[]], { error: "must be a two-letter US state code, e.g. MI" })
    : z.string().regex(/^[A-Z]{2}$/, { error: "must be a two-letter US state code, e.g. MI" });
  const division = opts.divisions
    ? z.enum(opts.divisions as [string, ...string[]], {
        error: `must be a US census division: ${opts.divisions.join(", ")}`,
      })
    : plainText(L.regions.value.maxLength).min(1, { error: "must not be empty" });
  const date = windowDate(opts.limits);
  const countryMessage = "must be a two-letter ISO 3166-1 country code, e.g. NG";
  const country = opts.countries
    ? z.enum(opts.countries as [string, ...string[]], { error: countryMessage })
    : z.string().regex(/^[A-Z]{2}$/, { error: countryMessage });
  const maxRate = L.currencyPerUsd.value.max;

  return z
    .strictObject({
      applicantType: z.enum(APPLICANT_TYPES, { error: `must be one of: ${APPLICANT_TYPES.join(", ")}` }),
      graduationYear: z
        .number({ error: "must be a year, e.g. 2021" })
        .int({ error: "must be a whole year" })
        .min(graduation.min, { error: `must be ${graduation.min} or later` })
        .max(graduation.max, { error: `must be ${graduation.max} or earlier` }),
      visa: z.enum(VISA_NEEDS, { error: `must be one of: ${VISA_NEEDS.join(", ")}` }),
      /** Country of citizenship (ISO 3166-1 alpha-2): travel restrictions depend on it. Kept on the device; never logged. */
      citizenship: country.optional(),
      /** Where the applicant applies from: the H-1B proclamation's payment depends on it. Never logged. */
      applyingFrom: z
        .enum(APPLYING_FROM, { error: `must be one of: ${APPLYING_FROM.join(", ")}` })
        .optional(),
      step1: z.strictObject(
        {
          outcome: z.enum(STEP1_OUTCOMES, { error: `must be one of: ${STEP1_OUTCOMES.join(", ")}` }),
          score: usmleScore.nullable().optional(),
          attempts: attempts(0).optional(),
        },
        {
          error: `must be an object: { "outcome": ${STEP1_OUTCOMES.join(" or ")}, "attempts": how many times sat }`,
        },
      ),
      step2ck: z.strictObject(
        {
          score: usmleScore.nullable(),
          attempts: attempts(0).optional(),
          plannedDate: date.nullable().optional(),
        },
        {
          error:
            'must be an object: { "score": the three-digit score, or null if not taken yet; "attempts": how many times sat; "plannedDate" }',
        },
      ),
      step3: z.strictObject({ score: usmleScore.nullable(), attempts: attempts(0).optional() }).optional(),
      comlex2ce: z
        .strictObject({
          score: z
            .number({ error: `must be a number on the COMLEX ${comlex.min}–${comlex.max} scale` })
            .int({ error: "must be a whole number" })
            .min(comlex.min, { error: `must be at least ${comlex.min} (COMLEX three-digit scale)` })
            .max(comlex.max, { error: `must be at most ${comlex.max} (COMLEX three-digit scale)` })
            .nullable(),
          attempts: attempts(0).optional(),
        })
        .optional(),
      usce: z
        .strictObject({ handsOnMonths: months, observershipMonths: months, specialtyMonths: months })
        .partial()
        .optional(),
      research: z
        .strictObject({ items: count, specialtyItems: count, firstAuthor: count, presentations: count })
        .partial()
        .optional(),
      letters: z.strictObject({ total: count, specialty: count, us: count }).partial().optional(),
      homeProgram: z.boolean({ error: "must be true or false" }).optional(),
      ties: z
        .strictObject({ states: z.array(state).max(L.states.value.maxItems) })
        .partial()
        .optional(),
      preferences: z
        .strictObject({
          states: z.array(state).max(L.states.value.maxItems),
          regions: z.array(division).max(L.regions.value.maxItems),
          budgetUsd: z
            .number({ error: "must be an amount in US dollars" })
            .min(0, { error: "must not be negative" })
            .max(maxBudget, { error: `must be at most ${maxBudget}` }),
          /** The applicant's own currency and rate: costs are shown in it as well as in US dollars. */
          currency: z.strictObject({
            code: z
              .string()
              .regex(/^[A-Z]{3}$/, { error: "must be a three-letter ISO 4217 currency code, e.g. INR" }),
            perUsd: z
              .number({ error: "must be the number of units of the currency per US dollar" })
              .positive({ error: "must be more than 0" })
              .max(maxRate, { error: `must be at most ${maxRate}` }),
          }),
        })
        .partial()
        .optional(),
      /** The Match year applied for (e.g. 2028); the engine picks the next feasible cycle when absent. */
      targetMatchYear: windowYear(opts.limits).optional(),
    })
    .superRefine((p, ctx) => {
      // With a Match year asked for, a graduation after it is refused here; without one, the
      // assessment checks it against the Match year it plans for.
      const late =
        p.targetMatchYear === undefined
          ? null
          : graduationAfterMatchIssue(opts.limits, p.graduationYear, p.targetMatchYear, "graduationYear");
      if (late)
        ctx.addIssue({
          code: "custom",
          path: ["graduationYear"],
          message: late.message,
          params: { allowed: late.allowed, code: late.code },
        });
      const s1 = p.step1;
      if (s1.outcome === "not-taken" && ((s1.attempts ?? 0) > 0 || (s1.score ?? null) !== null)) {
        ctx.addIssue({
          code: "custom",
          path: ["step1", "attempts"],
          message: "Step 1 is marked not taken, so it cannot have attempts or a score",
          params: { allowed: "0 attempts and no score when outcome is not-taken" },
        });
      }
      if (s1.outcome !== "not-taken" && s1.attempts === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["step1", "attempts"],
          message: `Step 1 was taken, so attempts must be at least 1`,
          params: { allowed: `1–${attemptLimit}` },
        });
      }
      if (p.step2ck.score === null && (p.step2ck.attempts ?? 0) > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["step2ck", "attempts"],
          message:
            "Step 2 CK has no score (not yet taken), so attempts must be 0; enter the latest score if it was taken",
          params: { allowed: "0 when score is null" },
        });
      }
      if (p.step2ck.score !== null && p.step2ck.attempts === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["step2ck", "attempts"],
          message: "Step 2 CK has a score, so attempts must be at least 1",
          params: { allowed: `1–${attemptLimit}` },
        });
      }
      const u = p.usce;
      if (u?.specialtyMonths !== undefined) {
        const total = (u.handsOnMonths ?? 0) + (u.observershipMonths ?? 0);
        if (u.specialtyMonths > total) {
          ctx.addIssue({
            code: "custom",
            path: ["usce", "specialtyMonths"],
            message: `specialty months (${u.specialtyMonths}) cannot exceed hands-on plus observership months (${total})`,
            params: { allowed: `0–${total}` },
          });
        }
      }
      const r = p.research;
      if (r?.specialtyItems !== undefined && r.items !== undefined && r.specialtyItems > r.items) {
        ctx.addIssue({
          code: "custom",
          path: ["research", "specialtyItems"],
          message: `specialty items (${r.specialtyItems}) cannot exceed all research items (${r.items})`,
          params: { allowed: `0–${r.items}` },
        });
      }
      const l = p.letters;
      if (l?.total !== undefined) {
        for (const key of ["specialty", "us"] as const) {
          const v = l[key];
          if (v !== undefined && v > l.total) {
            ctx.addIssue({
              code: "custom",
              path: ["letters", key],
              message: `${key} letters (${v}) cannot exceed total letters (${l.total})`,
              params: { allowed: `0–${l.total}` },
            });
          }
        }
      }
    });
}

export type ProfileSchema = ReturnType<typeof makeProfileSchema>;
export type Profile = z.infer<ProfileSchema>;
