import { z } from "zod";
import { APPLICANT_TYPES } from "../vocabulary.ts";

/**
 * Schemas of the cycle packs (`data/cycles/<year>.yaml`), the rules that hold across years
 * (`data/cycles/cycle-rules.yaml`) and the country list (`data/geography/countries.yaml`).
 *
 * Every fact has one shape (STYLE §13): `value`, `sources`, `published`, `verified` (last
 * checked) and `confidence`. In a pack a fact may instead be `{ carried: <year>, why }` — the
 * prior cycle's value, shown as estimated with what it rests on — or `{ unknown: why }`.
 */

/** Who stated a fact: the body that sets it, a third party, or nobody for this year (carried). */
export const CONFIDENCES = ["official", "secondary", "estimated"] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const STATED_CONFIDENCES = ["official", "secondary"] as const;
export type StatedConfidence = (typeof STATED_CONFIDENCES)[number];
/** A resolved fact's standing: one of the confidences, or unknown (no value may be given). */
export type FactStatus = Confidence | "unknown";

/**
 * The events whose dates come from the application service (ERAS, ResidencyCAS), keyed as the
 * packs write them, with the cycle event each fills (application-cycle.ts `CYCLE_EVENTS`).
 */
export const SERVICE_EVENTS = {
  opens: "erasOpens",
  submitFrom: "applicantsSubmit",
  submitDeadline: "applicationDeadline",
  programsReview: "programsReview",
  mspeRelease: "mspeRelease",
  closes: "erasCloses",
} as const;
export type ServiceEventKey = keyof typeof SERVICE_EVENTS;

/** NRMP and ECFMG events: the same whichever service the applications go through. */
export const MATCH_EVENTS = [
  "nrmpRegistrationOpens",
  "nrmpRegistrationDeadline",
  "nrmpLateRegistrationDeadline",
  "rankListOpens",
  "rankListDeadline",
  "ecfmgVerificationDeadline",
  "matchWeekStarts",
  "soapBegins",
  "soapEnds",
  "matchDay",
] as const;
export type MatchEvent = (typeof MATCH_EVENTS)[number];

export const VISA_KINDS = ["j1", "h1b"] as const;

const sourceRef = z.string().regex(/^[a-z0-9-]+(#[a-z0-9.-]+)?$/, "a source id, optionally #section");
const iso = (d: string | Date) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));
export const dateValue = z.union([z.iso.date(), z.date()]).transform(iso);
/** When a source says it was published: a year, a month or a day. */
const publishedValue = z
  .union([
    z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "a year, YYYY-MM or YYYY-MM-DD"),
    z.number().int(),
    z.date(),
  ])
  .transform((v) => (typeof v === "number" ? String(v) : iso(v)));

/**
 * A known end or scheduled review of a fact, from its source: past this day the fact may no longer
 * hold, so the product flags it wherever it shows the fact's freshness instead of treating it as
 * current. `what` names what ends or is reviewed ("the proclamation's 12-month term").
 */
export const untilSchema = z.strictObject({
  date: dateValue,
  kind: z.enum(["ends", "review"]),
  what: z.string().min(1),
  sources: z.array(sourceRef).min(1),
  assumption: z.string().optional(),
});
export type Until = z.infer<typeof untilSchema>;

const factMeta = {
  sources: z.array(sourceRef).min(1),
  published: publishedValue.optional(),
  verified: dateValue,
  confidence: z.enum(STATED_CONFIDENCES),
  note: z.string().optional(),
  assumption: z.string().optional(),
  until: untilSchema.optional(),
};

/** A fact some source states. */
export const statedFact = <T extends z.ZodTypeAny>(value: T) => z.strictObject({ value, ...factMeta });
const carriedFact = z.strictObject({ carried: z.number().int(), why: z.string().min(1) });
const unknownFact = z.strictObject({ unknown: z.string().min(1) });
/** A pack's fact: stated, carried from an earlier pack (estimated), or unknown. */
const packFact = <T extends z.ZodTypeAny>(value: T) => z.union([statedFact(value), carriedFact, unknownFact]);

export type StatedFact<T> = {
  value: T;
  sources: string[];
  published?: string | undefined;
  verified: string;
  confidence: StatedConfidence;
  note?: string | undefined;
  assumption?: string | undefined;
  until?: Until | undefined;
};
export type PackFact<T> = StatedFact<T> | { carried: number; why: string } | { unknown: string };

const feeTier = z.union([
  z.strictObject({ upTo: z.number().int().positive().nullable(), usdEach: z.number().nonnegative() }),
  z.strictObject({ upTo: z.number().int().positive(), flatUsd: z.number().nonnegative() }),
]);
export const feeScheduleValue = z.strictObject({
  tiers: z.array(feeTier).min(1),
  /** Whether the count starts again for each specialty (ERAS: yes); null = not stated. */
  resetsPerSpecialty: z.boolean().nullable(),
  example: z
    .strictObject({
      description: z.string(),
      programs: z.array(z.number().int().positive()).min(1),
      usd: z.number(),
    })
    .optional(),
});
export type FeeScheduleValue = z.infer<typeof feeScheduleValue>;
export type FeeTier = z.infer<typeof feeTier>;

