import { fail, ok, type Result } from "../issues.ts";
import { dateWindowIssue, graduationAfterMatchIssue } from "../profile/input-limits.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { evaluate, evaluateTruth, type Facts } from "../rulebook/condition.ts";
import type { Rulebook, ScopeContext } from "../rulebook/rulebook.ts";
import { applicableRules, rulesOfKind, scopeSpecificity } from "../rulebook/rulebook.ts";
import type { MessageChoice, RuleOf } from "../rulebook/schemas.ts";
import {
  type ScreeningVerdict,
  type Standing,
  shiftStanding,
  type TargetReading,
  weaker,
} from "../vocabulary.ts";
import { addDays, applicationYearOf, cycleFor, matchYearOf, nextOpenMatchYear } from "./application-cycle.ts";
import { chooseBand } from "./choose-band.ts";
import { deriveFacts, type ProfileFacts, step2ckPassingScore } from "./derive-facts.ts";
import type { Assessment, Because, Flag, GuidanceResult, TargetResult } from "./types.ts";

/**
 * Assesses one profile for one specialty as of a date.
 *
 * Steps: derive facts from the profile → choose the Step 2 CK band (the most narrowly
 * scoped guide band set, else bands from Charting Outcomes quartiles) → lower it by any
 * supplementary band that reads lower → apply standing adjustments (all drops, then caps) →
 * evaluate red flags, compensators, screening patterns, Step 3 advice, recommendations,
 * application counts, backups and pathway advice, each a rule in `data/rules/`.
 * Every conclusion is recorded in `because` with the rule id and its sources.
 *
 * Pure: no IO, no clock — `asOf` is an argument.
 */
export const UNRATED_BASE_STANDING: Standing = "borderline";

const GUIDANCE_TOPICS = new Set(["step2ck-target", "comlex", "logistics", "explain-scores"]);

