import { z } from "@hono/zod-openapi";
import {
  plainText,
  programSchema,
  SCREENING_PATTERNS,
  SCREENING_VERDICTS,
  STANDINGS,
  specialtySchema,
  TARGET_READINGS,
} from "../../core/index.ts";
import { APPLICATION_STATUSES, STORE_KINDS } from "../../store/store.ts";
import { becauseSchema, estimateSchema, issueSchema } from "./common.ts";

/**
 * Response schemas: the results the core computes, described for the OpenAPI document (the
 * core's own types are TypeScript interfaces). Objects are open — the core adds fields over
 * time and never renames them — and a test checks real responses against these.
 */
const cited = { ruleId: z.string(), sources: z.array(z.string()) };
/** How sure a fact is: stated by the body that sets it, by a third party, carried from a prior cycle, or unknown. */
const confidence = z.enum(["official", "secondary", "estimated", "unknown"]);
const freshness = z
  .looseObject({
    lastVerified: z.string().nullable(),
    staleAfterDays: z.number().int(),
    text: z.string(),
    warning: z.string().nullable(),
  })
  .openapi({
    description:
      "When the facts used were last verified, and a warning when one is older than the data's threshold",
  });
const flag = z.looseObject({ code: z.string(), message: z.string(), ...cited });
const band = z.looseObject({
  min: z.number().nullable(),
  max: z.number().nullable(),
  label: z.string(),
  standing: z.enum(STANDINGS),
  assumption: z.string().optional(),
  ...cited,
});

export const assessmentSchema = z
  .looseObject({
    specialty: z.string(),
    specialtyName: z.string(),
    applicantType: z.string(),
    asOf: z.string(),
    standing: z.enum(STANDINGS),
    provisional: z.boolean(),
    step2ck: z.looseObject({
      score: z.number().nullable(),
      band: band.nullable(),
      otherBands: z.array(band),
      target: z
        .looseObject({
          min: z.number(),
          max: z.number().nullable(),
          label: z.string(),
          minimumRealistic: z.number().optional(),
          /** How the score in hand reads against the target (absent in results saved before it existed). */
          reading: z.enum(TARGET_READINGS).optional(),
          readingNote: z.looseObject({ message: z.string(), ...cited }).optional(),
          ...cited,
        })
        .nullable(),
    }),
    redFlags: z.array(flag),
    compensators: z.array(flag),
    screening: z.array(
      z.looseObject({
        pattern: z.enum(SCREENING_PATTERNS),
        description: z.string(),
        /** null: not known yet (a fact the pattern reads is missing). */
        likelyClears: z.boolean().nullable(),
        verdict: z.enum(SCREENING_VERDICTS),
        message: z.string(),
        ...cited,
      }),
    ),
    step3: z.looseObject({ advice: z.string(), message: z.string(), ...cited }).nullable(),
    recommendations: z.array(flag),
    applicationCount: z
      .looseObject({ min: z.number(), max: z.number().nullable(), note: z.string().optional(), ...cited })
      .nullable(),
    backupSpecialties: z.array(z.string()),
    backupPaths: z.array(z.string()),
    pathway: z
      .looseObject({
        scenario: z.string(),
        mix: z.array(z.looseObject({ specialty: z.string(), share: z.string(), note: z.string() })),
        message: z.string(),
        ...cited,
      })
      .nullable(),
    guidance: z.array(
      z.looseObject({
        topic: z.string(),
        points: z.array(z.string()),
        values: z.record(z.string(), z.unknown()),
        ...cited,
      }),
    ),
    cycle: z.looseObject({
      matchYear: z.number().int(),
      service: z.looseObject({ id: z.string(), name: z.string() }),
      programsReview: z
        .looseObject({ date: z.string(), estimated: z.boolean(), basis: z.string(), confidence: confidence })
        .nullable(),
    }),
    because: z.array(becauseSchema),
  })
  .openapi("Assessment", {
    description: "Where a profile stands for a specialty; see docs/cli.md for every field",
  });

