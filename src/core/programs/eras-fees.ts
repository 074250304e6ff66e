import { z } from "zod";
import { roundCents } from "../math/round.ts";
import { sourceRef } from "../rulebook/schemas.ts";

/** Schema of `data/facts/eras-fees.yaml`. */
export const erasFeesSchema = z.strictObject({
  cycles: z.array(
    z.strictObject({
      season: z.number().int(),
      perSpecialtyTiers: z
        .array(
          z.strictObject({ upTo: z.number().int().positive().nullable(), usdEach: z.number().nonnegative() }),
        )
        .min(1),
      sources: z.array(sourceRef).min(1),
      example: z
        .strictObject({ description: z.string(), usd: z.number(), sources: z.array(sourceRef) })
        .optional(),
      note: z.string().optional(),
    }),
  ),
  onceFees: z.array(
    z.strictObject({
      name: z.string(),
      usd: z.number(),
      season: z.number().int(),
      sources: z.array(sourceRef),
      note: z.string().optional(),
    }),
  ),
});
export type ErasFees = z.infer<typeof erasFeesSchema>;
export type FeeSchedule = ErasFees["cycles"][number];

/** The latest schedule published for a season at or before `season`. */
export function scheduleFor(fees: ErasFees, season: number): FeeSchedule {
  const usable = fees.cycles.filter((c) => c.season <= season).sort((a, b) => b.season - a.season);
  const s = usable[0] ?? [...fees.cycles].sort((a, b) => b.season - a.season)[0];
  if (!s) throw new Error("no ERAS fee schedule in data");
  return s;
}

/** Fee for applying to `n` programs in one specialty. */
export function specialtyFee(schedule: FeeSchedule, n: number): number {
  let cost = 0;
  let counted = 0;
  for (const tier of schedule.perSpecialtyTiers) {
    const cap = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(n, cap) - counted);
    cost += inTier * tier.usdEach;
    counted += inTier;
    if (counted >= n) break;
  }
  return roundCents(cost);
}

/** Largest number of programs in one specialty whose fee fits `budget`. */
export function maxProgramsWithin(schedule: FeeSchedule, budget: number): number {
  let n = 0;
  while (specialtyFee(schedule, n + 1) <= budget) n++;
  return n;
}
