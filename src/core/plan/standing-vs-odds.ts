import type { Assessment } from "../assess/types.ts";
import type { BackupPlan } from "../backup/types.ts";
import { pct } from "../math/percent.ts";
import { swingText } from "../programs/uncertainty-text.ts";
import { type VisaSummary, visaNeedText } from "../programs/visa-sponsorship.ts";
import type { AssumptionSwing } from "../programs/what-moves.ts";
import { type Standing, standingRank } from "../vocabulary.ts";
import type { ScoreComparison } from "./plan-headline.ts";

/**
 * Where standing and P(match) point different ways, the one sentence that says what each reads.
 *
 * Standing is the guides' reading of the profile: the Step 2 CK band, then any rule that drops or
 * caps it. P(match) reads the programs on the list: their interview rates for the applicant's
 * type, sponsorship of a visa needed, signals, and the published P(match | interviews). The two can
 * part — a strong band beside a list whose programs rarely sponsor the visa needed, or a low band
 * where matched and unmatched applicants' scores barely differ — and a surface that shows both
 * must say why rather than leave the reader to choose.
 *
 * They part when a standing above borderline sits beside a P(match) estimate below the model's
 * line for low odds (`lists.backupBelow`, the line under which the backups say to weigh a plan B),
 * or a standing below borderline beside one at or above it. One line, no second number: the model
 * has no figure for "high" odds, and the published match rate of the applicant's kind is a rate
 * among those who ranked the specialty first, not a line for one list. A provisional standing rests
 * on no band and already says why (`provisionalWhy`), so it gets no second explanation here.
 */
export interface StandingVsOdds {
  /** `standing-above-odds`: the standing reads better than the list's odds; `odds-above-standing` the reverse. */
  direction: "standing-above-odds" | "odds-above-standing";
  /** What each reads, in sentences with their figures. */
  text: string;
  /**
   * The score against the published medians (the headline's `comparison`), which the sentence
   * leans on: a surface that does not already show it beside the standing adds it after `text`.
   */
  comparison: string | null;
  /** The rules the sentence rests on: the standing's band and moves, and the model's line. */
  ruleIds: string[];
  sources: string[];
}

/** What the sentence reads of a list: the list as held or the planner's (the same fields on both). */
export interface OddsRead {
  programs: number;
  pMatch: { estimate: number } | null;
  whatMoves: readonly AssumptionSwing[];
  visaSponsorship: Pick<VisaSummary, "need" | "listed" | "sources">;
}

const words = (s: Standing | string) => s.replace(/-/g, " ");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function bandRange(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min}–${max}`;
  if (min !== null) return `${min}+`;
  if (max !== null) return `up to ${max}`;
  return "any score";
}

/** The standing's trail in words: its band and rule, then each rule that moved it. */
function standingReads(a: Assessment): { text: string; ruleIds: string[]; sources: string[] } {
  const band = a.step2ck.band;
  const moved = a.because.filter((b): b is typeof b & { value: { from: Standing; to: Standing } } => {
    const v = b.value as { from?: unknown; to?: unknown } | null;
    return typeof v === "object" && v !== null && typeof v.from === "string" && v.to !== v.from;
  });
  const parts = band
    ? [
        `your Step 2 CK ${a.step2ck.score} in the guides' band ${bandRange(band.min, band.max)} (${band.ruleId}: ${words(band.standing)})`,
      ]
    : [];
  for (const m of moved)
    parts.push(`${m.ruleId} moving it from ${words(m.value.from)} to ${words(m.value.to)}`);
  return {
    text: parts.length > 0 ? parts.join(", then ") : "the guides' rules",
    ruleIds: [...(band ? [band.ruleId] : []), ...moved.map((m) => m.ruleId)],
    sources: [...(band?.sources ?? []), ...moved.flatMap((m) => m.sources)],
  };
}

export function standingVsOdds(
  a: Assessment,
  list: OddsRead | null,
  line: BackupPlan["oddsLine"] | null | undefined,
  comparison: ScoreComparison | null,
): StandingVsOdds | null {
  if (a.provisional || !list?.pMatch || !line) return null;
  const p = list.pMatch.estimate;
  const rank = standingRank(a.standing) - standingRank("borderline");
  const direction =
    rank < 0 && p < line.below
      ? "standing-above-odds"
      : rank > 0 && p >= line.below
        ? "odds-above-standing"
        : null;
  if (!direction) return null;
  const standing = standingReads(a);
  const v = list.visaSponsorship;
  const visa =
    v.need === "none-needed"
      ? ""
      : `, whether each sponsors the ${visaNeedText(v.need)} you need (${v.listed.known} say they do, ${v.listed.inferred} are inferred from the same sponsor's other programs, ${v.listed.unknown} have no answer)`;
  const first = list.whatMoves[0];
  const side = direction === "standing-above-odds" ? "below" : "at or above";
  const text = [
    `${cap(words(a.standing))} standing and a P(match) of ${pct(p)} read different things.`,
    `The standing reads only ${standing.text}.`,
    `P(match) reads the ${list.programs} programs on the list — their interview rates for your applicant type${visa}, signals and the published chance of matching with that many interviews — and is ${side} the ${pct(line.below)} line under which the plan says to weigh a backup (a model assumption).`,
    first ? `What moves it most: ${swingText(first)}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    direction,
    text,
    comparison: comparison?.text ?? null,
    ruleIds: [...standing.ruleIds, "model.backup-below"],
    sources: [
      ...new Set([
        ...standing.sources,
        ...line.sources,
        ...(v.need === "none-needed" ? [] : v.sources),
        ...(first?.sources ?? []),
        ...(comparison?.sources ?? []),
      ]),
    ],
  };
}
