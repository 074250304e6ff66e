import { backupCall, backupCandidates, oddsLine } from "../../backup/plan-backups.ts";
import type { BackupLevel } from "../../backup/types.ts";
import type { Issue } from "../../issues.ts";
import { planApplication } from "../../plan/plan-application.ts";
import { scoreComparison } from "../../plan/plan-headline.ts";
import { planPart } from "../../plan/plan-part.ts";
import { standingVsOdds } from "../../plan/standing-vs-odds.ts";
import type { ProfileSchema } from "../../profile/profile-schema.ts";
import { validateProfile } from "../../profile/validate-profile.ts";
import type { ProgramData } from "../../programs/program-data.ts";
import type { Rulebook } from "../../rulebook/rulebook.ts";
import type { BatchRow } from "./batch-input.ts";

/**
 * The whole strategy for one batch row, without documents: validate the profile, then the plan
 * (`planApplication`, as every surface makes it) without its timeline, backups and sources —
 * standing, the program list, the Step 2 CK target (with the planner's exam date when the exam is
 * still to come), the Match year, the narrative scenario and the backup level it calls for. The
 * rulebook, catalog and profile schema are passed in, loaded once for the file.
 */
export interface StrategyContext {
  rb: Rulebook;
  data: ProgramData;
  schema: ProfileSchema;
  specialty: string;
  asOf: string;
  /** undefined = each profile's own `preferences.budgetUsd`; null = no limit. */
  budgetUsd?: number | null;
}

export interface StrategySummary {
  specialty: string;
  applicantType: string;
  matchYear: number;
  standing: string;
  provisional: boolean;
  step2ck: number | null;
  band: { min: number | null; max: number | null; ruleId: string } | null;
  target: { min: number; max: number | null; ruleId: string } | null;
  redFlags: string[];
  recommendations: string[];
  guideCount: { min: number; max: number | null } | null;
  programs: {
    count: number;
    pMatch: number | null;
    pMatchLow: number | null;
    pMatchHigh: number | null;
    pAtLeastOneInterview: number;
    costUsd: number;
    diminishingReturnsAt: number;
    signalsGold: number;
    signalsSilver: number;
    /** The alternative-pathway (parallel) list, whose fees are in `costUsd`: its own P(match) with its range; null without one. */
    parallel: {
      specialty: string;
      count: number;
      pMatch: number | null;
      pMatchLow: number | null;
      pMatchHigh: number | null;
    } | null;
    /** P(match in either list) with its range; null without a parallel list. */
    pMatchEither: { estimate: number; low: number; high: number } | null;
  } | null;
  study: { examDate: string; studyStart: string; weeks: number; target: number } | null;
  notes: string[];
  narrative: { lead: string | null; explain: boolean };
  backup: { level: BackupLevel; specialty: string | null };
  /** Where standing and P(match) point different ways, what each reads (the headline's `standingVsOdds`); null where they agree. */
  standingVsOdds: string | null;
}

export type StrategyRow =
  | { line: number; id: string | null; ok: true; result: StrategySummary }
  | { line: number; id: string | null; ok: false; issues: Issue[] };

