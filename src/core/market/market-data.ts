import { z } from "zod";
import { fail, type Issue, ok, type Result } from "../issues.ts";
import { pathOf } from "../profile/validate-profile.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { sourceRef } from "../rulebook/schemas.ts";

/**
 * Schemas of data/facts/match-market.yaml (market sizes and published outcomes) and
 * data/model/market-model.yaml (the simulator's assumptions), and their compiler, which checks
 * every cited source against the bibliography and every specialty against the registry.
 */
const cited = { sources: z.array(sourceRef).min(1), note: z.string().optional() };
const count = z.strictObject({ value: z.number().int().nonnegative(), ...cited });
const usGraduates = z.strictObject({
  "us-md": z.number().nonnegative(),
  do: z.number().nonnegative(),
  "us-img": z.number().nonnegative(),
});
const share = z.number().min(0).max(1);
const shares = z.strictObject({ "us-md": share, do: share, "us-img": share, "non-us-img": share });

const specialtyMarketSchema = z.strictObject({
  positions: count,
  candidates: count,
  tracks2025: z.strictObject({ categorical: count, advanced: count }).optional(),
  usGraduateMix: z.strictObject({ value: usGraduates, ...cited }),
  published: z.strictObject({
    usMdPreferred2026: z.strictObject({
      matched: z.number().int().nonnegative(),
      notMatched: z.number().int().nonnegative(),
      ...cited,
    }),
    fill2025: z.strictObject({
      offered: z.number().int().positive(),
      filled: z.number().int().nonnegative(),
      ...cited,
    }),
    filledShares2025: z.strictObject({ value: shares, ...cited }).optional(),
  }),
});

export const marketFactsSchema = z.strictObject({
  year: z.number().int(),
  couples: z.strictObject({
    share: z.strictObject({ value: z.number().min(0).max(1), ...cited, assumption: z.string() }),
  }),
  specialties: z.record(z.string(), specialtyMarketSchema),
  pgy1Tracks: z.record(z.string(), z.strictObject({ positions: count })),
  advancedPositions2025: z.record(z.string(), count),
});
export type MarketFacts = z.infer<typeof marketFactsSchema>;
export type SpecialtyMarketFacts = z.infer<typeof specialtyMarketSchema>;

const assumed = <T extends z.ZodTypeAny>(value: T) => z.strictObject({ value, assumption: z.string() });
export const marketModelSchema = z.strictObject({
  applications: z.strictObject({ choice: assumed(z.literal("uniform")) }),
  pgy1: z.strictObject({ oddsFromSpecialty: assumed(z.literal("mean")) }),
  preferences: z.strictObject({
    applicantCommonWeight: assumed(z.number().nonnegative()),
    programNoise: assumed(z.literal("strengthSd")),
  }),
  ranks: z.strictObject({ kept: assumed(z.literal("ranksPerInterview")) }),
  couples: z.strictObject({ pairing: assumed(z.literal("same-census-division")) }),
});
export type MarketModel = z.infer<typeof marketModelSchema>;

export interface MarketData {
  facts: MarketFacts;
  model: MarketModel;
}

export function compileMarketData(
  facts: unknown,
  model: unknown,
  rb: Rulebook,
  files = { facts: "facts/match-market.yaml", model: "model/market-model.yaml" },
): Result<MarketData> {
  const issues: Issue[] = [];
  const parsedFacts = marketFactsSchema.safeParse(facts);
  const parsedModel = marketModelSchema.safeParse(model);
  for (const [file, parsed] of [
    [files.facts, parsedFacts],
    [files.model, parsedModel],
  ] as const)
    if (!parsed.success)
      for (const zi of parsed.error.issues)
        issues.push({ code: "invalid_value", file, path: pathOf(zi.path), message: zi.message });
  if (!parsedFacts.success || !parsedModel.success) return fail(issues);

  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        walk(x, `${path}.${i}`);
      });
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k === "sources" && Array.isArray(x))
          x.forEach((ref, i) => {
            const id = String(ref).split("#")[0] as string;
            if (!rb.sources[id])
              issues.push({
                code: "unknown_source",
                file: files.facts,
                path: `${at}.${i}`,
                message: `cites unknown source "${id}"`,
              });
          });
        else walk(x, at);
      }
  };
  walk(parsedFacts.data, "");
  const f = parsedFacts.data;
  for (const [group, ids] of [
    ["specialties", Object.keys(f.specialties)],
    ["pgy1Tracks", Object.keys(f.pgy1Tracks)],
    ["advancedPositions2025", Object.keys(f.advancedPositions2025)],
  ] as const)
    for (const id of ids)
      if (!rb.specialties.has(id))
        issues.push({
          code: "unknown_specialty",
          file: files.facts,
          path: `${group}.${id}`,
          message: `unregistered specialty "${id}"`,
        });
  return issues.length > 0 ? fail(issues) : ok({ facts: f, model: parsedModel.data });
}
