import { assessProfile } from "../../core/assess/assess-profile.ts";
import type { Because } from "../../core/assess/types.ts";
import type { Program } from "../../core/catalog/program.ts";
import { ok, type Result } from "../../core/issues.ts";
import type { Profile } from "../../core/profile/profile-schema.ts";
import { type ApplicationBill, billFor } from "../../core/programs/application-fees.ts";
import { evaluateList } from "../../core/programs/evaluate-list.ts";
import type { MatchEstimate } from "../../core/programs/match-probability.ts";
import type { ProgramData } from "../../core/programs/program-data.ts";
import type { Rulebook } from "../../core/rulebook/rulebook.ts";

/**
 * A list the applicant chose by hand: its P(match) (the planner's odds and kernel, no
 * optimisation) and its application fees (ERAS or ResidencyCAS, by specialty) for the Match the
 * profile applies to. A composition of core
 * functions; nothing is computed here.
 */
export interface ListEvaluation {
  specialty: string;
  asOf: string;
  season: number;
  programs: number;
  pMatch: MatchEstimate | null;
  costUsd: number;
  fees: ApplicationBill[];
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
  const bill = billFor(rb, season, "main", specialty, programs.length);
  const notes: string[] = [];
  if (bill.confidence !== "official") notes.push(bill.text);
  const pMatch = evaluateList(rb, data, profile, specialty, programs, asOf, signals)?.pMatch ?? null;
  if (!pMatch)
    notes.push("P(match) is not estimated for this specialty: Charting Outcomes has no data for it");
  return ok({
    specialty,
    asOf,
    season,
    programs: programs.length,
    pMatch,
    costUsd: bill.usd,
    fees: [bill],
    notes,
    because: [
      {
        ruleId: "fees",
        value: { matchYear: season, service: bill.service, confidence: bill.confidence },
        sources: bill.sources,
        note: bill.basis,
      },
    ],
  });
}