export function assessProfile(
  rb: Rulebook,
  profile: Profile,
  specialtyId: string,
  asOf: string,
): Result<Assessment> {
  const specialty = rb.specialties.get(specialtyId);
  if (!specialty) {
    return fail([
      {
        code: "unknown_specialty",
        path: "specialty",
        message: `unknown specialty "${specialtyId}"`,
        allowed: [...rb.specialties.keys()].join(", "),
      },
    ]);
  }
  // Every caller (CLI, API, page, batch) passes its as-of date through here first.
  const outside = dateWindowIssue(rb.limits, "asOf", asOf);
  if (outside) return fail([outside]);
  const ctx: ScopeContext = { specialty, applicantType: profile.applicantType };
  const because: Because[] = [];
  const cite = (rule: { id: string; sources: string[] }) => ({ ruleId: rule.id, sources: rule.sources });

  // ── the application cycle and whether a planned score would be pending at review ──
  const matchYear = matchYearOf(rb, profile, asOf, specialty.id);
  const tooLate = graduationAfterMatchIssue(rb.limits, profile.graduationYear, matchYear);
  if (tooLate) return fail([tooLate]);
  const nextOpen = nextOpenMatchYear(rb, asOf, specialty.id);
  if (profile.targetMatchYear === undefined && matchYear > nextOpen)
    because.push({
      ruleId: "match-year.graduation",
      value: { graduationYear: profile.graduationYear, nextOpenMatch: nextOpen, matchYear },
      sources: rb.limits.profile.graduationAfterMatch.sources,
      note: `you graduate in ${profile.graduationYear}, after the ${nextOpen} Match's positions start, so the plan is for the ${matchYear} Match, the first you can take up (set targetMatchYear for a later one)`,
    });
  const cycle = cycleFor(rb, matchYear, specialty.id);
  const reportWeeks = rb.exam.usmle.scoreReportWeeks;
  let pending: boolean | null = null;
  if (profile.step2ck.score === null && profile.step2ck.plannedDate && cycle.programsReview) {
    const reported = addDays(profile.step2ck.plannedDate, reportWeeks.value.max * 7);
    pending = reported > cycle.programsReview.date;
    because.push({
      ruleId: "D2",
      value: {
        plannedDate: profile.step2ck.plannedDate,
        latestReport: reported,
        programsReview: cycle.programsReview.date,
        pending,
      },
      sources: [...reportWeeks.sources, ...cycle.programsReview.sources],
      note: `score reported ${reportWeeks.value.min}–${reportWeeks.value.max} weeks after the exam; programs review from ${cycle.programsReview.date}${cycle.programsReview.estimated ? " (estimated)" : ""}`,
    });
  }

  const facts: ProfileFacts = deriveFacts(rb, profile, specialty, asOf, pending);
  const F = () => facts as unknown as Facts;
  // Years since graduation count to the application of the Match planned for (S5), never to `asOf`.
  const applicationYear = applicationYearOf(cycle);
  const preferred = rulesOfKind(rb, "threshold").find((r) => r.name === "graduation-preferred-years");
  const window =
    preferred && typeof preferred.value === "object" ? `${preferred.value.min}–${preferred.value.max}` : null;
  because.push({
    ruleId: preferred?.id ?? "S5",
    value: { yearsSinceGraduation: facts.yearsSinceGraduation },
    sources: preferred?.sources ?? ["seed-003#graduation-year"],
    note: `graduated ${profile.graduationYear}, counted to ${applicationYear}, when applications for the ${matchYear} Match are sent${window ? ` (programs prefer graduates within ${window} years of application)` : ""} — not to the as-of date`,
  });

  // ── Step 2 CK band ──
  const { band, otherBands, set } = chooseBand(rb, ctx, facts.step2ck);
  let bandStanding: Standing | null = band?.standing ?? null;
  if (band)
    because.push({
      ruleId: band.ruleId,
      value: { band: [band.min, band.max], label: band.label, standing: band.standing },
      sources: band.sources,
      ...(band.assumption ? { note: band.assumption } : {}),
    });
  for (const other of otherBands) {
    const lowered = bandStanding !== null && weaker(bandStanding, other.standing) !== bandStanding;
    because.push({
      ruleId: other.ruleId,
      value: { band: [other.min, other.max], label: other.label, standing: other.standing },
      sources: other.sources,
      note: lowered
        ? "reads lower than the primary band, so standing follows it"
        : "supplementary band; it can only lower standing",
    });
    if (bandStanding !== null && lowered) bandStanding = other.standing;
  }
  if (facts.step2ck !== null && !band) {
    because.push({
      ruleId: set?.id ?? "B7",
      value: null,
      sources: set?.sources ?? ["seed-003#specialty-targets"],
      note: "no published Step 2 CK band covers this score for this specialty and applicant type",
    });
  }
  facts.bandStanding = bandStanding;

  // ── compensators (what offsets a lower score) ──
  const compensators = firing(applicableRules(rb, "compensator", ctx), F).map((r) =>
    flag(r, r.code, r.message),
  );
  facts.compensators = compensators.length;

  // ── standing: band, then every drop, then every cap ──
  let standing: Standing = bandStanding ?? UNRATED_BASE_STANDING;
  const provisional = bandStanding === null;
  if (provisional) {
    because.push({
      ruleId: facts.step2ckTaken ? "B7" : "D2",
      value: { standing: UNRATED_BASE_STANDING, provisional: true },
      sources: facts.step2ckTaken
        ? ["seed-003#specialty-targets"]
        : ["seed-000#how-programs-view", "seed-003#score-reporting"],
      note: facts.step2ckTaken
        ? "no cited Step 2 CK bands for this specialty and applicant type; standing starts at borderline and is provisional"
        : "Step 2 CK not yet taken: programs screen on it, so standing starts at borderline and is provisional until the score is in",
    });
  }
  const adjustments = firing(applicableRules(rb, "standing-adjustment", ctx), F);
  for (const r of adjustments.filter((a) => "drop" in a.effect)) {
    const before = standing;
    standing = shiftStanding(standing, (r.effect as { drop: number }).drop);
    because.push({ ...cite(r), value: { from: before, to: standing }, note: r.message });
  }
  for (const r of adjustments.filter((a) => "cap" in a.effect)) {
    const before = standing;
    standing = weaker(standing, (r.effect as { cap: Standing }).cap);
    because.push({
      ...cite(r),
      value: { from: before, to: standing, cap: (r.effect as { cap: Standing }).cap },
      note: r.message,
    });
  }
  facts.standing = standing;
  facts.scoredStanding = provisional ? null : standing;

  // ── everything that reads the final standing ──
  const redFlags = dedupe(
    firing(applicableRules(rb, "red-flag", ctx), F).map((r) => flag(r, r.code, r.message)),
  );
  // Three-valued: a pattern that reads a missing fact (an untaken Step 2 CK) is unknown, not failed.
  const screening = applicableRules(rb, "screening-pattern", ctx).map((r) => {
    const likelyClears = evaluateTruth(r.clears, F());
    const verdict: ScreeningVerdict =
      likelyClears === null ? "unknown" : likelyClears ? "likely-clears" : "may-not-clear";
    return {
      ...cite(r),
      pattern: r.pattern,
      description: r.description,
      likelyClears,
      verdict,
      message:
        likelyClears === null
          ? chooseMessage(r.unknownMessage, F())
          : likelyClears
            ? r.clearsMessage
            : chooseMessage(r.failsMessage, F()),
    };
  });
  const step3Rule = firing(applicableRules(rb, "step3-advice", ctx), F)[0];
  const step3 = step3Rule
    ? { ...cite(step3Rule), advice: step3Rule.advice, message: step3Rule.message }
    : null;

  const recommendations = firing(applicableRules(rb, "recommendation", ctx), F).map((r) =>
    flag(r, r.code, r.message),
  );
  if (step3?.advice === "consider")
    recommendations.push({
      code: "consider-step3",
      message: step3.message,
      ruleId: step3.ruleId,
      sources: step3.sources,
    });

  const countRule = applicationCountRule(rb, ctx, F);
  const applicationCount = countRule
    ? {
        ...cite(countRule),
        min: countRule.min,
        max: countRule.max,
        audience: countRule.audience,
        ...(countRule.note ? { note: countRule.note } : {}),
      }
    : null;
  const applicationCountNote = describeApplicationCount(rb, ctx, standing, applicationCount);
  if (!countRule)
    because.push({
      ruleId: "A1",
      value: null,
      sources: ["seed-000#where-to-apply", "seed-004#application-planning"],
      note: applicationCountNote,
    });

  const backupRule = mostSpecific(firing(applicableRules(rb, "backup-plan", ctx), F), () => 0);
  const backupSpecialties = backupRule
    ? backupRule.specialties.filter((id) => id !== specialty.id && rb.specialties.has(id))
    : [];
  const pathwayRule = firing(applicableRules(rb, "pathway-advice", ctx), F)[0];
  const pathway = pathwayRule
    ? {
        ...cite(pathwayRule),
        scenario: pathwayRule.scenario,
        mix: pathwayRule.mix,
        message: pathwayRule.message,
      }
    : null;

  const chosen = chooseTarget(rb, ctx, F);
  const target = chosen ? readTarget(rb, ctx, chosen, facts.step2ck, profile) : null;
  facts.targetReading = target?.reading ?? null;
  const guidance: GuidanceResult[] = firing(applicableRules(rb, "guidance", ctx), F)
    .filter((g) => GUIDANCE_TOPICS.has(g.topic))
    .map((g) => ({ ...cite(g), topic: g.topic, points: g.points, values: g.values }));

  for (const list of [redFlags, compensators, recommendations])
    for (const f of list) because.push({ ruleId: f.ruleId, value: f.code, sources: f.sources });
  for (const s of screening)
    because.push({
      ruleId: s.ruleId,
      value: { pattern: s.pattern, likelyClears: s.likelyClears, verdict: s.verdict },
      sources: s.sources,
    });
  if (step3) because.push({ ruleId: step3.ruleId, value: { step3: step3.advice }, sources: step3.sources });
  if (applicationCount)
    because.push({
      ruleId: applicationCount.ruleId,
      value: { min: applicationCount.min, max: applicationCount.max },
      sources: applicationCount.sources,
    });
  if (backupRule) because.push({ ...cite(backupRule), value: backupSpecialties });
  if (pathway)
    because.push({ ruleId: pathway.ruleId, value: { scenario: pathway.scenario }, sources: pathway.sources });
  if (target)
    because.push({
      ruleId: target.ruleId,
      value: { target: [target.min, target.max] },
      sources: target.sources,
      ...(target.assumption ? { note: target.assumption } : {}),
    });
  if (target?.readingNote)
    because.push({
      ruleId: target.readingNote.ruleId,
      value: { targetReading: target.reading, score: facts.step2ck, target: [target.min, target.max] },
      sources: target.readingNote.sources,
      note: target.readingNote.message,
    });

  return ok({
    specialty: specialty.id,
    specialtyName: specialty.name,
    applicantType: profile.applicantType,
    asOf,
    standing,
    provisional,
    step2ck: { score: facts.step2ck, band, otherBands, target },
    redFlags,
    compensators,
    screening,
    step3,
    recommendations: dedupe(recommendations),
    applicationCount,
    applicationCountNote,
    backupSpecialties,
    backupPaths: backupRule?.paths ?? [],
    pathway,
    guidance,
    cycle: {
      matchYear,
      service: cycle.service,
      programsReview: cycle.programsReview
        ? {
            date: cycle.programsReview.date,
            estimated: cycle.programsReview.estimated,
            basis: cycle.programsReview.basis,
            confidence: cycle.programsReview.confidence,
          }
        : null,
    },
    because,
  });
}