export function runStrategy(ctx: StrategyContext, row: BatchRow): StrategyRow {
  const base = { line: row.line, id: row.id };
  if (row.issues.length > 0 || row.profile === null) return { ...base, ok: false, issues: row.issues };
  const v = validateProfile(ctx.schema, row.profile);
  if (!v.ok) return { ...base, ok: false, issues: v.issues };
  const profile = v.value;
  // The plan every other surface shows, without the parts the summary does not print.
  const planned = planApplication(ctx.rb, ctx.data, {
    profile,
    specialty: ctx.specialty,
    asOf: ctx.asOf,
    ...(ctx.budgetUsd !== undefined ? { budgetUsd: ctx.budgetUsd } : {}),
    parts: ["list", "narrative"],
  });
  if (!planned.ok) return { ...base, ok: false, issues: planned.issues };
  const plan = planned.value;
  const a = plan.assessment;
  const notes: string[] = [];
  const listed = planPart(plan, "list");
  if (!listed.ok) notes.push(...listed.issues.map((i) => `programs: ${i.message}`));
  const s = plan.step2ck;
  let study: StrategySummary["study"] = null;
  if (s.study)
    study = {
      examDate: s.study.examDate,
      studyStart: s.study.studyStart,
      weeks: s.study.weeks.planned,
      target: s.study.target.score,
    };
  else notes.push(...s.issues.map((i) => `study: ${i.message}`));
  const narrative = plan.narrative;
  const p = plan.list;
  // The same call the plan's backups make: the assessment's, then the main list's odds.
  const call = backupCall(ctx.rb, ctx.data, a, p?.pMatch ?? null);
  const level = call.level;
  const vsOdds = p
    ? standingVsOdds(
        a,
        { ...p, programs: p.programs.length },
        oddsLine(ctx.data.model),
        scoreComparison(a.step2ck.score, plan.step2ck.distribution),
      )
    : null;
  return {
    ...base,
    ok: true,
    result: {
      specialty: a.specialty,
      applicantType: a.applicantType,
      matchYear: plan.matchYear.matchYear,
      standing: a.standing,
      provisional: a.provisional,
      step2ck: a.step2ck.score,
      band: a.step2ck.band
        ? { min: a.step2ck.band.min, max: a.step2ck.band.max, ruleId: a.step2ck.band.ruleId }
        : null,
      target: a.step2ck.target
        ? { min: a.step2ck.target.min, max: a.step2ck.target.max, ruleId: a.step2ck.target.ruleId }
        : null,
      redFlags: a.redFlags.map((f) => f.code),
      recommendations: a.recommendations.map((f) => f.code),
      guideCount: a.applicationCount ? { min: a.applicationCount.min, max: a.applicationCount.max } : null,
      programs: p
        ? {
            count: p.programs.length,
            pMatch: p.pMatch?.estimate ?? null,
            pMatchLow: p.pMatch?.low ?? null,
            pMatchHigh: p.pMatch?.high ?? null,
            pAtLeastOneInterview: p.pAtLeastOneInterview,
            costUsd: p.costUsd,
            diminishingReturnsAt: p.diminishingReturnsAt,
            signalsGold: p.signals?.gold ?? 0,
            signalsSilver: p.signals?.silver ?? 0,
            parallel: p.parallel
              ? {
                  specialty: p.parallel.specialty,
                  count: p.parallel.programs.length,
                  pMatch: p.parallel.pMatch?.estimate ?? null,
                  pMatchLow: p.parallel.pMatch?.low ?? null,
                  pMatchHigh: p.parallel.pMatch?.high ?? null,
                }
              : null,
            pMatchEither: p.parallel && p.pMatchAny ? { ...p.pMatchAny } : null,
          }
        : null,
      study,
      notes,
      narrative: { lead: narrative?.lead ?? null, explain: narrative?.explain.advised ?? false },
      backup: {
        level,
        specialty:
          level === "none"
            ? null
            : (backupCandidates(ctx.rb, ctx.data, call.specialties).find((c) => c.usable)?.specialty ?? null),
      },
      standingVsOdds: vsOdds ? [vsOdds.text, vsOdds.comparison].filter(Boolean).join(" ") : null,
    },
  };
}

const round4 = (x: number | null) => (x === null ? "" : Number(x.toFixed(4)));

/** One flat record per row for CSV output; the column names are documented in docs/report.md. */
export function flattenRow(row: StrategyRow): Record<string, string | number | boolean> {
  if (!row.ok)
    return {
      line: row.line,
      id: row.id ?? "",
      ok: false,
      error: row.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
    };
  const r = row.result;
  return {
    line: row.line,
    id: row.id ?? "",
    ok: true,
    error: "",
    specialty: r.specialty,
    applicantType: r.applicantType,
    matchYear: r.matchYear,
    standing: r.standing,
    provisional: r.provisional,
    step2ck: r.step2ck ?? "",
    bandMin: r.band?.min ?? "",
    bandMax: r.band?.max ?? "",
    bandRule: r.band?.ruleId ?? "",
    targetMin: r.target?.min ?? "",
    targetMax: r.target?.max ?? "",
    targetRule: r.target?.ruleId ?? "",
    redFlags: r.redFlags.join(";"),
    recommendations: r.recommendations.join(";"),
    guideCountMin: r.guideCount?.min ?? "",
    guideCountMax: r.guideCount?.max ?? "",
    programs: r.programs?.count ?? "",
    pMatch: round4(r.programs?.pMatch ?? null),
    pMatchLow: round4(r.programs?.pMatchLow ?? null),
    pMatchHigh: round4(r.programs?.pMatchHigh ?? null),
    pAtLeastOneInterview: round4(r.programs?.pAtLeastOneInterview ?? null),
    costUsd: r.programs?.costUsd ?? "",
    diminishingReturnsAt: r.programs?.diminishingReturnsAt ?? "",
    signalsGold: r.programs?.signalsGold ?? "",
    signalsSilver: r.programs?.signalsSilver ?? "",
    parallelSpecialty: r.programs?.parallel?.specialty ?? "",
    parallelPrograms: r.programs?.parallel?.count ?? "",
    parallelPMatch: round4(r.programs?.parallel?.pMatch ?? null),
    parallelPMatchLow: round4(r.programs?.parallel?.pMatchLow ?? null),
    parallelPMatchHigh: round4(r.programs?.parallel?.pMatchHigh ?? null),
    pMatchEither: round4(r.programs?.pMatchEither?.estimate ?? null),
    pMatchEitherLow: round4(r.programs?.pMatchEither?.low ?? null),
    pMatchEitherHigh: round4(r.programs?.pMatchEither?.high ?? null),
    examDate: r.study?.examDate ?? "",
    studyStart: r.study?.studyStart ?? "",
    studyWeeks: r.study?.weeks ?? "",
    studyTarget: r.study?.target ?? "",
    narrativeLead: r.narrative.lead ?? "",
    explainScores: r.narrative.explain,
    backupLevel: r.backup.level,
    backupSpecialty: r.backup.specialty ?? "",
    standingVsOdds: r.standingVsOdds ?? "",
    notes: r.notes.join("; "),
  };
}
