import { z } from "zod";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";

/**
 * The published record of unfilled positions that SOAP readiness reads
 * (data/facts/outcomes/nrmp-2025-pgy1-unfilled.yaml): per NRMP program type, the positions left
 * unfilled after the matching algorithm, and per state when the record has them. `byState: null`
 * means the data hold no such record: the page and the CLI then say "unknown", never a guess.
 */
export const unfilledRecordSchema = z.strictObject({
  source: z.string().min(1),
  matchYear: z.number().int(),
  scope: z.string().min(1),
  bySpecialty: z
    .array(
      z.strictObject({
        row: z.string().min(1),
        specialty: z.string().min(1).nullable(),
        unfilled: z.number().int().nonnegative().nullable(),
      }),
    )
    .min(1),
  byState: z
    .array(
      z.strictObject({ state: z.string().regex(/^[A-Z]{2}$/), unfilled: z.number().int().nonnegative() }),
    )
    .nullable(),
});
export type UnfilledFile = z.infer<typeof unfilledRecordSchema>;

export interface UnfilledRecord {
  /** What the record covers, e.g. "PGY-1 positions, 2025 Main Residency Match". */
  scope: string;
  year: number;
  sources: string[];
  /** Most unfilled first; `specialty` is the registry's id where the program type maps to one. */
  bySpecialty: Array<{ row: string; specialty: string | null; unfilled: number }>;
  /** null: the record has no unfilled positions by state (unknown). */
  byState: Array<{ state: string; unfilled: number }> | null;
}

const FILE = "facts/outcomes/nrmp-2025-pgy1-unfilled.yaml";

/** Validates the record: its schema, its source in the bibliography, and specialty ids the registry knows. */
export function compileUnfilledRecord(raw: unknown, rb: Rulebook, file = FILE): Result<UnfilledRecord> {
  const parsed = unfilledRecordSchema.safeParse(raw);
  if (!parsed.success)
    return fail(
      parsed.error.issues.map((i) => ({
        code: "invalid_value",
        file,
        path: i.path.join("."),
        message: i.message,
      })),
    );
  const r = parsed.data;
  const issues: Issue[] = [];
  if (!rb.sources[r.source])
    issues.push({
      code: "unknown_source",
      file,
      path: "source",
      message: `cites unknown source "${r.source}"`,
    });
  r.bySpecialty.forEach((x, i) => {
    if (x.specialty !== null && !rb.specialties.has(x.specialty))
      issues.push({
        code: "unknown_specialty",
        file,
        path: `bySpecialty.${i}.specialty`,
        message: `unknown specialty "${x.specialty}"`,
      });
  });
  if (issues.length > 0) return fail(issues);
  const known = <T extends { unfilled: number | null }>(x: T): x is T & { unfilled: number } =>
    x.unfilled !== null;
  return ok({
    scope: r.scope,
    year: r.matchYear,
    sources: [r.source],
    bySpecialty: r.bySpecialty
      .filter(known)
      .sort((a, b) => b.unfilled - a.unfilled || a.row.localeCompare(b.row)),
    byState: r.byState
      ? [...r.byState].sort((a, b) => b.unfilled - a.unfilled || a.state.localeCompare(b.state))
      : null,
  });
}
