import { z } from "zod";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { sourceRef } from "../rulebook/schemas.ts";

/** Schema of `data/model/season.yaml`: the through-the-season model's data. */
const cited = z.array(sourceRef).min(1);
/** A value is either cited or a stated assumption with its reason. */
const value = <T extends z.ZodTypeAny>(v: T) =>
  z.union([
    z.strictObject({ value: v, sources: cited, note: z.string().optional() }),
    z.strictObject({ value: v, assumption: z.literal(true), why: z.string().min(1) }),
  ]);
const setting = <T extends z.ZodTypeAny>(v: T) => z.strictObject({ value: v, note: z.string().min(1) });

export const seasonModelSchema = z.strictObject({
  invitationTiming: z.strictObject({
    anchor: z.literal("programsReview"),
    byDay: z
      .array(z.strictObject({ day: z.number().int().nonnegative(), share: z.number().min(0).max(1) }))
      .min(2),
    assumption: z.literal(true).optional(),
    why: z.string().optional(),
    sources: cited.optional(),
  }),
  rejectionShare: value(z.number().min(0).max(1)),
  minRemainingShare: value(z.number().min(0).max(1)),
  applyMoreShown: setting(z.number().int().positive()),
  atLeastShown: setting(z.array(z.number().int().positive()).min(1)),
  posteriorDraws: setting(z.number().int().min(8)),
  soap: z.strictObject({
    threshold: value(z.number().min(0).max(1)),
    prepare: z.array(z.strictObject({ text: z.string(), sources: cited })).min(1),
  }),
  rankList: z.strictObject({
    rules: z.array(z.strictObject({ id: z.string(), text: z.string(), sources: cited })).min(1),
    includedRanks: value(z.number().int().positive()),
    extraRankFeeUsd: value(z.number().nonnegative()),
    maxRanks: value(z.number().int().positive()),
  }),
  reminders: z.strictObject({ daysBefore: value(z.array(z.number().int().nonnegative())) }),
});
export type SeasonModel = z.infer<typeof seasonModelSchema>;

const FILE = "model/season.yaml";

/**
 * Validates the season model: the schema, every cited source known to the rulebook, the timing
 * curve increasing in day and share from 0 to 1, and a cited-or-assumed timing curve.
 */
export function compileSeasonModel(raw: unknown, rb: Rulebook): Result<SeasonModel> {
  const parsed = seasonModelSchema.safeParse(raw);
  if (!parsed.success)
    return fail(
      parsed.error.issues.map((i) => ({
        code: "invalid_value",
        file: FILE,
        path: i.path.join("."),
        message: i.message,
      })),
    );
  const m = parsed.data;
  const issues: Issue[] = [];
  const walk = (x: unknown, path: string) => {
    if (Array.isArray(x)) {
      x.forEach((v, i) => {
        walk(v, `${path}.${i}`);
      });
    } else if (x && typeof x === "object")
      for (const [k, v] of Object.entries(x)) {
        const here = path ? `${path}.${k}` : k;
        if (k === "sources" && Array.isArray(v))
          v.forEach((ref, i) => {
            const id = String(ref).split("#")[0] as string;
            if (!rb.sources[id])
              issues.push({
                code: "unknown_source",
                file: FILE,
                path: `${here}.${i}`,
                message: `cites unknown source "${id}"`,
              });
          });
        else walk(v, here);
      }
  };
  walk(m, "");
  const t = m.invitationTiming;
  if (!t.sources && !(t.assumption && t.why))
    issues.push({
      code: "uncited_value",
      file: FILE,
      path: "invitationTiming",
      message: "the timing curve needs sources, or assumption: true with why",
    });
  const first = t.byDay[0];
  const last = t.byDay[t.byDay.length - 1];
  if (first?.day !== 0 || first.share !== 0 || last?.share !== 1)
    issues.push({
      code: "invalid_value",
      file: FILE,
      path: "invitationTiming.byDay",
      message: "the curve must start at day 0 with share 0 and end at share 1",
    });
  t.byDay.forEach((p, i) => {
    const prev = t.byDay[i - 1];
    if (prev && (p.day <= prev.day || p.share < prev.share))
      issues.push({
        code: "bands_unordered",
        file: FILE,
        path: `invitationTiming.byDay.${i}`,
        message: "days must increase and shares must not fall",
      });
  });
  return issues.length > 0 ? fail(issues) : ok(m);
}

/** Share of the season's invitations sent by `day` days after the anchor (linear between points). */
export function sharePastDay(m: SeasonModel, day: number): number {
  const pts = m.invitationTiming.byDay;
  if (day <= 0) return 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as { day: number; share: number };
    const b = pts[i] as { day: number; share: number };
    if (day <= b.day) return a.share + ((b.share - a.share) * (day - a.day)) / (b.day - a.day);
  }
  return 1;
}
