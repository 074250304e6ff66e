import { z } from "@hono/zod-openapi";
import { VISA_TYPES } from "../../core/catalog/search-programs.ts";
import { plainText, sweepIssue, windowDate, windowYear } from "../../core/profile/input-limits.ts";
import { profileSchemaFor } from "../../core/profile/profile-schema-for.ts";
import type { ProgramData } from "../../core/programs/program-data.ts";
// Not the report's index: that also loads the chart renderer, which the server thread never uses.
import { REPORT_FORMATS } from "../../core/report/types.ts";
import type { Rulebook } from "../../core/rulebook/rulebook.ts";
import { PRACTICE_KINDS, STUDY_MODES, WEEKDAYS } from "../../core/study/vocabulary.ts";
import { chosenProgramSchema } from "./result-schemas.ts";
import { largestSpecialtyCatalog } from "./route-budgets.ts";

/**
 * The largest `version` a saved plan can hold: the column is a PostgreSQL `integer` (4 bytes,
 * src/store/migrations/0001_saved_plans.sql), so a larger number would fail in the database.
 */
export const STORED_VERSION_MAX = 2 ** 31 - 1;

/**
 * Request schemas, built from the loaded data: the profile is the core's own schema (score
 * ranges and attempt limits from data/facts/exam-rules.yaml), specialties are the registered
 * ids, list sizes are bounded by the catalog, and every other number, list, text and date by the
 * input limits (data/facts/input-limits.yaml) — the same the core checks, so the OpenAPI
 * document shows them. Every object is strict, so an unknown field is named rather than ignored.
 */
