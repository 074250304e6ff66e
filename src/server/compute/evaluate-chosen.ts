import { assessProfile } from "../../core/assess/assess-profile.ts";
import type { Because } from "../../core/assess/types.ts";
import type { Program } from "../../core/catalog/program.ts";
import { ok, type Result } from "../../core/issues.ts";
import type { Profile } from "../../core/profile/profile-schema.ts";
import { scheduleFor, specialtyFee } from "../../core/programs/eras-fees.ts";
import { evaluateList } from "../../core/programs/evaluate-list.ts";
import type { MatchEstimate } from "../../core/programs/match-probability.ts";
import type { ProgramData } from "../../core/programs/program-data.ts";
import type { Rulebook } from "../../core/rulebook/rulebook.ts";

/**
 * A list the applicant chose by hand: its P(match) (the planner's odds and kernel, no
 * optimisation) and its ERAS fees for the Match the profile applies to. A composition of core
 * functions; nothing is computed here.
 */
export interface ListEvaluation {
  specialty: string;
  asOf: string;
  season: number;
  programs: number;
  pMatch: MatchEstimate | null;
  costUsd: number;
  fees: Array<{ specialty: string; programs: number; usd: number }>;
  notes: string[];
  because: Because[];
}

export function evaluateChosen(
  rb: Rulebook,
  data: ProgramData,
  profile: Profile,
  specialty: string,
  programs: readonly Program[],
  asOf: string,
  signals: "auto" | "none" = "auto",
): Result<ListEvaluation> {
  const assessed = assessProfile(rb, profile, specialty, asOf);
  if (!assessed.ok) return assessed;
  const season = assessed.value.cycle.matchYear;
  const schedule = scheduleFor(data.fees, season);
  const notes: string[] = [];
  if (schedule.season !== season)
    notes.push(`the ${season} ERAS fees are not published; the ${schedule.season} schedule is used`);
  const pMatch = evaluateList(rb, data, profile, specialty, programs, asOf, signals)?.pMatch ?? null;
  if (!pMatch)
    notes.push("P(match) is not estimated for this specialty: Charting Outcomes has no data for it");
  const sp = rb.specialties.get(specialty);
  if (pMatch && sp?.positions.value === "advanced")
    notes.push(
      `${sp.name} positions mostly start at PGY-2: this P(match) is the chance of the advanced position alone, as a hand-made list holds no PGY-1 programs; the planner's P(match) includes the PGY-1 year (its pgy1 field)`,
    );
  const usd = specialtyFee(schedule, programs.length);
  return ok({
    specialty,
    asOf,
    season,
    programs: programs.length,
    pMatch,
    costUsd: usd,
    fees: [{ specialty, programs: programs.length, usd }],
    notes,
    because: [
      {
        ruleId: "fees",
        value: { season: schedule.season, tiers: schedule.perSpecialtyTiers },
        sources: schedule.sources,
      },
    ],
  });
}