const sponsorshipSchema = z
  .looseObject({
    p: z.number(),
    basis: z.enum(["not-needed", "own", "inferred", "specialty-share", "default-share"]),
    text: z.string(),
  })
  .openapi({
    description:
      "P(the program sponsors the visa the applicant needs), already inside the interview odds: the program's own answer, an inference from the same sponsor's programs in other specialties (labelled so), or the specialty's share of sponsoring programs",
  });
const sponsorshipCounts = z.looseObject({
  known: z.number().int(),
  inferred: z.number().int(),
  unknown: z.number().int(),
  excluded: z.number().int(),
});
const signalTally = z.looseObject({ gold: z.number().int(), silver: z.number().int() });
const plannedProgram = z.looseObject({
  id: z.string(),
  name: z.string(),
  institution: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  division: z.string().nullable(),
  specialty: z.string(),
  track: z.string().nullable(),
  tier: z.enum(["reach", "target", "safety"]),
  pInterview: estimateSchema,
  signal: z.enum(["gold", "silver"]).nullable(),
  visa: z.looseObject({ j1: z.boolean().nullable(), h1b: z.boolean().nullable() }).nullable(),
  sponsorship: sponsorshipSchema,
  basis: z.string(),
  rate: z
    .looseObject({ observed: z.number().nullable(), shrunk: z.number(), estimated: z.boolean() })
    .openapi({
      description:
        "The interview rate the odds start from: the program's own (observed), shrunk toward the specialty; `estimated` when it is the specialty's median because the program reports none",
    }),
  sources: z.array(z.string()),
});
const marginal = z.array(z.object({ n: z.number().int(), pMatch: z.number(), gain: z.number() }));
const fees = z.array(
  z.looseObject({
    specialty: z.string(),
    programs: z.number().int(),
    usd: z.number(),
    list: z.enum(["main", "parallel", "pgy1", "backup"]),
    service: z
      .string()
      .openapi({ description: "The application service that bills this list (eras, residencycas)" }),
    serviceName: z.string(),
    confidence,
    text: z.string().openapi({ description: "The bill worked out, with its confidence mark" }),
    sources: z.array(z.string()),
  }),
);
const costLine = z.looseObject({
  kind: z.enum(["application", "transcript", "nrmp"]),
  item: z.string(),
  usd: z.number().nullable(),
  local: z.number().nullable(),
  confidence,
  text: z.string(),
});
const seasonCost = z
  .looseObject({
    matchYear: z.number().int(),
    lines: z.array(costLine),
    totalUsd: z.number(),
    totalLocal: z.number().nullable(),
    unknown: z.array(z.string()),
    currency: z.looseObject({ code: z.string(), perUsd: z.number(), rateFrom: z.literal("user") }).nullable(),
    text: z.string(),
  })
  .openapi({
    description: "The all-in cost of the season in US dollars and, when given, the user's currency",
  });
const visaNote = z.looseObject({
  kind: z.enum(["h1b-proclamation", "travel-ban"]),
  title: z.string(),
  points: z.array(z.string()),
  whatToDo: z.array(z.string()),
  confidence,
  sources: z.array(z.string()),
  verified: z.string(),
  provenance: z.string(),
});

