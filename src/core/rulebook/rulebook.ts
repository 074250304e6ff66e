import type { ApplicantType } from "../vocabulary.ts";
import type {
  ChartingOutcomes,
  CycleDates,
  ExamRules,
  InputLimits,
  Rule,
  RuleKind,
  RuleOf,
  Scope,
  SourceEntry,
  Specialty,
  StudyForecastModel,
  StudyPlanModel,
  StudyResources,
} from "./schemas.ts";

/** One cited figure of `data/facts/match-statistics.json`. */
export interface StatisticEntry {
  specialty: string | null;
  applicantType: string | null;
  metric: string;
  value: number | string | null;
  unit: string;
  year: number;
  source: string;
  quote: string;
  confidence: string;
}

/** Everything the engine knows, validated and cross-checked. Built once; read-only afterwards. */
export interface Rulebook {
  readonly sources: Readonly<Record<string, SourceEntry>>;
  readonly specialties: ReadonlyMap<string, Specialty>;
  readonly exam: ExamRules;
  readonly chartingOutcomes: ChartingOutcomes;
  readonly cycles: CycleDates;
  readonly statistics: readonly StatisticEntry[];
  readonly rules: readonly Rule[];
  /** The Step 2 CK planner's model, question banks and self-assessments, and forecast coefficients. */
  readonly study: {
    readonly plan: StudyPlanModel;
    readonly resources: StudyResources;
    readonly forecast: StudyForecastModel;
  };
  /** The range of every number, list, text and date an input may carry (data/facts/input-limits.yaml). */
  readonly limits: InputLimits;
}

export interface ScopeContext {
  specialty: Specialty;
  applicantType: ApplicantType;
}

export function scopeMatches(scope: Scope, ctx: ScopeContext): boolean {
  if (scope.specialties && !scope.specialties.includes(ctx.specialty.id)) return false;
  if (scope.applicantTypes && !scope.applicantTypes.includes(ctx.applicantType)) return false;
  if (scope.tiers && (ctx.specialty.tier.value === null || !scope.tiers.includes(ctx.specialty.tier.value)))
    return false;
  if (scope.broadAccess !== undefined && scope.broadAccess !== ctx.specialty.broadAccess) return false;
  return true;
}

/** How narrowly a scope is drawn: a named specialty counts most, then properties, then applicant type. */
export function scopeSpecificity(scope: Scope): number {
  return (
    (scope.specialties ? 4 : 0) +
    (scope.tiers || scope.broadAccess !== undefined ? 2 : 0) +
    (scope.applicantTypes ? 1 : 0)
  );
}

/** The rules of one kind, in rulebook order; grouped once per rulebook, read-only. */
export function rulesOfKind<K extends RuleKind>(rb: Rulebook, kind: K): readonly RuleOf<K>[] {
  let byKind = rulesByKind.get(rb);
  if (!byKind) {
    byKind = new Map();
    for (const r of rb.rules) {
      const list = byKind.get(r.kind);
      if (list) list.push(r);
      else byKind.set(r.kind, [r]);
    }
    for (const list of byKind.values()) Object.freeze(list);
    rulesByKind.set(rb, byKind);
  }
  return (byKind.get(kind) ?? []) as readonly Rule[] as readonly RuleOf<K>[];
}

const rulesByKind = new WeakMap<Rulebook, Map<RuleKind, Rule[]>>();

/** The rules of one kind whose scope covers the context; kept per (rulebook, specialty, applicant type), read-only. */
export function applicableRules<K extends RuleKind>(
  rb: Rulebook,
  kind: K,
  ctx: ScopeContext,
): readonly RuleOf<K>[] {
  let bySpecialty = applicableCache.get(rb);
  if (!bySpecialty) {
    bySpecialty = new WeakMap();
    applicableCache.set(rb, bySpecialty);
  }
  let byKey = bySpecialty.get(ctx.specialty);
  if (!byKey) {
    byKey = new Map();
    bySpecialty.set(ctx.specialty, byKey);
  }
  const key = `${kind}|${ctx.applicantType}`;
  let rules = byKey.get(key);
  if (!rules) {
    rules = Object.freeze(rulesOfKind(rb, kind).filter((r) => scopeMatches(r.scope, ctx)));
    byKey.set(key, rules);
  }
  return rules as readonly RuleOf<K>[];
}

const applicableCache = new WeakMap<Rulebook, WeakMap<Specialty, Map<string, readonly Rule[]>>>();

export function threshold(rb: Rulebook, name: string): RuleOf<"threshold"> {
  const found = rulesOfKind(rb, "threshold").find((r) => r.name === name);
  if (!found) throw new Error(`Rulebook has no threshold named "${name}"`);
  return found;
}

export function thresholdNumber(rb: Rulebook, name: string): number {
  const t = threshold(rb, name);
  if (typeof t.value !== "number") throw new Error(`Threshold "${name}" is a range, not a number`);
  return t.value;
}

export function specialtyOrUndefined(rb: Rulebook, id: string): Specialty | undefined {
  return rb.specialties.get(id);
}
