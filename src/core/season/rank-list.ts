import type { Cycle } from "../assess/application-cycle.ts";
import { pct } from "../math/percent.ts";
import type { MatchCurve } from "../programs/match-given-interviews.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Specialty } from "../rulebook/schemas.ts";
import type { SeasonModel } from "./season-model.ts";
import { isInvited, type Tracker } from "./tracker.ts";

/**
 * The rank list: NRMP's rules in plain words (data/model/season.yaml, cited), P(match) against
 * the list's length from the interviews so far (Charting Outcomes' P(match | k ranks), the same
 * curve as the planner's; for an advanced specialty times the plan's PGY-1 factor c + (1 − c)·P1,
 * so it is the same joint chance as P(match) now, pgy1-joint.ts), the supplemental PGY-1 list where the specialty is advanced (a
 * property of data/specialties.yaml), the deadline from the cycle dates, the fee for ranks past
 * those the registration includes, and a warning for a list shorter than the interviews.
 */
export interface RankListAdvice {
  rules: Array<{ id: string; text: string; sources: string[] }>;
  interviews: number;
  ranked: number;
  /** P(match) with a list of `length` programs, each one that interviewed you (with the PGY-1 year where one is needed). */
  byLength: Array<{ length: number; pMatch: number }>;
  deadline: { date: string; estimated: boolean; sources: string[] } | null;
  supplemental: { needed: boolean; tracks: string[]; text: string | null };
  extraRanksFeeUsd: number;
  warnings: string[];
}

export function rankListAdvice(
  rb: Rulebook,
  season: SeasonModel,
  sp: Specialty,
  tracker: Tracker,
  cycle: Cycle,
  curve: MatchCurve,
  /** c + (1 − c)·P1 of the plan's PGY-1 year for an advanced specialty; 1 otherwise. */
  pgy1Factor = 1,
): RankListAdvice {
  const interviewsAt = tracker.entries.filter((e) => isInvited(e) && !e.withdrawn);
  const interviews = interviewsAt.length;
  const ranked = tracker.entries.filter((e) => e.rank !== null && !e.withdrawn).length;
  const m = curve.byInterviews;
  const byLength = Array.from({ length: interviews }, (_, i) => ({
    length: i + 1,
    pMatch: ((m[Math.min(i + 1, m.length - 1)] as number) ?? 0) * pgy1Factor,
  }));
  const advanced = sp.positions.value === "advanced";
  const tracks = advanced
    ? [...rb.specialties.values()].filter((s) => s.supplementalFor?.includes(sp.id)).map((s) => s.name)
    : [];
  const warnings: string[] = [];
  if (ranked > 0 && ranked < interviews)
    warnings.push(
      `Your rank list has ${ranked} program${ranked === 1 ? "" : "s"} but ${interviews} interviewed you: rank every one you would attend — leaving one off only lowers your chance of matching (${pct(byLength[ranked - 1]?.pMatch ?? 0)} against ${pct(byLength[interviews - 1]?.pMatch ?? 0)} with all of them).`,
    );
  const included = season.rankList.includedRanks.value;
  const max = season.rankList.maxRanks.value;
  if (ranked > max) warnings.push(`NRMP accepts at most ${max} ranks on one list.`);
  const d = cycle.rankListDeadline;
  return {
    rules: season.rankList.rules,
    interviews,
    ranked,
    byLength,
    deadline: d ? { date: d.date, estimated: d.estimated, sources: d.sources } : null,
    supplemental: {
      needed: advanced,
      tracks,
      text: advanced
        ? `${sp.name} starts at PGY-2: attach a supplemental list of PGY-1 programs (${tracks.join(", ") || "preliminary or transitional"}) to each ${sp.name} program you rank.`
        : null,
    },
    extraRanksFeeUsd:
      Math.max(0, Math.max(ranked, interviews) - included) * season.rankList.extraRankFeeUsd.value,
    warnings,
  };
}
