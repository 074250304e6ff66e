import { z } from "zod";
import { STATED_CONFIDENCES } from "../cycle/schemas.ts";
import { BLOCK_STYLES, DIAGNOSIS_DAYS, PHASE_ROLES, SELF_ASSESSMENT_SLOTS } from "../study/vocabulary.ts";
import {
  APPLICANT_TYPES,
  POSITION_LEVELS,
  SCREENING_PATTERNS,
  STANDINGS,
  TARGET_READINGS,
  TIERS,
} from "../vocabulary.ts";
import { conditionSchema } from "./condition.ts";

/**
 * Schemas of the data files in `data/`. Pass one of the loader checks each file against
 * its schema; pass two (`compile-rulebook.ts`) checks what crosses files.
 */

/** `seed-000#step2-ranges`, `match-statistics#330` or a bare source id. */
export const sourceRef = z.string().regex(/^[a-z0-9-]+(#[a-z0-9.-]+)?$/, "a source id, optionally #section");
const cited = { sources: z.array(sourceRef).min(1) };
const isoDate = z.iso.date();

// ── data/sources.yaml ────────────────────────────────────────────────────────
export const sourceEntrySchema = z.strictObject({
  kind: z.enum(["guide", "statistics", "program-data", "reference", "assumption"]),
  title: z.string(),
  publisher: z.string(),
  file: z.string().optional(),
  url: z.string().optional(),
  via: z.string().optional(),
  published: z.union([z.string(), z.number()]).optional(),
  retrieved: z.union([isoDate, z.date()]),
  terms: z.string(),
  /** The credit line the data's owner asks for; the report's and the page's footers show it (NOTICE has the full terms). */
  attribution: z.string().optional(),
  note: z.string().optional(),
  sections: z.record(z.string(), z.string()).optional(),
});
export const sourcesFileSchema = z.strictObject({ sources: z.record(z.string(), sourceEntrySchema) });
export type SourceEntry = z.infer<typeof sourceEntrySchema>;

// ── data/specialties.yaml ────────────────────────────────────────────────────
const citedValue = <T extends z.ZodTypeAny>(value: T) =>
  z.strictObject({ value, ...cited, note: z.string().optional(), confidence: z.string().optional() });

/** A signal scheme as the engine spends it, made from a cycle pack's count (cycle/signal-schemes.ts). */
export const signalSchemeSchema = z.union([
  z.strictObject({
    scheme: z.literal("gold-silver"),
    gold: z.number().int().nonnegative(),
    silver: z.number().int().nonnegative(),
    cycle: z.number().int(),
    sharedWith: z.string().optional(),
  }),
  z.strictObject({
    scheme: z.literal("single"),
    count: z.number().int().nonnegative(),
    cycle: z.number().int(),
  }),
  z.null(),
]);

export const specialtySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  tier: citedValue(z.enum(TIERS).nullable()),
  positions: citedValue(z.enum(POSITION_LEVELS)),
  /** The service the specialty applies through from a Match year on (ERAS, the default, when absent). */
  applicationService: z
    .strictObject({
      value: z.array(z.strictObject({ service: z.string(), fromMatchYear: z.number().int() })).min(1),
      ...cited,
      verified: isoDate,
      confidence: z.enum(STATED_CONFIDENCES),
      note: z.string().optional(),
    })
    .optional(),
  /** The specialty whose signal allowance this track's signals come from (signals go to the institution). */
  signalsThrough: citedValue(z.string()).optional(),
  broadAccess: z.boolean(),
  guideFocus: z.boolean().optional(),
  alternativePathway: z.strictObject({ via: z.string(), ...cited }).optional(),
  supplementalFor: z.array(z.string()).optional(),
  names: z.strictObject({
    chartingOutcomes: z.string().nullable(),
    residencyExplorer: z.string().nullable(),
    nrmp: z.array(z.string()),
  }),
});
export const specialtiesFileSchema = z.strictObject({ specialties: z.array(specialtySchema).min(1) });
export type Specialty = z.infer<typeof specialtySchema>;
export type SignalScheme = z.infer<typeof signalSchemeSchema>;