export const programPlanSchema = z
  .looseObject({
    specialty: z.string(),
    applicantType: z.string(),
    season: z.number().int(),
    budgetUsd: z.number().nullable(),
    programs: z.array(plannedProgram),
    costUsd: z.number(),
    fees,
    pMatch: estimateSchema.nullable(),
    pMatchRange: z
      .looseObject({
        parts: z.array(z.looseObject({ part: z.string(), low: z.number(), high: z.number() })),
        widenedTo: z.number().nullable(),
      })
      .nullable()
      .openapi({
        description:
          "What the range of pMatch is made of: the strength term (or an untaken Step 2 CK), program rates and the curve; widenedTo is a published rate the range was widened to reach",
      }),
    thinData: z
      .looseObject({
        applicants: z.number(),
        rankApplicants: z.number(),
        ranksOwn: z.boolean(),
        threshold: z.number(),
        text: z.string(),
        sources: z.array(z.string()),
      })
      .nullable()
      .openapi({
        description: "Set where fewer than the threshold's applicants of the type stand behind the curve",
      }),
    whatMoves: z
      .array(
        z.looseObject({
          id: z.string(),
          label: z.string(),
          value: z.number(),
          low: z.looseObject({ value: z.number(), pMatch: z.number() }),
          high: z.looseObject({ value: z.number(), pMatch: z.number() }),
          assumption: z.string(),
          sources: z.array(z.string()),
          surveyed: z
            .looseObject({ yes: z.number().int(), of: z.number().int(), programs: z.string() })
            .optional()
            .openapi({
              description:
                "For a share read from a survey (a specialty's share of programs that sponsor a visa): its counts and whose programs they count; low and high are its 95% interval",
            }),
        }),
      )
      .openapi({
        description:
          "The (up to) three stated assumptions that move this applicant's P(match) most, at their low and high values",
      }),
    pAtLeastOneInterview: z.number(),
    marginal,
    diminishingReturnsAt: z.number().int(),
    recommendedCount: z.number().int(),
    guideAdvice: z
      .looseObject({
        min: z.number(),
        max: z.number().nullable(),
        ruleId: z.string(),
        sources: z.array(z.string()),
      })
      .nullable(),
    comparison: z.string(),
    signals: z
      .looseObject({
        scheme: z.string(),
        gold: z.number(),
        silver: z.number(),
        list: signalTally,
        parallel: signalTally.nullable(),
        allowed: signalTally,
        text: z.string(),
      })
      .nullable()
      .openapi({
        description:
          "Signals spent: gold and silver in all (this list's and a parallel list's, against the allowance), on this list (list), on the parallel list (parallel), the allowance (allowed), and the counts in words",
      }),
    supplementalPgy1: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        institution: z.string().nullable(),
        state: z.string().nullable(),
        specialty: z.string(),
        track: z.string().nullable(),
        pInterview: z.null(),
        pPosition: z.number(),
        sponsorship: sponsorshipSchema,
        near: z.string(),
        signal: z.enum(["gold", "silver"]).nullable(),
        sources: z.array(z.string()),
      }),
    ),
    pgy1: z
      .looseObject({
        advancedOnly: estimateSchema.nullable(),
        chance: z.number(),
        categoricalShare: z.number(),
        target: z.number(),
        wanted: z.number().int(),
        programs: z.number().int(),
        binding: z.enum(["target", "budget", "catalog"]),
        rates: z.array(
          z.looseObject({
            specialty: z.string(),
            matched: z.number().int(),
            applicants: z.number().int(),
            perProgram: z.number(),
          }),
        ),
        text: z.string(),
        sources: z.array(z.string()),
      })
      .nullable()
      .openapi({
        description:
          "For a specialty whose positions start at PGY-2: P(match) is the joint chance of the advanced position and a PGY-1 year; this says what that includes and how the supplemental list was sized. Null otherwise",
      }),
    visaSponsorship: z
      .looseObject({
        need: z.string(),
        candidates: sponsorshipCounts,
        listed: sponsorshipCounts,
        supplemental: sponsorshipCounts.nullable(),
        unknownDominates: z.boolean(),
        ifAllSponsor: z.number().nullable().openapi({
          description:
            "P(match) of the same list if every program on it sponsors the visa needed (each confirmed before applying); null where no visa is needed or every listed program already says it does",
        }),
        note: z.string(),
        sources: z.array(z.string()),
      })
      .openapi({
        description:
          "How many programs sponsor the visa needed by their own answer (known), by inference, or unknown (a specialty's share, or an assumed one), and how many were left out; unknownDominates warns when most of the list has no answer",
      }),
    parallel: z
      .looseObject({
        specialty: z.string(),
        programs: z.array(plannedProgram),
        costUsd: z.number(),
        pMatch: estimateSchema.nullable(),
        pAtLeastOneInterview: z.number(),
        marginal,
      })
      .nullable(),
    pMatchAny: estimateSchema.nullable(),
    calibration: z
      .looseObject({
        direction: z.enum(["under", "over"]),
        difference: z.number(),
        publishedMatchRate: z.number().nullable(),
        applicantType: z.string(),
        band: z.string().nullable(),
        text: z.string(),
        sources: z.array(z.string()),
      })
      .nullable()
      .openapi({
        description:
          "Where P(match) is known to run below (under) or above (over) the published rate for the applicant's type (and Step 2 CK band) in the model's calibration; null where it is within the targets",
      }),
    excluded: z.array(z.looseObject({ id: z.string(), name: z.string(), reason: z.string() })),
    geography: z.looseObject({ applied: z.boolean(), kept: z.number().int(), note: z.string() }),
    service: z.looseObject({ id: z.string(), name: z.string(), basis: z.string() }),
    signalAllowance: z.looseObject({
      scheme: z.unknown(),
      confidence,
      text: z.string(),
      sources: z.array(z.string()),
    }),
    pgy1Signals: z.looseObject({ rule: z.string(), note: z.string() }).nullable(),
    cost: seasonCost,
    visaNotes: z.array(visaNote),
    freshness,
    because: z.array(becauseSchema),
  })
  .openapi("ProgramPlan", { description: "A program list with interview odds, signals, cost and P(match)" });

