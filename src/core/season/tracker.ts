import { z } from "zod";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { toIssues } from "../profile/validate-profile.ts";

/**
 * The applicant's own record of the season, one entry per program: when they applied, whether
 * a program invited them (and when), the interview date, whether it took place, a rejection, a
 * withdrawal, the position on the rank list, and notes. Dates are ISO calendar dates.
 */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((d) => isRealDate(d), "not a calendar date");

export function isRealDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}

export const trackerEntrySchema = z.strictObject({
  programId: z.string().min(1),
  applied: isoDay.nullable().default(null),
  signal: z.enum(["gold", "silver"]).nullable().default(null),
  invited: z.boolean().default(false),
  invitedOn: isoDay.nullable().default(null),
  interviewDate: isoDay.nullable().default(null),
  interviewed: z.boolean().default(false),
  rejected: z.boolean().default(false),
  withdrawn: z.boolean().default(false),
  rank: z.number().int().positive().nullable().default(null),
  notes: z.string().default(""),
});
export type TrackerEntry = z.infer<typeof trackerEntrySchema>;

export const trackerSchema = z.strictObject({
  version: z.literal(1).default(1),
  specialty: z.string().min(1),
  matchYear: z.number().int(),
  entries: z.array(trackerEntrySchema).default([]),
});
export type Tracker = z.infer<typeof trackerSchema>;

/** An empty tracker: what a plan saved before trackers existed opens with. */
export function emptyTracker(specialty: string, matchYear: number): Tracker {
  return { version: 1, specialty, matchYear, entries: [] };
}

export interface TrackerCheck {
  asOf?: string;
  /** Program ids of the tracker's specialty in the catalog; unknown ids are reported. */
  knownPrograms?: ReadonlySet<string>;
}

/** Where an entry stands: an interview offered (or held) counts as invited. */
export function isInvited(e: TrackerEntry): boolean {
  return e.invited || e.invitedOn !== null || e.interviewDate !== null || e.interviewed;
}

/**
 * Validates a tracker: the schema, then what the schema cannot see — one entry per program,
 * one program per rank position, no rejection of an invited program, no rank without an
 * interview, no date after `asOf`, and programs the catalog knows. Every issue names its field.
 */
export function validateTracker(raw: unknown, check: TrackerCheck = {}): Result<Tracker> {
  const parsed = trackerSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues.flatMap(toIssues));
  const t = parsed.data;
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const ranks = new Map<number, number>();
  t.entries.forEach((e, i) => {
    const at = (f: string) => `entries.${i}.${f}`;
    const prev = seen.get(e.programId);
    if (prev !== undefined)
      issues.push({
        code: "duplicate_id",
        path: at("programId"),
        message: `program "${e.programId}" is already entry ${prev}`,
      });
    else seen.set(e.programId, i);
    if (check.knownPrograms && !check.knownPrograms.has(e.programId))
      issues.push({
        code: "unknown_reference",
        path: at("programId"),
        message: `no program "${e.programId}" in the ${t.specialty} catalog`,
      });
    if (e.rejected && isInvited(e))
      issues.push({
        code: "inconsistent",
        path: at("rejected"),
        message: "a program that invited you cannot also have rejected you; record a withdrawal instead",
      });
    if (e.rank !== null) {
      if (!isInvited(e))
        issues.push({
          code: "inconsistent",
          path: at("rank"),
          message: "only programs that interviewed you can be ranked",
        });
      const other = ranks.get(e.rank);
      if (other !== undefined)
        issues.push({
          code: "duplicate_id",
          path: at("rank"),
          message: `rank ${e.rank} is already given to entry ${other}`,
        });
      else ranks.set(e.rank, i);
    }
    if (check.asOf) {
      for (const f of ["applied", "invitedOn"] as const) {
        const d = e[f];
        if (d !== null && d > check.asOf)
          issues.push({
            code: "out_of_range",
            path: at(f),
            message: `${d} is after today (${check.asOf})`,
            allowed: `on or before ${check.asOf}`,
          });
      }
    }
    if (e.applied === null && (isInvited(e) || e.rejected))
      issues.push({
        code: "missing_field",
        path: at("applied"),
        message: "an invitation or rejection needs the date you applied",
      });
  });
  return issues.length > 0 ? fail(issues) : ok(t);
}
