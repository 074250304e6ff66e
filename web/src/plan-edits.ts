import type { ListSummary } from "../../src/core/index.ts";
import type { ApplicationStatus } from "./api/plans-api.ts";
import { pct, usd } from "./format.ts";

/**
 * The applicant's edits to the program list, kept apart from any one plan so they survive a
 * re-plan: programs removed, programs added, and each application's status. A new plan (another
 * budget, another specialty and back, a changed profile) starts from its own list, takes out what
 * was removed, and adds back what was added where the new plan can list it — so a removed program
 * stays removed after a budget change and after a specialty round trip.
 */
export interface ListEdits {
  removed: ReadonlySet<string>;
  /** In the order they were added. */
  added: readonly string[];
  statuses: ReadonlyMap<string, ApplicationStatus>;
}

export const NO_EDITS: ListEdits = { removed: new Set(), added: [], statuses: new Map() };

/** The list held against a plan: its own programs minus those removed, then those added that it can list. */
export function heldIds(
  planned: readonly string[],
  edits: ListEdits,
  canList: (id: string) => boolean,
): string[] {
  const own = new Set(planned);
  return [
    ...planned.filter((id) => !edits.removed.has(id)),
    ...edits.added.filter((id) => !own.has(id) && !edits.removed.has(id) && canList(id)),
  ];
}

/** The edits after the list went from `before` to `after` (a Remove, an Add, "back to the planner's list"). */
export function recordListChange(
  edits: ListEdits,
  planned: readonly string[],
  before: readonly string[],
  after: readonly string[],
): ListEdits {
  const was = new Set(before);
  const now = new Set(after);
  const own = new Set(planned);
  const removed = new Set(edits.removed);
  let added = [...edits.added];
  for (const id of before)
    if (!now.has(id)) {
      removed.add(id);
      added = added.filter((x) => x !== id);
    }
  for (const id of after)
    if (!was.has(id)) {
      removed.delete(id);
      if (!own.has(id) && !added.includes(id)) added.push(id);
    }
  return { ...edits, removed, added };
}

/** Edits that turn `planned` into a saved list (opening a saved plan). */
export function editsFromSaved(
  planned: readonly string[],
  saved: ReadonlyArray<{ programId: string; status: ApplicationStatus }>,
): ListEdits {
  const own = new Set(planned);
  const kept = new Set(saved.map((p) => p.programId));
  return {
    removed: new Set(planned.filter((id) => !kept.has(id))),
    added: saved.map((p) => p.programId).filter((id) => !own.has(id)),
    statuses: new Map(saved.map((p) => [p.programId, p.status])),
  };
}

/**
 * Programs of a saved plan that the list it opens into cannot hold, by why: known not to sponsor
 * the visa the profile needs, or not a program of this specialty in the current catalog (it left
 * the catalog, or it belongs to another specialty's list). Said when the plan opens, since saving
 * again leaves them out.
 */
export function savedLeftOut(
  saved: ReadonlyArray<{ programId: string }>,
  planned: readonly string[],
  canList: (id: string) => boolean,
  excluded: ReadonlyMap<string, string>,
): { excluded: string[]; absent: string[] } {
  const own = new Set(planned);
  const out = { excluded: [] as string[], absent: [] as string[] };
  for (const { programId: id } of saved) {
    if (own.has(id) || canList(id)) continue;
    if (excluded.has(id)) out.excluded.push(id);
    else out.absent.push(id);
  }
  return out;
}

/** `savedLeftOut` in a sentence, or "" when every saved program is on the list. */
export function leftOutMessage(
  left: { excluded: string[]; absent: string[] },
  specialtyName: string,
): string {
  const n = left.excluded.length + left.absent.length;
  if (n === 0) return "";
  const parts: string[] = [];
  if (left.excluded.length > 0)
    parts.push(`${left.excluded.length} known not to sponsor the visa the profile needs`);
  if (left.absent.length > 0)
    parts.push(
      `${left.absent.length} not ${left.absent.length === 1 ? "a program" : "programs"} of ${specialtyName} in the current catalog (${left.absent.join(", ")})`,
    );
  return `${n} program${n === 1 ? "" : "s"} of the saved plan ${n === 1 ? "is" : "are"} not on this list: ${parts.join("; ")}. Saving again leaves ${n === 1 ? "it" : "them"} out.`;
}

/** What of the edits still applies to a new list, in words ("2 removed programs stay removed"). */
export function keptEdits(edits: ListEdits, planned: readonly string[], held: readonly string[]): string[] {
  const own = new Set(planned);
  const listed = new Set(held);
  const stillRemoved = [...edits.removed].filter((id) => own.has(id)).length;
  const stillAdded = edits.added.filter((id) => listed.has(id) && !own.has(id)).length;
  const statuses = [...edits.statuses].filter(([id, s]) => listed.has(id) && s !== "planned").length;
  const out: string[] = [];
  if (stillRemoved > 0)
    out.push(
      `${stillRemoved} program${stillRemoved === 1 ? "" : "s"} you removed stay${stillRemoved === 1 ? "s" : ""} removed`,
    );
  if (stillAdded > 0) out.push(`${stillAdded} you added ${stillAdded === 1 ? "is" : "are"} kept`);
  if (statuses > 0) out.push(`${statuses} status${statuses === 1 ? "" : "es"} kept`);
  return out;
}

/** What a re-plan changed, in one sentence for the summary strip (figures from the two list summaries). */
export function replanMessage(r: {
  undone: boolean;
  /** The new specialty's name when it changed. */
  specialty: string | null;
  /** The new budget when it changed (null: no limit). */
  budget: { usd: number | null } | null;
  before: ListSummary | null;
  after: ListSummary;
  kept: string[];
}): string {
  const what: string[] = [];
  if (r.specialty) what.push(`for ${r.specialty}`);
  if (r.budget)
    what.push(r.budget.usd === null ? "with no budget limit" : `with a ${usd(r.budget.usd)} budget`);
  const figures: string[] = [];
  if (r.before?.pMatch && r.after.pMatch)
    figures.push(`P(match) ${pct(r.before.pMatch.estimate)} → ${pct(r.after.pMatch.estimate)}`);
  if (r.before) {
    figures.push(`${r.before.active} → ${r.after.active} programs`);
    figures.push(`fees ${usd(r.before.costUsd)} → ${usd(r.after.costUsd)}`);
  }
  const head = `${r.undone ? "Undone: re-planned" : "Re-planned"} ${what.length ? what.join(", ") : "for your changed profile"}`;
  return `${head}${figures.length ? `: ${figures.join(", ")}` : ""}.${r.kept.length ? ` Your edits: ${r.kept.join(", ")}.` : ""}`;
}