export const listEvaluationSchema = z
  .object({
    specialty: z.string(),
    asOf: z.string(),
    season: z.number().int().openapi({ description: "The Match the list is for" }),
    programs: z.number().int(),
    pMatch: estimateSchema.nullable(),
    pAtLeastOneInterview: z.number().nullable().openapi({
      description: "P(at least one interview) over the list; null where P(match) is not estimated",
    }),
    costUsd: z.number().openapi({
      description:
        "Application fees of this list with the plan's other lists (supplemental PGY-1, a pathway's parallel list), as the plan bills its own",
    }),
    fees,
    notes: z.array(z.string()),
    because: z.array(becauseSchema),
  })
  .openapi("ListEvaluation", {
    description: "P(match) and application fees (ERAS or ResidencyCAS) of a list chosen by hand",
  });

export const whatIfSchema = z
  .object({
    specialty: z.string(),
    asOf: z.string(),
    programs: z.number().int(),
    reference: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The profile's own Step 2 CK score, if any" }),
    points: z.array(z.object({ score: z.number().int(), pMatch: estimateSchema })),
    notes: z.array(z.string()),
  })
  .openapi("WhatIf", { description: "P(match) of a fixed list at each Step 2 CK score" });

export const programSearchSchema = z
  .object({ count: z.number().int(), programs: z.array(programSchema.meta({ id: "Program" })) })
  .openapi("ProgramSearch");

export const specialtiesSchema = z
  .object({ specialties: z.array(specialtySchema.meta({ id: "Specialty" })) })
  .openapi("Specialties");

/** An odds input a valid profile leaves out, and what the odds assume instead (`omittedInputWarnings`). */
const inputWarningSchema = z
  .object({ code: z.literal("not_given"), path: z.string(), message: z.string() })
  .openapi("InputWarning");

export const validationSchema = z
  .object({
    ok: z.literal(true),
    issues: z.array(issueSchema).length(0),
    warnings: z.array(inputWarningSchema),
  })
  .openapi("ProfileValid");

export const studyPlanSchema = z
  .looseObject({
    asOf: z.string(),
    specialty: z.string(),
    applicantType: z.string(),
    target: z.looseObject({
      score: z.number(),
      ruleId: z.string(),
      sources: z.array(z.string()),
      label: z.string(),
    }),
    baseline: z.number().nullable(),
    mode: z.string(),
    examDate: z.string(),
    studyStart: z.string(),
    phases: z.array(
      z.looseObject({ name: z.string(), start: z.string(), end: z.string(), days: z.number() }),
    ),
    days: z.array(z.looseObject({ date: z.string(), kind: z.string() })),
    selfAssessments: z.array(z.looseObject({ date: z.string(), label: z.string() })),
    issues: z.array(issueSchema),
    because: z.array(becauseSchema),
  })
  .openapi("StudyPlan", { description: "A day-by-day Step 2 CK plan; see docs/study.md" });

