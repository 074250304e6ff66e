import { provisionalWhy } from "../assess/provisional-why.ts";
import type { Flag } from "../assess/types.ts";
import { APPLICANT_GROUPS, type ApplicantType, type Standing } from "../vocabulary.ts";
import type { ListSummary } from "./held-list.ts";
import { type StandingVsOdds, standingVsOdds } from "./standing-vs-odds.ts";
import type { Plan, Step2ckDistribution } from "./types.ts";

/**
 * The answer first: the few figures a page or a report puts above everything else — standing,
 * P(match) of the list held, its programs and cost, the next dated step, the one action to take
 * first, and the applicant's Step 2 CK set against the specialty's published medians. Nothing is
 * decided here that the plan has not decided: each field is read off the plan (or the held list's
 * summary), so every surface shows the same headline.
 */
export interface PlanHeadline {
  specialty: string;
  standing: Standing;
  provisional: boolean;
  /** Why the standing is provisional, as the assessment says it; null when it is not. */
  provisionalWhy: string | null;
  /** Of the list as held (edited or not); null when there is no list. */
  list: { programs: number; pMatch: ListSummary["pMatch"]; costUsd: number } | null;
  next: NextDate | null;
  /** The assessment's first recommendation (the rulebook's order), else its first red flag. */
  action: Flag | null;
  comparison: ScoreComparison | null;
  /**
   * Where standing and the held list's P(match) point different ways, what each reads, in one
   * sentence to show beside them (`standingVsOdds`); null where they agree, the standing is
   * provisional (`provisionalWhy` says why) or there is no list.
   */
  standingVsOdds: StandingVsOdds | null;
}

export interface NextDate {
  label: string;
  date: string;
  estimated: boolean;
  sources: string[];
}

/** The applicant's Step 2 CK against the medians of matched and unmatched applicants of their kind. */
export interface ScoreComparison {
  score: number;
  /** "non-US IMGs" */
  group: string;
  specialtyName: string;
  matchYear: number;
  matchedMedian: number | null;
  notMatchedMedian: number | null;
  /** score − matched median (negative: below). */
  versusMatched: number | null;
  /** The comparison as sentences, numbers included. */
  text: string;
  sources: string[];
}

function groupName(applicantType: string): string {
  return APPLICANT_GROUPS[applicantType as ApplicantType] ?? applicantType;
}

function against(score: number, median: number, who: string): string {
  const d = score - median;
  if (d === 0) return `your ${score} equals ${who}' median ${median}`;
  const n = Math.abs(d);
  return `your ${score} is ${n} point${n === 1 ? "" : "s"} ${d < 0 ? "below" : "above"} ${who}' median ${median}`;
}

/**
 * "Your 241 is 10 points below matched non-US IMGs' median 250": the score against Charting
 * Outcomes' medians (the plan's `step2ck.distribution`). Null when the score is not in or the
 * specialty's distribution is not published for the applicant's kind.
 */
export function scoreComparison(score: number | null, d: Step2ckDistribution | null): ScoreComparison | null {
  if (score === null || !d || (d.matched.median === null && d.notMatched.median === null)) return null;
  const group = groupName(d.applicantType);
  const parts: string[] = [];
  if (d.matched.median !== null) parts.push(against(score, d.matched.median, `matched ${group}`));
  if (d.notMatched.median !== null)
    parts.push(against(score, d.notMatched.median, `unmatched ${group}`).replace(/^your \d+ /, ""));
  const sentence = parts.join("; it ");
  return {
    score,
    group,
    specialtyName: d.specialtyName,
    matchYear: d.matchYear,
    matchedMedian: d.matched.median,
    notMatchedMedian: d.notMatched.median,
    versusMatched: d.matched.median === null ? null : score - d.matched.median,
    text: `In ${d.specialtyName} (NRMP Charting Outcomes, ${d.matchYear} Match), ${sentence}.`,
    sources: d.sources,
  };
}

/**
 * The next dated step on or after the plan's date: the earliest cycle date of the timeline or
 * the start of a milestone or exam still to come. Stages and seasons are spans, not deadlines.
 */
export function nextDate(plan: Plan): NextDate | null {
  const t = plan.timeline;
  if (!t) return null;
  const dated: NextDate[] = [
    ...t.events.map((e) => ({ label: e.label, date: e.date, estimated: e.estimated, sources: e.sources })),
    ...t.items
      .filter((i) => i.kind === "milestone" || i.kind === "exam" || i.kind === "event")
      .map((i) => ({ label: i.label, date: i.start, estimated: i.estimated, sources: i.sources })),
  ].filter((x) => x.date >= plan.asOf);
  dated.sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
  return dated[0] ?? null;
}

export function planHeadline(plan: Plan, held: ListSummary | null): PlanHeadline {
  const a = plan.assessment;
  const comparison = scoreComparison(a.step2ck.score, plan.step2ck.distribution);
  return {
    specialty: plan.specialty.name,
    standing: a.standing,
    provisional: a.provisional,
    provisionalWhy: provisionalWhy(a),
    list: held ? { programs: held.active, pMatch: held.pMatch, costUsd: held.costUsd } : null,
    next: nextDate(plan),
    action: a.recommendations[0] ?? a.redFlags[0] ?? null,
    comparison,
    standingVsOdds: held
      ? standingVsOdds(
          a,
          { ...held, programs: held.active },
          (held.backups ?? plan.backups)?.oddsLine,
          comparison,
        )
      : null,
  };
}
