import type { Because } from "../assess/types.ts";
import type { Program } from "../catalog/program.ts";
import type { ApplicationBill } from "../programs/application-fees.ts";
import { evaluateList } from "../programs/evaluate-list.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import { percentText } from "../programs/pgy1-joint.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { planForecastSpread, planSignals } from "./held-list.ts";
import { heldListFees } from "./held-list-fees.ts";
import type { Plan } from "./types.ts";

/** A list chosen by hand: P(match), P(≥ 1 interview) and the application fees (`heldListFees`), for the plan's Match year. */
export interface ListEvaluation {
  specialty: string;
  asOf: string;
  season: number;
  programs: number;
  pMatch: MatchEstimate | null;
  /** P(at least one interview) over the list; null where P(match) is not estimated. */
  pAtLeastOneInterview: number | null;
  costUsd: number;
  fees: ApplicationBill[];
  notes: string[];
  because: Because[];
}

/**
 * A list chosen by hand, evaluated against the plan for its specialty: P(match) as `summariseList`
 * gives it (programs the profile's visa rules out count, at no chance), P(≥ 1 interview), and the
 * fees of this list with the plan's other lists (`heldListFees`), for the plan's Match year.
 */
export function evaluateChosenList(
  rb: Rulebook,
  data: ProgramData,
  plan: Plan,
  programs: readonly Program[],
  signals: "auto" | "none" = "auto",
): ListEvaluation {
  const { fees, costUsd } = heldListFees(rb, plan, programs.length);
  const notes = fees.filter((f) => f.confidence !== "official").map((f) => f.text);
  const evaluated = evaluateList(
    rb,
    data,
    plan.inputs.profile,
    plan.specialty.id,
    programs,
    plan.asOf,
    planSignals(plan.list, signals),
    planForecastSpread(plan),
    plan.list?.pgy1 ?? null,
  );
  const pMatch = evaluated?.pMatch ?? null;
  if (!pMatch)
    notes.push("P(match) is not estimated for this specialty: Charting Outcomes has no data for it");
  const pgy1 = plan.list?.pgy1;
  if (pMatch && pgy1)
    notes.push(
      `${plan.specialty.name} positions mostly start at PGY-2: this P(match) is the joint chance of the advanced position and a PGY-1 year, with the plan's supplemental PGY-1 list (${pgy1.programs} programs, ${percentText(pgy1.chance)} chance of a PGY-1 position)`,
    );
  const others = fees.filter((f) => f.list !== "main");
  if (others.length > 0)
    notes.push(
      `The fees include the plan's other lists, applied to with this one: ${others.map((f) => f.text).join("; ")}`,
    );
  return {
    specialty: plan.specialty.id,
    asOf: plan.asOf,
    season: fees[0]?.matchYear ?? plan.matchYear.matchYear,
    programs: programs.length,
    pMatch,
    pAtLeastOneInterview: evaluated?.pAtLeastOneInterview ?? null,
    costUsd,
    fees,
    notes,
    because: fees.map((bill) => ({
      ruleId: "fees",
      value: {
        matchYear: bill.matchYear,
        list: bill.list,
        service: bill.service,
        confidence: bill.confidence,
      },
      sources: bill.sources,
      note: bill.basis,
    })),
  };
}