export const forecastSchema = z
  .looseObject({
    asOf: z.string(),
    examDate: z.string().nullable(),
    target: z.number(),
    forecast: z.looseObject({
      at: z.string(),
      estimate: z.number(),
      low: z.number(),
      high: z.number(),
      sd: z.number(),
      probability: z.number(),
    }),
    gap: z.number(),
    decision: z.string(),
    readings: z.array(z.looseObject({ date: z.string(), score: z.number(), weight: z.number() })),
    because: z.array(becauseSchema),
  })
  .openapi("Forecast", {
    description: "Exam-day score forecast from practice exams, with a go / postpone call",
  });

export const chosenProgramSchema = z
  .strictObject({
    programId: plainText()
      .min(1, { error: "must be a program id" })
      .openapi({ description: "A program id from the catalog (programs/search)" }),
    status: z.enum(APPLICATION_STATUSES, { error: `must be one of: ${APPLICATION_STATUSES.join(", ")}` }),
  })
  .openapi("ChosenProgram");

const rangeSchema = z.looseObject({ estimate: z.number(), low: z.number(), high: z.number() });

export const trackerEntryResultSchema = z
  .looseObject({
    programId: z.string(),
    applied: z.string().nullable(),
    signal: z.string().nullable(),
    invited: z.boolean(),
    invitedOn: z.string().nullable(),
    interviewDate: z.string().nullable(),
    interviewed: z.boolean(),
    rejected: z.boolean(),
    withdrawn: z.boolean(),
    rank: z.number().int().nullable(),
    notes: z.string(),
  })
  .openapi("TrackerEntryStored", { description: "One tracker entry with every field filled in" });

export const seasonReportSchema = z
  .looseObject({
    asOf: z.string(),
    specialty: z.string(),
    matchYear: z.number().int(),
    timing: z.looseObject({ anchorDate: z.string(), days: z.number(), shareSent: z.number() }),
    pMatch: estimateSchema,
    planPMatch: estimateSchema,
    change: z.number().openapi({ description: "P(match) now minus at plan time (−0.2 = 20 points lower)" }),
    expectedInterviews: rangeSchema,
    planExpectedInterviews: z.number(),
    atLeast: z.array(z.looseObject({ k: z.number().int(), p: z.number(), plan: z.number() })),
    counts: z.record(z.string(), z.number()),
    programs: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        state: z.string(),
        pInviteNow: z.number().nullable(),
        pInvitePlan: z.number().nullable(),
      }),
    ),
    applyMore: z.looseObject({ open: z.boolean(), programs: z.array(z.looseObject({})), text: z.string() }),
    rankList: z.looseObject({
      rules: z.array(z.looseObject({ id: z.string(), text: z.string(), sources: z.array(z.string()) })),
      interviews: z.number().int(),
      ranked: z.number().int(),
      byLength: z.array(z.looseObject({ length: z.number().int(), pMatch: z.number() })),
      warnings: z.array(z.string()),
    }),
    soap: z.looseObject({
      raised: z.boolean(),
      threshold: z.number(),
      text: z.string(),
      unfilled: z
        .looseObject({
          specialties: z.array(z.looseObject({ row: z.string(), unfilled: z.number() })),
          states: z
            .array(z.looseObject({ state: z.string(), unfilled: z.number() }))
            .nullable()
            .openapi({
              description:
                "null: the published record in the data has no unfilled positions by state (unknown)",
            }),
        })
        .nullable(),
    }),
    explanation: z.array(z.string()),
    because: z.array(becauseSchema),
  })
  .openapi("SeasonReport", {
    description:
      "The season as of a date: P(match) now against the plan, applying to more, the rank list and SOAP",
  });

export const savedTrackerSchema = z
  .object({
    id: z.string(),
    version: z
      .number()
      .int()
      .min(1)
      .openapi({ description: "The plan's version (the tracker is part of it)" }),
    specialty: z.string(),
    entries: z.array(trackerEntryResultSchema),
  })
  .openapi("SavedTracker", {
    description: "A saved plan's tracker; a plan saved before trackers existed has none",
  });