// ── data/facts/exam-rules.yaml ───────────────────────────────────────────────
const dated = z.strictObject({
  value: z.number(),
  from: z.union([isoDate, z.date()]),
  to: z.union([isoDate, z.date()]).nullable(),
  ...cited,
  confidence: z.string(),
});
const range = z.strictObject({ min: z.number(), max: z.number() });
const citedFact = <T extends z.ZodTypeAny>(value: T) =>
  z.strictObject({
    value,
    ...cited,
    quote: z.string().optional(),
    origin: z.string().optional(),
    effective: z.union([isoDate, z.date()]).optional(),
    confidence: z.string().optional(),
    assumption: z.string().optional(),
  });
export const examRulesSchema = z.strictObject({
  usmle: z.strictObject({
    scale: citedFact(range),
    attemptLimit: citedFact(z.number().int().positive()),
    step1PassFailSince: citedFact(z.union([isoDate, z.date()])),
    step2ckMinimumPass: z.array(dated).min(1),
    step3MinimumPass: z.array(dated).min(1),
    scoreReportWeeks: citedFact(range),
  }),
  comlex: z.strictObject({
    level2ce: z.strictObject({
      minimumPass: citedFact(z.number()),
      mean: citedFact(z.number()),
      sd: citedFact(z.number()),
    }),
    scale: citedFact(range),
  }),
});
export type ExamRules = z.infer<typeof examRulesSchema>;

