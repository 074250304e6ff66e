import type { Assessment, Because } from "../assess/types.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { evaluate } from "../rulebook/condition.ts";
import type { Rulebook, ScopeContext } from "../rulebook/rulebook.ts";
import { applicableRules } from "../rulebook/rulebook.ts";
import type { RuleOf } from "../rulebook/schemas.ts";
import { ruleFacts } from "./rule-facts.ts";
import type { LetterKind, Narrative, ScenarioAdvice } from "./types.ts";

/**
 * Narrative and letters as structured guidance — what to cover and how briefly, never text to
 * submit. Reads the guidance rules the assessment does not show itself: N1 scenarios (every one
 * whose condition holds; B leads when it holds, because a failure is what needs explaining), N2
 * whether to explain at all, N3 the personal statement, N4 the interview, L5 the letters plan for
 * the specialty (`values.bySpecialty` of the letters rule, looked up by the specialty's id in
 * data) and what a strong letter says. Pure.
 */
export function buildNarrative(rb: Rulebook, profile: Profile, a: Assessment): Narrative {
  const specialty = rb.specialties.get(a.specialty);
  if (!specialty) throw new Error(`Assessment names unknown specialty "${a.specialty}"`);
  const ctx: ScopeContext = { specialty, applicantType: profile.applicantType };
  const facts = ruleFacts(rb, profile, a);
  const guidance = applicableRules(rb, "guidance", ctx);
  const fires = (g: RuleOf<"guidance">) => g.when === undefined || evaluate(g.when, facts);
  const ofTopic = (topic: string) => guidance.filter((g) => g.topic === topic);
  const because: Because[] = [];

  // ── N1 ──
  const byScenario = new Map<string, ScenarioAdvice>();
  for (const g of ofTopic("narrative-scenario").filter(fires)) {
    const scenario = String(g.values.scenario ?? g.id);
    const prior = byScenario.get(scenario);
    if (prior) {
      prior.points = [...new Set([...prior.points, ...g.points])];
      prior.sources = [...new Set([...prior.sources, ...g.sources])];
      continue;
    }
    byScenario.set(scenario, {
      scenario,
      ruleId: g.id,
      summary: g.summary,
      points: [...g.points],
      sources: [...g.sources],
      ...(g.assumption ? { assumption: g.assumption } : {}),
    });
  }
  const scenarios = [...byScenario.values()].sort((x, y) => x.scenario.localeCompare(y.scenario));
  const explainRule = ofTopic("explain-scores")[0];
  const explainFires = explainRule ? fires(explainRule) : false;
  const lead = (explainFires ? scenarios.find((s) => s.scenario === "B") : undefined) ?? scenarios[0] ?? null;
  for (const s of scenarios)
    because.push({
      ruleId: s.ruleId,
      value: { scenario: s.scenario, leads: s === lead },
      sources: s.sources,
      ...(s.assumption ? { note: s.assumption } : {}),
    });
  if (scenarios.length === 0)
    because.push({
      ruleId: "N1",
      value: null,
      sources: ["seed-000#narrative"],
      note: "none of the three scenarios fits this exam history (for example, Step 2 CK not yet taken)",
    });

  // ── N2 ──
  const explainSources = explainRule?.sources ?? ["seed-004#explaining"];
  const sentences = readRange(explainRule?.values.sentences);
  const explain: Narrative["explain"] = explainFires
    ? {
        advised: true,
        sentences,
        points: explainRule?.points ?? [],
        reason:
          "There is a failure or a repeat attempt on record, so programs will look for a brief explanation.",
        ruleId: explainRule?.id ?? "N2",
        sources: explainSources,
      }
    : {
        advised: false,
        sentences: null,
        points: [],
        reason:
          "Nothing to explain: the guides advise an explanation only for a failure, repeat attempts, or performance that was not representative for a real cause.",
        ruleId: explainRule?.id ?? "N2",
        sources: explainSources,
      };
  because.push({ ruleId: explain.ruleId, value: { explain: explain.advised }, sources: explain.sources });

  // ── N3, N4 ──
  const ps = ofTopic("personal-statement").filter(fires);
  const personalStatement = {
    points: ps.flatMap((g) => g.points),
    mentionScores: explain.advised,
    ruleId: ps[0]?.id ?? "N3",
    sources: unique(ps.flatMap((g) => g.sources)),
  };
  const iv = ofTopic("interview").filter(fires);
  const interview = {
    points: iv.flatMap((g) => g.points),
    ruleId: iv[0]?.id ?? "N4",
    sources: unique(iv.flatMap((g) => g.sources)),
  };

  // ── L5 ──
  const letters = lettersPlan(
    rb,
    profile,
    a.specialty,
    ofTopic("letters"),
    ofTopic("letter-content").filter(fires),
  );
  because.push({
    ruleId: letters.ruleId,
    value: {
      plan: letters.plan?.map((k) => `${k.kind} ${k.min}${k.max === null ? "+" : `–${k.max}`}`) ?? null,
    },
    sources: letters.sources,
  });

  return {
    scenarios,
    lead: lead?.scenario ?? null,
    explain,
    personalStatement,
    interview,
    letters,
    because,
  };
}