export const savedPlanResultsSchema = z
  .object({
    asOf: z.string(),
    assessment: assessmentSchema.nullable(),
    lists: z.array(listEvaluationSchema).openapi({
      description: "P(match) and fees of the chosen programs that are not withdrawn, one entry per specialty",
    }),
    forecast: forecastSchema.nullable().openapi({
      description:
        "From the practice-exam log, against the assessment's Step 2 CK target; null without a log or target",
    }),
    season: seasonReportSchema.nullable().openapi({
      description: "The season read from the plan's tracker; null while the tracker is empty",
    }),
    issues: z.array(issueSchema).openapi({ description: "Why a result is missing, if one is" }),
  })
  .openapi("SavedPlanResults", { description: "Recomputed on every read; never stored" });

export const savedPlanSchema = z
  .object({
    id: z.string().openapi({ description: "Unguessable id (128 random bits, base64url); keep it private" }),
    version: z.number().int().min(1),
    createdAt: z.string(),
    updatedAt: z.string(),
    profile: z.record(z.string(), z.unknown()),
    specialty: z.string(),
    practiceLog: z.array(z.unknown()),
    programs: z.array(chosenProgramSchema),
    tracker: z.array(trackerEntryResultSchema).openapi({
      description: "The season's tracker entries; empty for a plan saved before trackers existed",
    }),
    results: savedPlanResultsSchema,
  })
  .openapi("SavedPlan");

export const healthSchema = z
  .object({ status: z.literal("ok"), store: z.enum(STORE_KINDS) })
  .openapi("Health");

export const problemKindSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), description: z.string() })
  .openapi("ProblemKind");

export const timelineSchema = z
  .looseObject({
    matchYear: z.number().int(),
    asOf: z.string(),
    stagePlan: z.looseObject({ ruleId: z.string(), summary: z.string(), anchor: z.string() }).nullable(),
    events: z.array(
      z.looseObject({
        id: z.string(),
        label: z.string(),
        date: z.string(),
        estimated: z.boolean(),
        confidence,
        verified: z.string(),
      }),
    ),
    service: z.looseObject({ id: z.string(), name: z.string() }),
    freshness,
    items: z.array(
      z.looseObject({
        id: z.string(),
        kind: z.string(),
        label: z.string(),
        start: z.string(),
        end: z.string(),
        estimated: z.boolean(),
        status: z.string(),
      }),
    ),
    notes: z.array(z.string()),
    because: z.array(becauseSchema),
    issues: z.array(issueSchema),
  })
  .openapi("Timeline", { description: "The application timeline; see docs/report.md" });

export const reportSchema = z
  .looseObject({
    version: z.number().int(),
    title: z.string(),
    asOf: z.string(),
    matchYear: z.number().int(),
    specialty: z.looseObject({ id: z.string(), name: z.string() }),
    standing: z.looseObject({
      standing: z.enum(STANDINGS),
      provisional: z.boolean(),
      because: z.array(becauseSchema),
    }),
    step2ck: z.looseObject({ score: z.number().nullable(), status: z.string() }),
    forecast: z.looseObject({ estimate: z.number(), decision: z.string() }).nullable(),
    programs: z
      .looseObject({
        specialty: z.string(),
        listed: z.number().int().openapi({ description: "Programs the fees and P(match) are for" }),
        pMatch: estimateSchema.nullable(),
        costUsd: z.number(),
        held: z
          .looseObject({
            statuses: z.record(z.string(), z.string()),
            withdrawn: z.array(z.string()),
            removed: z.number().int(),
            added: z.number().int(),
            listed: z.number().int(),
          })
          .nullable()
          .openapi({
            description:
              "The request's `programs` as held (statuses, how the list differs from the planner's); null for the planner's list",
          }),
      })
      .nullable(),
    timeline: timelineSchema,
    sources: z.array(z.looseObject({ id: z.string(), title: z.string() })),
    issues: z.array(issueSchema),
  })
  .openapi("Report", { description: "The whole strategy as one document; see docs/report.md" });