function firing<R extends { when?: Parameters<typeof evaluate>[0] }>(
  rules: readonly R[],
  facts: () => Facts,
): R[] {
  return rules.filter((r) => r.when === undefined || evaluate(r.when, facts()));
}

/** The first message whose condition holds; the last one has none. */
function chooseMessage(m: MessageChoice, facts: Facts): string {
  if (typeof m === "string") return m;
  return (m.find((x) => x.when === undefined || evaluate(x.when, facts)) ?? (m.at(-1) as { message: string }))
    .message;
}

function flag(rule: { id: string; sources: string[] }, code: string, message: string): Flag {
  return { code, message, ruleId: rule.id, sources: rule.sources };
}

/** One entry per code; later entries add their sources to the first. */
function dedupe(flags: Flag[]): Flag[] {
  const byCode = new Map<string, Flag>();
  for (const f of flags) {
    const prior = byCode.get(f.code);
    if (prior) prior.sources = [...new Set([...prior.sources, ...f.sources])];
    else byCode.set(f.code, { ...f, sources: [...f.sources] });
  }
  return [...byCode.values()];
}

function mostSpecific<R extends { scope: RuleOf<"target">["scope"] }>(
  rules: readonly R[],
  tieBreak: (r: R) => number,
): R | undefined {
  return [...rules].sort(
    (a, b) => scopeSpecificity(b.scope) - scopeSpecificity(a.scope) || tieBreak(b) - tieBreak(a),
  )[0];
}

