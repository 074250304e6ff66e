import type { Rulebook, ScopeContext } from "../rulebook/rulebook.ts";
import { applicableRules, scopeSpecificity } from "../rulebook/rulebook.ts";
import type { Band, RuleOf } from "../rulebook/schemas.ts";
import type { BandResult } from "./types.ts";

const CO_SOURCE = "nrmp-charting-outcomes-nonus-img-2026";

export function bandContains(b: { min: number | null; max: number | null }, score: number): boolean {
  return (b.min === null || score >= b.min) && (b.max === null || score <= b.max);
}

function toResult(rule: RuleOf<"step2ck-bands">, band: Band): BandResult {
  return {
    min: band.min,
    max: band.max,
    label: band.label,
    standing: band.standing,
    ruleId: rule.id,
    sources: rule.sources,
    ...((band.assumption ?? rule.assumption) ? { assumption: band.assumption ?? rule.assumption } : {}),
  };
}

/** The primary band set for this specialty and applicant type: the most narrowly scoped one. */
export function primaryBandSet(rb: Rulebook, ctx: ScopeContext): RuleOf<"step2ck-bands"> | undefined {
  const sets = applicableRules(rb, "step2ck-bands", ctx).filter((r) => r.role === "primary");
  return sets.sort((a, b) => scopeSpecificity(b.scope) - scopeSpecificity(a.scope))[0];
}

/**
 * Bands derived from NRMP Charting Outcomes 2026 (non-US IMGs who matched) for specialties
 * the guides give no bands for: at/above the matched 75th percentile → strong; median–q3 →
 * competitive; q1–median → borderline; below q1 → low. The mapping of quartiles to standings
 * is a stated assumption (docs/model.md); it applies to IMG applicants only, because the
 * distributions describe non-US IMGs.
 */
export function chartingOutcomesBandSet(
  rb: Rulebook,
  ctx: ScopeContext,
): RuleOf<"step2ck-bands"> | undefined {
  if (ctx.applicantType !== "non-us-img" && ctx.applicantType !== "us-img") return undefined;
  const co = rb.chartingOutcomes.specialties[ctx.specialty.id];
  const m = co?.step2ck.matched;
  if (!m || m.q1 === null || m.median === null || m.q3 === null) return undefined;
  const yr = rb.chartingOutcomes.matchYear;
  return {
    id: `B0.charting-outcomes-${ctx.specialty.id}` as RuleOf<"step2ck-bands">["id"],
    digest: ["B7"],
    kind: "step2ck-bands",
    role: "primary",
    summary: `Bands from the Step 2 CK quartiles of non-US IMGs who matched in ${co.name} (${yr}).`,
    scope: { specialties: [ctx.specialty.id] },
    sources: [CO_SOURCE],
    assumption:
      "The guides give no bands for this specialty; quartiles of matched non-US IMGs are mapped to standings (≥ q3 strong, median–q3 competitive, q1–median borderline, below q1 low).",
    bands: [
      {
        min: m.q3,
        max: null,
        label: `At or above the 75th percentile of matched non-US IMGs (${m.q3}+)`,
        standing: "strong",
      },
      {
        min: m.median,
        max: m.q3 - 1,
        label: `Between the median (${m.median}) and 75th percentile of matched non-US IMGs`,
        standing: "competitive",
      },
      {
        min: m.q1,
        max: m.median - 1,
        label: `Between the 25th percentile (${m.q1}) and the median of matched non-US IMGs`,
        standing: "borderline",
      },
      {
        min: null,
        max: m.q1 - 1,
        label: `Below the 25th percentile of matched non-US IMGs (${m.q1})`,
        standing: "low",
      },
    ],
  };
}

export interface BandChoice {
  band: BandResult | null;
  otherBands: BandResult[];
  set: RuleOf<"step2ck-bands"> | undefined;
}

export function chooseBand(rb: Rulebook, ctx: ScopeContext, score: number | null): BandChoice {
  const set = primaryBandSet(rb, ctx) ?? chartingOutcomesBandSet(rb, ctx);
  if (score === null) return { band: null, otherBands: [], set };
  const primary = set?.bands.find((b) => bandContains(b, score));
  const otherBands = applicableRules(rb, "step2ck-bands", ctx)
    .filter((r) => r.role === "supplementary")
    .flatMap((r) => r.bands.filter((b) => bandContains(b, score)).map((b) => toResult(r, b)));
  return { band: set && primary ? toResult(set, primary) : null, otherBands, set };
}
