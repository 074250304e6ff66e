import type { Issue } from "../issues.ts";
import { type PlannedProgram, plannedRow } from "../programs/plan-program-list.ts";
import type { ProgramData } from "../programs/program-data.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { holdList, summariseList } from "./held-list.ts";
import type { Plan } from "./types.ts";

/**
 * The program list the applicant holds instead of the planner's: the program ids in their order,
 * each one's application status (shown as it is; the core gives statuses no meaning), and the ids
 * whose application was withdrawn (they keep their row and count for nothing else).
 */
export interface HeldChoice {
  ids: readonly string[];
  statuses: Readonly<Record<string, string>>;
  withdrawn: readonly string[];
}

/** How the held list differs from the planner's, for the report to say so. */
export interface HeldListNote {
  statuses: Record<string, string>;
  withdrawn: string[];
  /** Planner's programs not in the held list, and held programs the planner did not choose. */
  removed: number;
  added: number;
  /** Active (not withdrawn) programs: the count the fees and P(match) are for. */
  listed: number;
}

/**
 * The plan with its program list replaced by the list the applicant holds (the page's edits, a
 * saved plan's list): rows, P(match), P(≥ 1 interview), fees, "What moves your number", the visa
 * counts, the signals counted per list, P(match in either list), the backups and the season's
 * cost as `summariseList` derives them from the held list — the same function the page shows its
 * figures from — so a report of an edited list and the page agree figure for figure, and nothing
 * derived from the planner's list is left beside the held one. What the planner decided about the
 * list as a whole (its count curve, the guides' advice, the signals scheme, the supplemental and
 * parallel lists) stays as the plan made it. Ids not among the specialty's programs the applicant can apply to are left out, each
 * with an issue naming it. Null when the plan has no list.
 */
export function planWithHeldList(
  rb: Rulebook,
  data: ProgramData,
  plan: Plan,
  choice: HeldChoice,
  path = "programs",
): { plan: Plan; held: HeldListNote; issues: Issue[] } | null {
  const held = holdList(rb, data, plan);
  if (!held) return null;
  const issues: Issue[] = [];
  choice.ids.forEach((id, i) => {
    if (!held.odds.has(id))
      issues.push({
        code: "unknown_reference",
        path: `${path}[${i}].programId`,
        message: held.excluded.has(id)
          ? `"${id}" is left out of the list: ${held.excluded.get(id)}`
          : `"${id}" is not a ${plan.specialty.name} program of the catalog; it is left out of the list`,
      });
  });
  const withdrawn = new Set(choice.withdrawn);
  const summary = summariseList(held, choice.ids, withdrawn);
  const programs: PlannedProgram[] = summary.rows.map((r) => plannedRow(r.program, r.sponsorship, r));
  const planned = new Set(held.list.programs.map((p) => p.id));
  const kept = new Set(programs.map((p) => p.id));
  const list = {
    ...held.list,
    programs,
    costUsd: summary.costUsd,
    fees: summary.fees,
    pMatch: summary.pMatch,
    pMatchRange: summary.pMatchRange,
    pAtLeastOneInterview: summary.pAtLeastOneInterview ?? held.list.pAtLeastOneInterview,
    whatMoves: summary.whatMoves,
    visaSponsorship: summary.visaSponsorship,
    signals: summary.signals,
    pMatchAny: summary.pMatchAny,
  };
  return {
    // The season's cost and the backups follow the held list (its bills, its P(match)).
    plan: { ...plan, list, cost: summary.cost, backups: summary.backups },
    held: {
      statuses: Object.fromEntries(programs.map((p) => [p.id, choice.statuses[p.id] ?? ""])),
      withdrawn: programs.filter((p) => withdrawn.has(p.id)).map((p) => p.id),
      removed: [...planned].filter((id) => !kept.has(id)).length,
      added: [...kept].filter((id) => !planned.has(id)).length,
      listed: summary.active,
    },
    issues,
  };
}