/** The guides' program count for these facts: the most narrowly scoped rule that fires, the larger minimum on a tie. */
export function applicationCountRule(
  rb: Rulebook,
  ctx: ScopeContext,
  facts: () => Facts,
): RuleOf<"application-count"> | undefined {
  return mostSpecific(firing(applicableRules(rb, "application-count", ctx), facts), (r) => r.min);
}

/**
 * One sentence on how many programs to apply to, for every surface that shows the assessment:
 * the guides' range and whom it is for, or — where they give none for this standing — what they
 * do give a count for (from the rules' own audiences), and that the program list sets it.
 */
export function describeApplicationCount(
  rb: Rulebook,
  ctx: ScopeContext,
  standing: Standing,
  count: { min: number; max: number | null; audience: string; ruleId: string } | null,
): string {
  if (count)
    return `${count.max === null ? `${count.min}+` : `${count.min}–${count.max}+`} programs: the guides' count for ${count.audience} (${count.ruleId}).`;
  const others = applicableRules(rb, "application-count", ctx).map((r) => `${r.audience} (${r.id})`);
  const elsewhere =
    others.length > 0
      ? ` They give one for ${others.join("; ")}.`
      : ` They give none for a ${ctx.applicantType} applicant in ${ctx.specialty.name} at any standing.`;
  return `The guides give no program count for ${standing} standing in ${ctx.specialty.name}.${elsewhere} The program list sets the count from your odds and budget, and says what stopped it.`;
}

/**
 * How a score in hand reads against its target: at or above the minimum it is `met`; a passed
 * score below it is `passed-below` — a passed Step 2 CK cannot be retaken for a higher score (G4),
 * so the target is no longer one to study toward. An exam ahead, or a failed attempt to retake,
 * leaves the target `to-reach`. The words beside it come from the `target-reading` rules.
 */
function readTarget(
  rb: Rulebook,
  ctx: ScopeContext,
  target: TargetResult,
  score: number | null,
  profile: Profile,
): TargetResult {
  if (score === null) return target;
  const passed = score >= step2ckPassingScore(rb, profile.step2ck.plannedDate ?? null);
  const reading: TargetReading = score >= target.min ? "met" : passed ? "passed-below" : "to-reach";
  const rule = mostSpecific(
    applicableRules(rb, "target-reading", ctx).filter((r) => r.reading === reading),
    () => 0,
  );
  return {
    ...target,
    reading,
    ...(rule ? { readingNote: { ruleId: rule.id, sources: rule.sources, message: rule.message } } : {}),
  };
}

/** The most demanding target that applies (highest minimum); ties go to the narrowest scope. */
export function chooseTarget(rb: Rulebook, ctx: ScopeContext, facts: () => Facts): TargetResult | null {
  const resolved = firing(applicableRules(rb, "target", ctx), facts).map((r) => {
    const t = r.target;
    if ("above" in t) {
      const base = rulesOfKind(rb, "threshold").find((x) => x.name === t.above);
      const baseValue = typeof base?.value === "number" ? base.value : 0;
      return {
        rule: r,
        min: baseValue + t.add.min,
        max: (baseValue + t.add.max) as number | null,
        label: t.label,
        sources: [...r.sources, ...(base?.sources ?? [])],
      };
    }
    return { rule: r, min: t.min, max: t.max, label: t.label, sources: r.sources };
  });
  resolved.sort((a, b) => b.min - a.min || scopeSpecificity(b.rule.scope) - scopeSpecificity(a.rule.scope));
  const best = resolved[0];
  if (!best) return null;
  return {
    ruleId: best.rule.id,
    sources: best.sources,
    min: best.min,
    max: best.max,
    label: best.label,
    reading: "to-reach",
    ...(best.rule.minimumRealistic !== undefined ? { minimumRealistic: best.rule.minimumRealistic } : {}),
    ...(best.rule.assumption ? { assumption: best.rule.assumption } : {}),
  };
}
