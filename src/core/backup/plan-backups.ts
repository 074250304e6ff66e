import { cycleFor } from "../assess/application-cycle.ts";
import { assessForMatchYear } from "../assess/assess-for-year.ts";
import type { Assessment, Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import { formatAmount } from "../math/format-amount.ts";
import { pct } from "../math/percent.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { type PlanRequest, type ProgramPlan, planProgramList } from "../programs/plan-program-list.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { applicableRules, rulesOfKind, scopeSpecificity } from "../rulebook/rulebook.ts";
import type { RuleOf } from "../rulebook/schemas.ts";
import type { ApplicantType } from "../vocabulary.ts";
import type {
  BackupLevel,
  BackupPath,
  BackupPlan,
  ParallelCandidate,
  ParallelPlan,
  UnfilledProgram,
} from "./types.ts";

/**
 * Backup and parallel plans (K1–K3, A5), triggered and sized by the assessment.
 *
 * Spec. Problem: when the assessment calls for a plan B, make it concrete — which parallel
 * specialty, which of its programs, what a PGY-1 year could be, which programs have gone
 * unfilled, and the longer paths. Steps: (1) the level (`backupCall`): `active` when the
 * assessment recommends a longer path or a specialty reassessment (K2, K3), `parallel` when a
 * backup rule fired (K1), else `none` — and at `none`, a main list whose P(match) is below the
 * model's `backupBelow` says so, naming the backup rule's specialties and its paths (no parallel
 * list is made: the guides do not call for one); (2) the parallel specialty: the first of the
 * assessment's backup specialties with catalog programs and Charting Outcomes data (P(match) needs both); (3) its own list by the
 * program planner, with the budget the main list leaves (none when there is no limit); (4) PGY-1
 * options: the main plan's supplemental list, and the catalog's preliminary and transitional
 * tracks named among the backups; (5) programs whose NRMP history shows positions left unfilled
 * (the history covers Florida programs only); (6) the backup rule's paths, with the dates of the
 * next cycle for a reapplication. Complexity: one planner call plus O(P) over the catalog.
 */
export interface BackupRequest {
  profile: Profile;
  assessment: Assessment;
  /** The main specialty's plan; its cost sizes the budget left for the parallel list. */
  mainPlan: ProgramPlan | null;
  asOf: string;
  /** The whole application budget in USD; null = no limit. */
  budgetUsd: number | null;
  /** How many unfilled-history programs to list (the count of all is kept). */
  unfilledLimit?: number;
  /**
   * The backups already planned for this assessment with another main list (the planner's, when
   * the applicant edits it): their parallel list is kept when it had the same budget to fill, as
   * planning it again would give the same list.
   */
  planned?: BackupPlan | null;
}

const ACTIVE_CODES = new Set(["plan-longer-path", "reassess-specialty"]);
const DEFAULT_UNFILLED_LIMIT = 20;

export function planBackups(rb: Rulebook, data: ProgramData, req: BackupRequest): BackupPlan {
  const a = req.assessment;
  const because: Because[] = [];
  const notes: string[] = [];
  const activeRecs = a.recommendations.filter((r) => ACTIVE_CODES.has(r.code));
  const call = backupCall(rb, data, a, req.mainPlan?.pMatch ?? null);
  const { level, rule: backupRule, byOdds } = call;
  const ruleSources = backupRule?.sources ?? [];
  const reason =
    level === "none"
      ? byOdds
        ? `The guides call for no backup specialty at ${a.standing} standing (K1: they add one for low or very-low standing, or for an IMG in a highly competitive specialty), but the main list's P(match) is ${pct(byOdds.pMatch)}: below ${pct(byOdds.below)}, not matching is the likelier outcome of it alone. Weigh a parallel specialty${byOdds.named.length > 0 ? ` (the guides' backups here: ${byOdds.named.map((id) => rb.specialties.get(id)?.name ?? id).join(", ")})` : ""} and the paths below; the line at ${pct(byOdds.below)} is a model assumption, as the guides say only that even a strong strategy leaves the outcome uncertain.`
        : `No backup specialty is called for at ${a.standing} standing: the guides add one for low or very-low standing, or for an IMG in a highly competitive specialty (K1).`
      : [backupRule?.message, ...activeRecs.map((r) => r.message)].filter(Boolean).join(" ");
  if (byOdds)
    because.push({
      ruleId: "model.backup-below",
      value: { pMatch: byOdds.pMatch, below: byOdds.below },
      sources: ["seed-000#reality-check"],
      note: data.model.lists.backupBelow.assumption,
    });

  // ── (2) the parallel specialty ──
  const candidates = backupCandidates(rb, data, call.specialties);
  const chosen = level === "none" ? undefined : candidates.find((c) => c.usable);
  if (chosen)
    because.push({
      ruleId: backupRule?.id ?? "K1",
      value: { parallel: chosen.specialty },
      sources: ruleSources,
      note: "the first backup specialty in the rule's order with catalog programs and Charting Outcomes data",
    });
  else if (level !== "none")
    notes.push(
      "None of the backup specialties has both catalog programs and Charting Outcomes data, so no parallel list is made.",
    );

  // ── (3) its own list ──
  let parallel: ParallelPlan | null = null;
  if (chosen) {
    const left = req.budgetUsd === null ? null : Math.max(0, req.budgetUsd - (req.mainPlan?.costUsd ?? 0));
    const kept = req.planned?.parallel;
    const r =
      kept?.specialty === chosen.specialty && kept.budgetUsd === left
        ? null
        : planParallel(rb, data, req, chosen.specialty, left);
    if (!r) parallel = kept ?? null;
    else if (r.list.ok) {
      const p = r.list.value;
      const inParallel = r.assessed;
      parallel = {
        specialty: chosen.specialty,
        name: chosen.name,
        budgetUsd: left,
        programs: p.programs,
        count: p.programs.length,
        costUsd: p.costUsd,
        fees: p.fees.map((f) => (f.list === "main" ? { ...f, list: "backup" as const } : f)),
        pMatch: p.pMatch,
        pAtLeastOneInterview: p.pAtLeastOneInterview,
        marginal: p.marginal,
        diminishingReturnsAt: p.diminishingReturnsAt,
        guideAdvice: p.guideAdvice,
        sizing: p.count,
        comparison: p.comparison,
        calibration: p.calibration,
        standing: inParallel.ok ? inParallel.value.standing : "unknown",
        sources: [...new Set(p.because.flatMap((b) => b.sources))],
        because: p.because,
      };
    } else
      notes.push(
        `The ${chosen.name} list could not be made: ${r.list.issues.map((i) => i.message).join("; ")}`,
      );
    if (parallel && left !== null && parallel.programs.length === 0)
      notes.push(
        `The main list spends the whole budget, so no ${chosen.name} programs fit; raise the budget or shorten the main list to keep a parallel list.`,
      );
    else if (parallel && left !== null && parallel.sizing.tooSmall) {
      // The list's own sizing says why it is too small (list-count.ts): too few expected interviews,
      // or an advanced backup with nothing left for its PGY-1 year. The note says which, with the figure.
      const expected = parallel.sizing.expectedInterviews;
      const few = expected < data.model.lists.tooSmall.minimumExpectedInterviews.value;
      notes.push(
        `The main list leaves $${formatAmount(left)} of the budget: ${parallel.programs.length} ${chosen.name} program${parallel.programs.length === 1 ? "" : "s"}, ${few ? `expected to give ${expected.toFixed(1)} interviews, too few to expect one` : "with nothing left for the PGY-1 year its positions need"}; raise the budget or shorten the main list for a parallel list that counts.`,
      );
    }
  }

  // ── (4) PGY-1 options ──
  const main = rb.specialties.get(a.specialty);
  const needed = main?.positions.value === "advanced";
  const pgy1Ids = new Set<string>([
    ...[...rb.specialties.values()].filter((s) => s.supplementalFor?.includes(a.specialty)).map((s) => s.id),
    ...call.specialties.filter((id) => rb.specialties.get(id)?.positions.value === "pgy1-only"),
  ]);
  const tracks = [...pgy1Ids].map((id) => ({
    specialty: id,
    name: rb.specialties.get(id)?.name ?? id,
    programs: data.bySpecialty.get(id)?.length ?? 0,
  }));
  const pgy1Sources = [
    ...new Set([
      ...(main?.positions.sources ?? []),
      ...[...pgy1Ids].flatMap((id) => catalogSources(data.bySpecialty.get(id) ?? [])),
    ]),
  ];
  const pgy1 = {
    needed,
    programs: needed ? (req.mainPlan?.supplementalPgy1 ?? []) : [],
    tracks,
    note: needed
      ? `${main?.name ?? a.specialty} starts at PGY-2, so a preliminary or transitional PGY-1 year is needed either way; the list below is near the chosen programs. No interview rates are published for these tracks, so each program's chance is of a position, from the track's published PGY-1 match rate, not interview odds.`
      : tracks.length > 0
        ? "Preliminary and transitional PGY-1 years named among the backups: a year of US training, then reapply."
        : "No PGY-1-only track is part of this plan.",
    sources: pgy1Sources,
  };

  // ── (5) unfilled history ──
  const unfilledIds = new Set<string>([a.specialty, ...pgy1Ids, ...call.specialties]);
  const withHistory: Program[] = [...unfilledIds].flatMap((id) =>
    (data.bySpecialty.get(id) ?? []).filter((p) => (p.unfilledHistory?.length ?? 0) > 0),
  );
  const unfilledAll: UnfilledProgram[] = withHistory
    .map((p) => {
      const years = [...(p.unfilledHistory ?? [])].sort((x, y) => x.year - y.year);
      const short = years.filter((y) => y.filled < y.offered);
      return {
        id: p.id,
        name: p.name,
        city: p.city,
        state: p.state,
        specialty: p.specialty,
        specialtyName: rb.specialties.get(p.specialty)?.name ?? p.specialty,
        track: p.track,
        years,
        unfilledYears: short.length,
        unfilledPositions: short.reduce((s, y) => s + (y.offered - y.filled), 0),
        sources: provenanceFor(p, "unfilledHistory"),
      };
    })
    .filter((u) => u.unfilledYears > 0)
    .sort(
      (x, y) =>
        y.unfilledYears - x.unfilledYears ||
        y.unfilledPositions - x.unfilledPositions ||
        x.name.localeCompare(y.name),
    );
  const limit = req.unfilledLimit ?? DEFAULT_UNFILLED_LIMIT;
  const unfilledSources = [...new Set(withHistory.flatMap((p) => provenanceFor(p, "unfilledHistory")))];
  const years = withHistory.flatMap((p) => (p.unfilledHistory ?? []).map((y) => y.year));
  const span = years.length > 0 ? `${Math.min(...years)}–${Math.max(...years)}` : "no years";
  const unfilled = {
    coverage: `NRMP Main Match positions offered and filled, ${span}, for Florida programs only — no other state's history is in the data. Positions unfilled in the Main Match are offered through SOAP.`,
    programs: unfilledAll.slice(0, limit),
    withHistory: withHistory.length,
    shown: Math.min(limit, unfilledAll.length),
    total: unfilledAll.length,
    sources: unfilledSources,
  };

  // ── (6) paths and the next cycle ──
  const paths: BackupPath[] = [];
  if (byOdds)
    for (const text of byOdds.paths)
      paths.push({ text, priority: "in-view", ruleId: byOdds.ruleId, sources: byOdds.sources });
  if (level !== "none") {
    for (const text of call.paths)
      paths.push({
        text,
        priority: level === "active" ? "now" : "in-view",
        ruleId: backupRule?.id ?? "K2",
        sources: ruleSources,
      });
    for (const r of activeRecs)
      paths.push({ text: r.message, priority: "now", ruleId: r.ruleId, sources: r.sources });
  }
  const next = cycleFor(rb, a.cycle.matchYear + 1, a.specialty);
  const reapply = {
    matchYear: next.matchYear,
    erasOpens: next.erasOpens,
    programsReview: next.programsReview,
  };
  because.push({
    ruleId: backupRule?.id ?? "K1",
    value: { level, parallel: chosen?.specialty ?? null },
    sources: ruleSources.length > 0 ? ruleSources : ["seed-000#reality-check"],
  });

  return {
    level,
    reason,
    ruleId: backupRule?.id ?? null,
    sources: [...new Set([...ruleSources, ...activeRecs.flatMap((r) => r.sources)])],
    candidates,
    parallel,
    pgy1,
    unfilled,
    paths,
    reapply,
    because,
    notes,
    oddsLine: oddsLine(data.model),
  };
}

/** The model's line for low odds (`lists.backupBelow`), as the backups and the headline read it. */
export function oddsLine(model: ProgramData["model"]): BackupPlan["oddsLine"] {
  return {
    below: model.lists.backupBelow.value,
    assumption: model.lists.backupBelow.assumption ?? null,
    sources: ["seed-000#reality-check", "matchplan-assumptions"],
  };
}

/** The parallel specialty's own list, with the budget the main list leaves, assessed for the main plan's Match year. */
function planParallel(
  rb: Rulebook,
  data: ProgramData,
  req: BackupRequest,
  specialty: string,
  left: number | null,
) {
  const assessed = assessForMatchYear(rb, req.profile, specialty, req.asOf, req.assessment.cycle.matchYear);
  const planReq: PlanRequest = {
    profile: req.profile,
    specialty,
    asOf: req.asOf,
    budgetUsd: left,
    signals: "auto",
    ...(assessed.ok ? { assessment: assessed.value } : {}),
  };
  return { assessed, list: planProgramList(rb, data, planReq) };
}

/**
 * The backup specialties (`backupCall`'s), in the rule's order, each marked usable when it has
 * catalog programs and Charting Outcomes data (P(match) needs both); the parallel specialty is
 * the first usable one.
 */
export function backupCandidates(
  rb: Rulebook,
  data: ProgramData,
  specialties: readonly string[],
): ParallelCandidate[] {
  return specialties.map((id) => {
    const sp = rb.specialties.get(id);
    const programs = data.bySpecialty.get(id)?.length ?? 0;
    const charted = rb.chartingOutcomes.specialties[id] !== undefined;
    const usable = programs > 0 && charted;
    return {
      specialty: id,
      name: sp?.name ?? id,
      usable,
      reason: usable
        ? `${programs} catalog programs and Charting Outcomes data`
        : programs === 0
          ? "no programs in the catalog"
          : "no Charting Outcomes data, so P(match) cannot be computed",
    };
  });
}

/** How strongly the assessment alone calls for a plan B (see `backupCall`). */
function backupLevel(rb: Rulebook, a: Assessment): BackupLevel {
  const backupRuleIds = new Set(rulesOfKind(rb, "backup-plan").map((r) => r.id));
  if (a.recommendations.some((r) => ACTIVE_CODES.has(r.code))) return "active";
  return a.backupSpecialties.length > 0 || a.because.some((b) => backupRuleIds.has(b.ruleId))
    ? "parallel"
    : "none";
}

/** Whether, and why, a plan B is called for: the one decision every surface shows. */
export interface BackupCall {
  level: BackupLevel;
  /** The backup rule whose specialties and paths the plan B follows; undefined when none does. */
  rule: RuleOf<"backup-plan"> | undefined;
  /** The backup specialties, in the rule's order (none at level `none`). */
  specialties: string[];
  paths: string[];
  /**
   * Set at level `none` when the main list's P(match) is below the model's `backupBelow`: the
   * backup rule drawn most narrowly around this specialty and applicant type (its standing
   * condition being what did not fire), its specialties and paths, to name, not to plan a list.
   */
  byOdds: {
    pMatch: number;
    below: number;
    ruleId: string;
    named: string[];
    paths: string[];
    sources: string[];
  } | null;
}

/**
 * The assessment's call (K1–K3); where it calls for none, the main list's odds: below the
 * model's `backupBelow`, `byOdds` names what a plan B would follow. The level stays the
 * assessment's: no parallel list is planned (nor its specialty's programs read) on the odds alone.
 */
export function backupCall(
  rb: Rulebook,
  data: ProgramData,
  a: Assessment,
  mainPMatch: { estimate: number } | null,
): BackupCall {
  const rules = rulesOfKind(rb, "backup-plan");
  const level = backupLevel(rb, a);
  if (level !== "none") {
    const trace = a.because.find((b) => rules.some((r) => r.id === b.ruleId));
    return {
      level,
      rule: trace ? rules.find((r) => r.id === trace.ruleId) : undefined,
      specialties: a.backupSpecialties,
      paths: a.backupPaths,
      byOdds: null,
    };
  }
  const below = data.model.lists.backupBelow.value;
  const specialty = rb.specialties.get(a.specialty);
  if (!mainPMatch || mainPMatch.estimate >= below || !specialty)
    return { level, rule: undefined, specialties: [], paths: [], byOdds: null };
  const rule = [
    ...applicableRules(rb, "backup-plan", {
      specialty,
      applicantType: a.applicantType as ApplicantType,
    }),
  ].sort((x, y) => scopeSpecificity(y.scope) - scopeSpecificity(x.scope))[0];
  return {
    level,
    rule: undefined,
    specialties: [],
    paths: [],
    byOdds: {
      pMatch: mainPMatch.estimate,
      below,
      ruleId: rule?.id ?? "K1",
      named: (rule?.specialties ?? []).filter((id) => id !== a.specialty && rb.specialties.has(id)),
      paths: rule?.paths ?? [],
      sources: rule?.sources ?? ["seed-000#reality-check"],
    },
  };
}

function provenanceFor(p: Program, field: string): string[] {
  return [...new Set(p.provenance.filter((e) => e.fields.includes(field)).map((e) => e.source))];
}

function catalogSources(programs: readonly Program[]): string[] {
  return [...new Set(programs.flatMap((p) => p.provenance.map((e) => e.source)))];
}