export function requestSchemas(rb: Rulebook, data: ProgramData) {
  const L = rb.limits;
  const date = windowDate(L);
  const { from, to } = L.dates.value;
  const asOfSchema = date.optional().openapi({
    description: `Compute as of this date (YYYY-MM-DD, from ${from} to ${to}); default: today on the server (UTC)`,
    example: "2026-11-22",
  });
  const profileSchema = profileSchemaFor(rb);
  // `.meta` rather than `.openapi`: core schemas may be built before the OpenAPI extension loads.
  const profile = profileSchema.meta({
    id: "Profile",
    description: "The applicant profile (`matchplan schema`)",
  });
  const ids = [...rb.specialties.keys()] as [string, ...string[]];
  const specialty = z
    .enum(ids, { error: "must be a registered specialty id (GET /api/v1/specialties)" })
    .openapi({ description: "A specialty id from GET /api/v1/specialties", example: ids[0] });
  const scale = rb.exam.usmle.scale.value;
  const usmleScore = z
    .number({ error: `must be a score on the USMLE ${scale.min}–${scale.max} scale` })
    .int({ error: "must be a whole number" })
    .min(scale.min, { error: `must be at least ${scale.min} (USMLE scale)` })
    .max(scale.max, { error: `must be at most ${scale.max} (USMLE scale)` });
  const catalogSize = data.catalog.programs.length;
  // Every id of a list is of one specialty, so no list is longer than the largest specialty.
  const largestSpecialty = largestSpecialtyCatalog(data);
  const longestId = Math.max(...data.catalog.programs.map((p) => p.id.length));
  const programId = plainText(longestId).min(1, { error: "must be a program id" });
  const programIds = z
    .array(programId)
    .min(1, { error: "needs at least one program id" })
    .max(largestSpecialty, {
      error: `must list at most ${largestSpecialty} programs (the largest specialty's catalog)`,
    })
    .openapi({ description: "Program ids from GET /api/v1/programs/search, all of the given specialty" });
  const budgetUsd = profileSchema.shape.preferences.unwrap().shape.budgetUsd;
  const signals = z.enum(["auto", "none"], { error: "must be auto or none" });
  // Dates, form numbers and form names are checked by the core's practice-log parser, which
  // names each entry's field; here only their types.
  const practiceEntry = z
    .strictObject({
      date: z.string({ error: "must be a date written YYYY-MM-DD" }),
      kind: z.enum(PRACTICE_KINDS, { error: `must be one of: ${PRACTICE_KINDS.join(", ")}` }),
      form: z.union([z.number(), z.string(), z.null()]).optional(),
      score: z.number({ error: "must be a number" }),
    })
    .openapi("PracticeExam", { description: "One practice exam: NBME needs its form number, UWSA 1 or 2" });
  const maxEntries = L.practiceLog.entries.value.max;
  const practiceLog = z
    .array(practiceEntry)
    .max(maxEntries, { error: `must list at most ${maxEntries} practice exams` });
  const chosenPrograms = z
    .array(chosenProgramSchema)
    .max(catalogSize, { error: `must list at most ${catalogSize} programs (the whole catalog)` });
  const matchYear = windowYear(L);
  const study = L.study;
  const diagnosisCount = Object.keys(rb.study.plan.diagnoses).length;

  const profileBody = z.strictObject({ profile }).openapi("ProfileRequest");
  const assessBody = z.strictObject({ profile, specialty, asOf: asOfSchema }).openapi("AssessRequest");
  const planBody = z
    .strictObject({
      profile,
      specialty,
      budgetUsd: budgetUsd.nullable().optional().openapi({
        description: "US dollars for ERAS fees; default the profile's preferences.budgetUsd; null = no limit",
      }),
      signals: signals
        .optional()
        .openapi({ description: "auto spends the specialty's signals; default auto" }),
      parallelSpecialty: specialty
        .nullable()
        .optional()
        .openapi({ description: "Also build a list in this specialty" }),
      anywhere: z.boolean({ error: "must be true or false" }).optional().openapi({
        description: "Ignore the profile's preferred states and regions",
      }),
      asOf: asOfSchema,
    })
    .openapi("ProgramPlanRequest");
  const evaluateBody = z
    .strictObject({ profile, specialty, programIds, signals: signals.optional(), asOf: asOfSchema })
    .openapi("EvaluateRequest");
  const whatIfBody = z
    .strictObject({
      profile,
      specialty,
      programIds,
      scores: z
        .array(usmleScore)
        .min(1, { error: "needs at least one score" })
        .max(scale.max - scale.min + 1, { error: "must not repeat the whole scale" })
        .optional()
        .openapi({ description: "Step 2 CK scores to evaluate; or give `range`" }),
      range: z
        .strictObject({
          from: usmleScore,
          to: usmleScore,
          step: z
            .number()
            .int({ error: "must be a whole number" })
            .min(1, { error: "must be at least 1" })
            .max(scale.max - scale.min, { error: `must be at most ${scale.max - scale.min}` })
            .optional(),
        })
        .optional()
        .openapi({
          description: "Every `step`-th score from `from` to `to` (default step 1); or give `scores`",
        }),
      asOf: asOfSchema,
    })
    .superRefine((b, ctx) => {
      if ((b.scores === undefined) === (b.range === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["scores"],
          message: b.scores ? "give either scores or range, not both" : "give scores or range",
          params: { allowed: "either scores: [score, …] or range: { from, to, step? }" },
        });
      if (b.range && b.range.from > b.range.to)
        ctx.addIssue({
          code: "custom",
          path: ["range", "to"],
          message: "must not be below range.from",
          params: { allowed: `${b.range.from}–${scale.max}` },
        });
      // The sweep's cost is programs × scores (input limits: whatIf.evaluations).
      const scores = b.scores
        ? new Set(b.scores).size
        : b.range && b.range.from <= b.range.to
          ? Math.floor((b.range.to - b.range.from) / (b.range.step ?? 1)) + 1
          : 0;
      const tooMany = sweepIssue(L, new Set(b.programIds).size, scores, b.scores ? "scores" : "range");
      if (tooMany)
        ctx.addIssue({
          code: "custom",
          path: [tooMany.path],
          message: tooMany.message,
          params: { code: tooMany.code, allowed: tooMany.allowed },
        });
    })
    .openapi("WhatIfRequest");
  const studyPlanBody = z
    .strictObject({
      profile,
      specialty,
      asOf: asOfSchema,
      examDate: date
        .optional()
        .openapi({ description: "Sit on this date; without it the plan recommends one" }),
      baseline: usmleScore
        .nullable()
        .optional()
        .openapi({ description: "Latest full practice-exam score before studying" }),
      target: usmleScore.optional().openapi({ description: "Your own target; default the guides' target" }),
      mode: z.enum(STUDY_MODES, { error: `must be one of: ${STUDY_MODES.join(", ")}` }).optional(),
      hoursPerDay: z
        .number({ error: "must be a number of hours" })
        .min(study.hoursPerDay.value.min, {
          error: `must be at least ${study.hoursPerDay.value.min}: a study day holds at least one timed block (P3)`,
        })
        .max(study.hoursPerDay.value.max, { error: `must be at most ${study.hoursPerDay.value.max}` })
        .optional()
        .openapi({
          description: `Hours a study day (${study.hoursPerDay.value.min}–${study.hoursPerDay.value.max}); part-time plans stretch to keep the full-time hours, up to ${study.weeks.value.max} weeks`,
        }),
      daysOff: z
        .array(z.enum(WEEKDAYS, { error: `must be one of: ${WEEKDAYS.join(", ")}` }))
        .max(WEEKDAYS.length, { error: `must list at most the ${WEEKDAYS.length} days of a week` })
        .optional(),
      diagnoses: z
        .array(plainText())
        .max(diagnosisCount, { error: `must list at most the ${diagnosisCount} known diagnoses` })
        .optional()
        .openapi({ description: "What went wrong on Step 1 (docs/study.md)" }),
      weakSystems: z
        .array(plainText(study.weakSystems.value.maxLength))
        .max(study.weakSystems.value.maxItems, {
          error: `must list at most ${study.weakSystems.value.maxItems} systems`,
        })
        .optional()
        .openapi({ description: "Weakest systems, weakest first" }),
      busy: z
        .array(
          z.strictObject({
            start: date,
            end: date,
            label: plainText(study.busy.value.maxLabelLength).optional(),
          }),
        )
        .max(study.busy.value.maxItems, { error: `must list at most ${study.busy.value.maxItems} periods` })
        .optional()
        .openapi({ description: "Clerkships or electives to keep the exam out of" }),
      usceStart: date.optional(),
    })
    .openapi("StudyPlanRequest");
  const forecastBody = z
    .strictObject({
      log: practiceLog.min(1, { error: "needs at least one practice exam" }),
      target: usmleScore,
      asOf: asOfSchema,
      examDate: date.optional(),
      matchYear: matchYear.optional(),
    })
    .openapi("ForecastRequest");
  const timelineBody = z.strictObject({ profile, specialty, asOf: asOfSchema }).openapi("TimelineRequest");
  const reportBody = z
    .strictObject({
      profile,
      specialty,
      asOf: asOfSchema,
      budgetUsd: budgetUsd.nullable().optional().openapi({
        description: "US dollars for ERAS fees; default the profile's preferences.budgetUsd; null = no limit",
      }),
      log: practiceLog.optional().openapi({ description: "Practice exams taken: adds the forecast" }),
    })
    .openapi("ReportRequest");
  const planContent = {
    profile,
    specialty,
    practiceLog: practiceLog.optional().openapi({ description: "Practice exams taken; default none" }),
    programs: chosenPrograms
      .optional()
      .openapi({ description: "Chosen programs and their status; default none" }),
  };
  const createPlanBody = z.strictObject(planContent).openapi("SavedPlanCreate");
  const updatePlanBody = z
    .strictObject({
      version: z
        .number({ error: "must be the version last read" })
        .int({ error: "must be a whole number" })
        .min(1, { error: "must be at least 1" })
        .max(STORED_VERSION_MAX, { error: `must be at most ${STORED_VERSION_MAX}` })
        .openapi({ description: "The version last read; a newer stored version makes this a 409 conflict" }),
      ...planContent,
    })
    .openapi("SavedPlanUpdate");
  const searchQuery = z.strictObject({
    specialty,
    state: z
      .string()
      .regex(/^[A-Za-z]{2}$/, { error: "must be a two-letter US state code, e.g. OH" })
      .optional(),
    visa: z.enum(VISA_TYPES, { error: `must be one of: ${VISA_TYPES.join(", ")}` }).optional(),
    minImgRate: z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: "must be a number from 0 to 1" })
      .transform(Number)
      .pipe(z.number().max(1, { error: "must be a number from 0 to 1" }))
      .optional()
      .openapi({ type: "number", minimum: 0, maximum: 1, description: "Minimum non-US IMG interview rate" }),
  });
  const asOfQuery = z.strictObject({ asOf: asOfSchema });
  const studyPlanQuery = z.strictObject({
    format: z.enum(["json", "ics"], { error: "must be json or ics" }).optional().openapi({
      description: "ics returns the plan as an iCalendar file",
    }),
  });
  const timelineQuery = z.strictObject({
    format: z.enum(["json", "ics"], { error: "must be json or ics" }).optional().openapi({
      description: "ics returns the timeline as an iCalendar file; default json",
    }),
  });
  const reportQuery = z.strictObject({
    format: z
      .enum(REPORT_FORMATS, { error: `must be one of: ${REPORT_FORMATS.join(", ")}` })
      .optional()
      .openapi({
        description: "json (default), md, html (a self-contained page) or pdf",
      }),
  });
  return {
    timelineBody,
    reportBody,
    timelineQuery,
    reportQuery,
    profileBody,
    assessBody,
    planBody,
    evaluateBody,
    whatIfBody,
    studyPlanBody,
    forecastBody,
    createPlanBody,
    updatePlanBody,
    searchQuery,
    asOfQuery,
    studyPlanQuery,
    profile: profileSchema,
  };
}

export type RequestSchemas = ReturnType<typeof requestSchemas>;
