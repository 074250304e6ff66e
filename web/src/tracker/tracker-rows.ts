import type { Issue } from "../../../src/core/index.ts";
import type { TrackerEntry } from "../../../src/core/season.ts";

/**
 * The tracker as the page edits it: one entry per program, the held list's programs first (in
 * the list's order), then any other program the tracker holds (from a saved plan or a CSV). The
 * page keeps every field as entered; what an entry means is decided by the core.
 */
export function blankEntry(programId: string): TrackerEntry {
  return {
    programId,
    applied: null,
    signal: null,
    invited: false,
    invitedOn: null,
    interviewDate: null,
    interviewed: false,
    rejected: false,
    withdrawn: false,
    rank: null,
    notes: "",
  };
}

/** An entry with nothing recorded says nothing, so the tracker sent to the core leaves it out. */
export function isRecorded(e: TrackerEntry): boolean {
  const b = blankEntry(e.programId);
  return (Object.keys(b) as Array<keyof TrackerEntry>).some((k) => k !== "programId" && e[k] !== b[k]);
}

export function rowIds(held: readonly string[], entries: ReadonlyMap<string, TrackerEntry>): string[] {
  const inList = new Set(held);
  return [...held, ...[...entries.keys()].filter((id) => !inList.has(id))];
}

/** The recorded entries, in row order: what is saved, exported and read by the core. */
export function recorded(
  rows: readonly string[],
  entries: ReadonlyMap<string, TrackerEntry>,
): TrackerEntry[] {
  return rows.map((id) => entries.get(id)).filter((e): e is TrackerEntry => e !== undefined && isRecorded(e));
}

/**
 * The core's issues about `entries.N.field` keyed by program id and field, so each one shows by
 * its cell; issues about anything else are kept apart.
 */
export function issuesByCell(
  issues: readonly Issue[],
  sent: readonly TrackerEntry[],
): { byCell: Map<string, Issue[]>; other: Issue[] } {
  const byCell = new Map<string, Issue[]>();
  const other: Issue[] = [];
  for (const i of issues) {
    const m = /^entries\.(\d+)\.(\w+)/.exec(i.path);
    const e = m ? sent[Number(m[1])] : undefined;
    if (!m || !e) {
      other.push(i);
      continue;
    }
    const key = cellKey(e.programId, m[2] as string);
    byCell.set(key, [...(byCell.get(key) ?? []), i]);
  }
  return { byCell, other };
}

export const cellKey = (programId: string, field: string) => `${programId}\n${field}`;