// ── data/facts/charting-outcomes-2026.yaml ───────────────────────────────────
const quartiles = z.strictObject({
  n: z.number().int().nonnegative(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
});
export const chartingOutcomesSchema = z.strictObject({
  source: sourceRef,
  applicantType: z.enum(APPLICANT_TYPES),
  matchYear: z.number().int(),
  note: z.string(),
  specialties: z.record(
    z.string(),
    z.strictObject({
      name: z.string(),
      matchRate: z.number().min(0).max(1),
      applicants: z.number().int(),
      matched: z.number().int(),
      positions: z.number().int(),
      step2ck: z.strictObject({ matched: quartiles, notMatched: quartiles }),
      contiguousRanks: z.strictObject({ matched: quartiles, notMatched: quartiles }),
      research: z.strictObject({ matched: quartiles, notMatched: quartiles }),
    }),
  ),
});
export type ChartingOutcomes = z.infer<typeof chartingOutcomesSchema>;

// ── data/rules/**/*.yaml ─────────────────────────────────────────────────────
export const scopeSchema = z.strictObject({
  specialties: z.array(z.string()).optional(),
  applicantTypes: z.array(z.enum(APPLICANT_TYPES)).optional(),
  tiers: z.array(z.enum(TIERS)).optional(),
  broadAccess: z.boolean().optional(),
  note: z.string().optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

const ruleBase = {
  /** Unique rule id: the digest id, or the digest id with a suffix (`A1.dr-ir-img`). */
  id: z.string().regex(/^[A-Z]\d+(\.[a-z0-9-]+)?$/),
  /** The digest ids this entry encodes. */
  digest: z.array(z.string().regex(/^[A-Z]\d+$/)).min(1),
  summary: z.string().min(1),
  scope: scopeSchema.default({}),
  ...cited,
  assumption: z.string().optional(),
};

export const bandSchema = z.strictObject({
  min: z.number().nullable(),
  max: z.number().nullable(),
  label: z.string(),
  standing: z.enum(STANDINGS),
  assumption: z.string().optional(),
});
export type Band = z.infer<typeof bandSchema>;

const message = z.string().min(1);

/**
 * A message that depends on why: one text, or texts each with the condition it is for, tried in
 * order; the last has no condition and is said when none of the others holds.
 */
const messageChoice = z.union([
  message,
  z
    .array(z.strictObject({ when: conditionSchema.optional(), message }))
    .min(1)
    .refine((list) => list.at(-1)?.when === undefined, {
      error: "the last message must have no `when`: it is said when no other one holds",
    }),
]);
export type MessageChoice = z.infer<typeof messageChoice>;

export const ruleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...ruleBase,
    kind: z.literal("step2ck-bands"),
    role: z.enum(["primary", "supplementary"]),
    bands: z.array(bandSchema).min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("target"),
    when: conditionSchema.optional(),
    target: z.union([
      z.strictObject({ min: z.number(), max: z.number().nullable(), label: z.string() }),
      z.strictObject({
        above: z.string(),
        add: z.strictObject({ min: z.number(), max: z.number() }),
        label: z.string(),
      }),
    ]),
    minimumRealistic: z.number().optional(),
  }),
  z.strictObject({
    ...ruleBase,
    /** What the target means for a score already in hand (met, or passed below it): said beside the target. */
    kind: z.literal("target-reading"),
    reading: z.enum(TARGET_READINGS),
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("threshold"),
    name: z.string(),
    value: z.union([z.number(), range]),
    unit: z.string(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("standing-adjustment"),
    when: conditionSchema,
    effect: z.union([
      z.strictObject({ drop: z.number().int().positive() }),
      z.strictObject({ cap: z.enum(STANDINGS) }),
    ]),
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("red-flag"),
    code: z.string(),
    when: conditionSchema,
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("compensator"),
    code: z.string(),
    when: conditionSchema,
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("recommendation"),
    code: z.string(),
    when: conditionSchema,
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("application-count"),
    when: conditionSchema,
    min: z.number().int().positive(),
    max: z.number().int().positive().nullable(),
    /** Whom the count is for, as a phrase ("IMGs applying to DR or IR with borderline or lower standing"). */
    audience: z.string().min(1),
    note: z.string().optional(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("screening-pattern"),
    pattern: z.enum(SCREENING_PATTERNS),
    description: z.string(),
    clears: conditionSchema,
    clearsMessage: message,
    failsMessage: messageChoice,
    /** Said when `clears` reads a fact that is not known yet (an untaken Step 2 CK, no band for the score). */
    unknownMessage: messageChoice,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("step3-advice"),
    advice: z.enum(["consider", "not-needed", "already-taken"]),
    when: conditionSchema,
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("backup-plan"),
    when: conditionSchema,
    specialties: z.array(z.string()),
    paths: z.array(z.string()),
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("pathway-advice"),
    scenario: z.string(),
    when: conditionSchema,
    mix: z.array(
      z.strictObject({ specialty: z.string(), share: z.enum(["most", "some", "few"]), note: z.string() }),
    ),
    message,
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal("guidance"),
    topic: z.string(),
    when: conditionSchema.optional(),
    values: z.record(z.string(), z.unknown()).default({}),
    points: z.array(z.string()).min(1),
  }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule["kind"];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

export const ruleFileSchema = z.strictObject({ rules: z.array(ruleSchema).min(1) });

// ── data/facts/study-*.yaml (the Step 2 CK planner and forecast) ─────────────
/** A number the guides give, read from a rule's `values` rather than copied: `{ rule: P5, path: fullTime.hoursPerDay, pick: min }`. */
export const ruleValueRefSchema = z.strictObject({
  rule: z.string().regex(/^[A-Z]\d+(\.[a-z0-9-]+)?$/),
  path: z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/),
  pick: z.enum(["min", "max", "mid"]).optional(),
});
export type RuleValueRef = z.infer<typeof ruleValueRefSchema>;

const stated = {
  ...cited,
  assumption: z.string().optional(),
  confidence: z.string().optional(),
};
const perMode = z.strictObject({ fullTime: ruleValueRefSchema, partTime: ruleValueRefSchema });
const phaseModelEntrySchema = z
  .strictObject({
    name: z.string().min(1),
    role: z.enum(PHASE_ROLES),
    weeks: ruleValueRefSchema.optional(),
    weeksBeforeExam: ruleValueRefSchema.optional(),
    blocks: z.enum(BLOCK_STYLES),
    questionsPerDay: perMode,
    selfAssessmentsPerMonth: ruleValueRefSchema.optional(),
    selfAssessmentsPerWeek: ruleValueRefSchema.optional(),
    extraTopics: ruleValueRefSchema.optional(),
  })
  .refine((p) => (p.weeks === undefined) !== (p.weeksBeforeExam === undefined), {
    message: "a phase has either weeks or weeksBeforeExam, not both",
  });

export const studyPlanModelSchema = z.strictObject({
  length: z.strictObject({
    byBaseline: ruleValueRefSchema,
    baselineGaps: z.array(range),
    gapBridge: z.literal("lower-bracket"),
    fullTimeWeeks: ruleValueRefSchema,
    partTimeMonths: ruleValueRefSchema,
    redemptionMonths: ruleValueRefSchema,
    fullTimeHoursPerDay: ruleValueRefSchema,
    ...stated,
  }),
  day: z.strictObject({
    blockSize: ruleValueRefSchema,
    blockMinutes: ruleValueRefSchema,
    qbankHours: ruleValueRefSchema,
    qbankBlocks: ruleValueRefSchema,
    questionShare: ruleValueRefSchema,
    fullTime: z.strictObject({ hours: ruleValueRefSchema, notesHours: ruleValueRefSchema }),
    partTime: z.strictObject({ hours: ruleValueRefSchema, notesHours: ruleValueRefSchema }),
    heavyDaysInARow: ruleValueRefSchema,
    fullTimeDaysPerWeek: ruleValueRefSchema,
    weakAreas: ruleValueRefSchema,
    consolidationEveryWeeks: ruleValueRefSchema,
    hourStep: z.number().positive(),
    ...stated,
  }),
  phaseModels: z
    .array(
      z.strictObject({
        rule: z.string().regex(/^[A-Z]\d+(\.[a-z0-9-]+)?$/),
        phases: z.array(phaseModelEntrySchema).min(1),
        growOrder: z.array(z.enum(PHASE_ROLES)).min(1),
      }),
    )
    .min(1),
  phaseSources: z.array(sourceRef).min(1),
  phaseAssumption: z.string(),
  selfAssessments: z.strictObject({
    monthWeeks: z.number().int().positive(),
    finalWindowWeeks: ruleValueRefSchema,
    finalCount: ruleValueRefSchema,
    finalMinimum: ruleValueRefSchema,
    spacingWeeks: ruleValueRefSchema,
    simulations: ruleValueRefSchema,
    simulationBlocks: ruleValueRefSchema,
    finalOrder: z.array(z.enum(SELF_ASSESSMENT_SLOTS)).min(1),
    simulationOrder: z.array(z.enum(SELF_ASSESSMENT_SLOTS)).min(1),
    ...stated,
  }),
  diagnosesFrom: ruleValueRefSchema,
  diagnoses: z.record(
    z.string(),
    z.strictObject({
      growFirst: z.enum(PHASE_ROLES).optional(),
      timedFromStart: z.boolean().optional(),
      on: z.array(z.enum(DIAGNOSIS_DAYS)),
    }),
  ),
  diagnosisSources: z.array(sourceRef).min(1),
  diagnosisAssumption: z.string(),
  timing: z.strictObject({
    monthsBeforeSubmission: ruleValueRefSchema,
    sitBy: z.array(z.strictObject({ scope: scopeSchema, months: ruleValueRefSchema })).min(1),
    worthwhileGain: ruleValueRefSchema,
    whenD1CannotBeKept: z.literal("full-length"),
    ...stated,
  }),
});
export type StudyPlanModel = z.infer<typeof studyPlanModelSchema>;
export type PhaseModelEntry = z.infer<typeof phaseModelEntrySchema>;

const selfAssessmentResource = z.strictObject({
  label: z.string(),
  forms: z.array(z.number().int().positive()),
  questions: z.number().int().positive(),
  ...stated,
});
export const studyResourcesSchema = z.strictObject({
  questionBanks: z.strictObject({
    primary: z.strictObject({
      name: z.string(),
      nameFrom: ruleValueRefSchema,
      questions: z.number().int().positive(),
      passes: ruleValueRefSchema,
      ...stated,
    }),
    secondary: z.strictObject({
      namesFrom: ruleValueRefSchema,
      questions: z.number().int().positive().nullable(),
      whenBaseline: ruleValueRefSchema,
      ...stated,
    }),
  }),
  selfAssessments: z.strictObject({
    nbme: selfAssessmentResource,
    uwsa: selfAssessmentResource,
    free120: selfAssessmentResource,
  }),
});
export type StudyResources = z.infer<typeof studyResourcesSchema>;

const predictor = z.strictObject({
  correlation: range.refine((r) => r.min >= 0 && r.max < 1 && r.min <= r.max, {
    message: "a correlation range inside [0, 1) with min ≤ max",
  }),
  bias: range.refine((r) => r.min <= r.max, { message: "min ≤ max" }),
  ...stated,
});
export type Predictor = z.infer<typeof predictor>;
export const studyForecastSchema = z.strictObject({
  scoreSd: citedFact(z.number().positive()),
  kinds: z.strictObject({
    nbme: z.strictObject({ current: predictor, oldFormsBelow: z.number().int().positive(), old: predictor }),
    uwsa: z.strictObject({ forms: z.record(z.string().regex(/^\d+$/), predictor) }),
    free120: predictor,
    other: predictor,
  }),
  processSdPerWeek: citedFact(z.number().positive()),
  bandProbability: citedFact(z.number().gt(0).lt(1)),
  decision: z.strictObject({
    goWithin: ruleValueRefSchema,
    stayOnCourseWithin: ruleValueRefSchema,
    postponeBeyond: ruleValueRefSchema,
    ...stated,
  }),
});
export type StudyForecastModel = z.infer<typeof studyForecastSchema>;

// ── data/facts/input-limits.yaml ─────────────────────────────────────────────
/** One input limit: its value, why it is there, and the facts it rests on. */
const limit = <T extends z.ZodTypeAny>(value: T) =>
  z.strictObject({ value, why: z.string().min(1), ...cited });
const count = z.number().int().positive();
const calendarDate = z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]);
export const inputLimitsSchema = z.strictObject({
  dates: limit(
    z
      .strictObject({ from: calendarDate, to: calendarDate })
      .refine((w) => w.from < w.to, { message: "from must be before to" }),
  ),
  profile: z.strictObject({
    graduationYear: limit(
      z
        .strictObject({ min: z.number().int(), max: z.number().int() })
        .refine((r) => r.min <= r.max, { message: "min ≤ max" }),
    ),
    /** How many years after the Match year a graduation year may be (0: by the Match year). */
    graduationAfterMatch: limit(z.strictObject({ maxYears: z.number().int().min(0) })),
    count: limit(z.strictObject({ max: count })),
    months: limit(z.strictObject({ max: count })),
    states: limit(z.strictObject({ maxItems: count })),
    regions: limit(z.strictObject({ maxItems: count, maxLength: count })),
    budgetUsd: limit(z.strictObject({ max: count })),
    currencyPerUsd: limit(z.strictObject({ max: z.number().positive() })),
  }),
  study: z.strictObject({
    hoursPerDay: limit(
      z
        .strictObject({ min: z.number().positive(), max: z.number().positive() })
        .refine((r) => r.min <= r.max, { message: "min ≤ max" }),
    ),
    weeks: limit(z.strictObject({ max: count })),
    daysOff: limit(z.strictObject({ max: z.number().int().nonnegative() })),
    weakSystems: limit(z.strictObject({ maxItems: count, maxLength: count })),
    busy: limit(z.strictObject({ maxItems: count, maxLabelLength: count })),
  }),
  practiceLog: z.strictObject({
    entries: limit(z.strictObject({ max: count })),
    form: limit(z.strictObject({ maxNumber: count, maxLength: count })),
  }),
  whatIf: z.strictObject({ evaluations: limit(z.strictObject({ max: count })) }),
  tracker: z.strictObject({ notes: limit(z.strictObject({ maxLength: count })) }),
});
export type InputLimits = z.infer<typeof inputLimitsSchema>;
