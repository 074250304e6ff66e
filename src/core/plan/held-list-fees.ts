import { roundCents } from "../math/round.ts";
import { type ApplicationBill, billFor } from "../programs/application-fees.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Plan } from "./types.ts";

/**
 * The application fees of a list of `programs` programs held against the plan: that list, priced
 * by its specialty's service for the plan's Match year, and the plan's other lists as the plan
 * bills them (a supplemental PGY-1 list, a pathway's parallel list), which are applied to with it.
 * The one place a held list is priced: the page, a report of an edited list, the evaluate route
 * and a saved plan's lists all show this figure, and the plan's own list costs what the plan says.
 */
export function heldListFees(
  rb: Rulebook,
  plan: Plan,
  programs: number,
): { fees: ApplicationBill[]; costUsd: number } {
  const season = plan.list?.season ?? plan.matchYear.matchYear;
  const fees = [
    billFor(rb, season, "main", plan.specialty.id, programs),
    ...(plan.list?.fees ?? []).filter((f) => f.list !== "main"),
  ];
  return { fees, costUsd: roundCents(fees.reduce((s, f) => s + f.usd, 0)) };
}
