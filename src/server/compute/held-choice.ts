import type { HeldChoice } from "../../core/index.ts";
import type { ApplicationStatus } from "../../store/store.ts";

/**
 * Chosen programs with their statuses (a request's or a saved plan's `programs`) as the list the
 * core holds against a plan: a withdrawn application keeps its row and counts for nothing else,
 * as on the page and in a saved plan's results. The status vocabulary is the store's; the core
 * only learns which ids are withdrawn.
 */
export function heldChoice(
  programs: ReadonlyArray<{ programId: string; status: ApplicationStatus }>,
): HeldChoice {
  return {
    ids: programs.map((p) => p.programId),
    statuses: Object.fromEntries(programs.map((p) => [p.programId, p.status])),
    withdrawn: programs.filter((p) => p.status === "withdrawn").map((p) => p.programId),
  };
}