export const signalCountValue = z.union([
  z.strictObject({
    gold: z.number().int().nonnegative(),
    silver: z.number().int().nonnegative(),
    sharedWith: z.string().optional(),
  }),
  z.strictObject({ count: z.number().int().nonnegative() }),
]);
export type SignalCountValue = z.infer<typeof signalCountValue>;

const optionalFacts = <K extends string, T extends z.ZodTypeAny>(keys: readonly K[], value: T) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, packFact(value).optional()])) as Record<
      K,
      z.ZodOptional<ReturnType<typeof packFact<T>>>
    >,
  );

export const cyclePackSchema = z.strictObject({
  matchYear: z.number().int(),
  events: optionalFacts(MATCH_EVENTS, dateValue).optional(),
  services: z
    .record(
      z.string(),
      z.strictObject({
        events: optionalFacts(Object.keys(SERVICE_EVENTS) as ServiceEventKey[], dateValue).optional(),
        fees: packFact(feeScheduleValue).optional(),
        transcriptFee: packFact(z.number().nonnegative()).optional(),
      }),
    )
    .optional(),
  signals: z.record(z.string(), packFact(signalCountValue)).optional(),
  visa: z.strictObject({ h1bPaymentInForce: packFact(z.boolean()).optional() }).optional(),
  ecfmg: z.strictObject({ pathwaysOpen: packFact(dateValue).optional() }).optional(),
});
export type CyclePack = z.infer<typeof cyclePackSchema>;

const cited = { sources: z.array(sourceRef).min(1) };
const countryCode = z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code");

export const cycleRulesSchema = z.strictObject({
  /** The service a specialty applies through unless data/specialties.yaml names another: a cited fact like any other. */
  defaultService: statedFact(z.string()),
  services: z.record(z.string(), z.strictObject({ name: z.string(), operator: z.string() })),
  staleAfterDays: z.strictObject({ value: z.number().int().positive(), ...cited, assumption: z.string() }),
  estimation: z.strictObject({
    rule: z.string(),
    ...cited,
    /** Events whose estimates keep the stated date's weekday (Match Week runs Monday to Friday). */
    keepWeekday: z
      .strictObject({ events: z.array(z.enum(MATCH_EVENTS)), rule: z.string(), ...cited })
      .optional(),
  }),
  /** The ECFMG confirmation NRMP needs for an IMG by the rank-list deadline. */
  ecfmgVerification: z.strictObject({
    applicantTypes: z.array(z.enum(APPLICANT_TYPES)).min(1),
    by: z.enum(MATCH_EVENTS),
    exchangeEveryDays: z.number().int().nonnegative(),
    /** The requirements ECFMG confirms to NRMP, in NRMP's words ("examination", "clinical-skills", …). */
    requirements: z.array(z.string().min(1)).min(1),
    /** Those of `requirements` met through ECFMG's Pathways. */
    pathwaysCover: z.array(z.string().min(1)).min(1),
    rule: z.string(),
    ...cited,
    confidence: z.enum(STATED_CONFIDENCES),
    /** ECFMG's Pathways (the clinical- and communication-skills requirements); their opening is each pack's `ecfmg.pathwaysOpen`. */
    pathways: statedFact(z.string()),
  }),
  nrmpFeeSchedule: z.strictObject({
    value: z.strictObject({
      registration: z.number().nonnegative(),
      lateRegistration: z.number().nonnegative(),
      perExtraProgramRanked: z.number().nonnegative(),
      programsIncluded: z.number().int().nonnegative(),
    }),
    schedule: z.string(),
    ...cited,
    verified: dateValue,
    confidence: z.enum(STATED_CONFIDENCES),
    note: z.string(),
  }),
  signalsToInstitution: statedFact(z.string()),
  visa: z.strictObject({
    h1bProclamation: z.strictObject({
      name: z.string(),
      fee: statedFact(z.number().positive()),
      signed: statedFact(dateValue),
      effective: statedFact(dateValue),
      durationMonths: statedFact(z.number().int().positive()),
      appliesTo: statedFact(z.string()),
      notTo: statedFact(z.string()),
      status: statedFact(z.string()),
    }),
    h1bFromAbroad: z.strictObject({
      pausedShare: statedFact(z.number().min(0).max(1)),
      whenStatusUnknown: statedFact(z.enum(["apply", "ignore"])),
    }),
    travelBans: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        effective: dateValue,
        full: z.array(countryCode),
        partial: z.array(countryCode),
        immigrantOnly: z.array(countryCode),
        blocks: z.strictObject({ full: z.array(z.enum(VISA_KINDS)), partial: z.array(z.enum(VISA_KINDS)) }),
        ...cited,
        verified: dateValue,
        confidence: z.enum(STATED_CONFIDENCES),
        note: z.string().optional(),
        until: untilSchema.optional(),
      }),
    ),
    nrmpWaiver: statedFact(z.string()),
    travelWhatToDo: statedFact(z.array(z.string()).min(1)),
    h1bWhatToDo: statedFact(z.array(z.string()).min(1)),
  }),
});
export type CycleRules = z.infer<typeof cycleRulesSchema>;
export type TravelBan = CycleRules["visa"]["travelBans"][number];

export const countriesSchema = z.strictObject({
  source: sourceRef,
  countries: z.record(countryCode, z.string()),
});