const unique = (xs: string[]) => [...new Set(xs)];

function readRange(v: unknown): { min: number; max: number } | null {
  if (typeof v !== "object" || v === null) return null;
  const { min, max } = v as { min?: unknown; max?: unknown };
  return typeof min === "number" && typeof max === "number" ? { min, max } : null;
}

function lettersPlan(
  rb: Rulebook,
  profile: Profile,
  specialtyId: string,
  planRules: RuleOf<"guidance">[],
  contentRules: RuleOf<"guidance">[],
): Narrative["letters"] {
  const have = {
    total: profile.letters?.total ?? 0,
    specialty: profile.letters?.specialty ?? 0,
    us: profile.letters?.us ?? 0,
  };
  const rule = planRules[0];
  const table = (rule?.values.bySpecialty ?? {}) as Record<string, unknown>;
  const raw = table[specialtyId];
  const plan: LetterKind[] | null = Array.isArray(raw)
    ? raw.flatMap((k) => {
        const e = k as { kind?: unknown; min?: unknown; max?: unknown };
        if (typeof e.kind !== "string" || typeof e.min !== "number") return [];
        return [
          {
            kind: e.kind,
            label: rb.specialties.get(e.kind)?.name ?? sentenceCase(e.kind),
            min: e.min,
            max: typeof e.max === "number" ? e.max : null,
          },
        ];
      })
    : null;
  const specialtyKinds = new Set(
    contentRules.flatMap((c) =>
      Array.isArray(c.values.specialtyKinds) ? (c.values.specialtyKinds as string[]) : [],
    ),
  );
  let missing: number | null = null;
  if (plan) {
    const fromSpecialty = plan.filter((k) => specialtyKinds.has(k.kind)).reduce((s, k) => s + k.min, 0);
    const other = plan.filter((k) => !specialtyKinds.has(k.kind)).reduce((s, k) => s + k.min, 0);
    missing =
      Math.max(0, fromSpecialty - have.specialty) +
      Math.max(0, other - Math.max(0, have.total - have.specialty));
  }
  const name = rb.specialties.get(specialtyId)?.name ?? specialtyId;
  return {
    plan,
    have,
    missing,
    content: contentRules.flatMap((c) => c.points),
    ruleId: rule?.id ?? "L5",
    sources: unique([...(rule?.sources ?? ["seed-004#letters"]), ...contentRules.flatMap((c) => c.sources)]),
    note: plan
      ? `The guides' letters plan for ${name}; your profile lists ${have.total} letter(s), ${have.specialty} from the specialty and ${have.us} from US faculty.`
      : `The guides give no letters plan for ${name}: its count and kinds are unknown here. Your profile lists ${have.total} letter(s).`,
  };
}

function sentenceCase(kind: string): string {
  const words = kind.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
