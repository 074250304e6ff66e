import type { TrackerEntry } from "../../src/core/season.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "./api/plans-api.ts";
import type { ListEdits } from "./plan-edits.ts";
import { EMPTY_DRAFT, type ProfileDraft } from "./profile/draft.ts";

/**
 * The page's work kept in this browser (localStorage), so a reload, a closed tab or a lost
 * connection loses nothing: the profile as typed, the specialty, the list's edits and statuses,
 * the practice log, the season's tracker and which saved plan (and version) it came from. It
 * never leaves the device; the applicant can stop keeping it, which removes it at once.
 *
 * A copy is read defensively: it may come from an older page, another tab or a hand edit. Every
 * field is checked on its own and whatever does not fit is dropped (a draft field back to empty),
 * so one bad field never costs the rest; a copy of another version is not read at all, and stays
 * untouched until the applicant's next change overwrites it.
 */
export const LOCAL_COPY_KEY = "matchplan.work";

/** A practice exam as the page's log holds it (components/practice-log.tsx `LogEntry`). */
interface LogEntry {
  date: string;
  kind: string;
  form: number | string | null;
  score: number | string;
}
/** Set to "no" when the applicant chose not to keep work in this browser. */
export const KEEP_KEY = "matchplan.keep";
const VERSION = 1;

export interface LocalCopy {
  /** When it was last kept (ISO 8601). */
  keptAt: string;
  draft: ProfileDraft;
  specialty: string;
  /** Whether a plan was shown: restoring one makes it again. */
  planned: boolean;
  edits: ListEdits;
  log: LogEntry[];
  tracker: TrackerEntry[];
  saved: { id: string; version: number } | null;
}

/** The copy as stored: sets and maps as arrays. */
export function encodeLocalCopy(c: Omit<LocalCopy, "keptAt">, keptAt: string): string {
  return JSON.stringify({
    version: VERSION,
    keptAt,
    draft: c.draft,
    specialty: c.specialty,
    planned: c.planned,
    edits: { removed: [...c.edits.removed], added: [...c.edits.added], statuses: [...c.edits.statuses] },
    log: c.log,
    tracker: c.tracker,
    saved: c.saved,
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
const STATUSES: ReadonlySet<string> = new Set(APPLICATION_STATUSES);

function draftOf(v: unknown): ProfileDraft {
  const out: Record<string, unknown> = { ...EMPTY_DRAFT };
  if (!isRecord(v)) return out as unknown as ProfileDraft;
  for (const [key, empty] of Object.entries(EMPTY_DRAFT)) {
    const x = v[key];
    if (Array.isArray(empty)) out[key] = strings(x);
    else if (typeof x === typeof empty) out[key] = x;
  }
  return out as unknown as ProfileDraft;
}

function editsOf(v: unknown): ListEdits {
  if (!isRecord(v)) return { removed: new Set(), added: [], statuses: new Map() };
  const statuses = new Map<string, ApplicationStatus>();
  if (Array.isArray(v.statuses))
    for (const pair of v.statuses)
      if (Array.isArray(pair) && typeof pair[0] === "string" && STATUSES.has(pair[1]))
        statuses.set(pair[0], pair[1] as ApplicationStatus);
  return { removed: new Set(strings(v.removed)), added: strings(v.added), statuses };
}

function logOf(v: unknown): LogEntry[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (e): e is LogEntry =>
      isRecord(e) &&
      typeof e.date === "string" &&
      typeof e.kind === "string" &&
      (typeof e.score === "number" || typeof e.score === "string") &&
      (e.form === null || typeof e.form === "number" || typeof e.form === "string"),
  );
}

/** Tracker rows as kept; the core's validator reads them again when the season is computed. */
function trackerOf(v: unknown): TrackerEntry[] {
  if (!Array.isArray(v)) return [];
  return v.filter((e): e is TrackerEntry => isRecord(e) && typeof e.programId === "string");
}

function savedOf(v: unknown): LocalCopy["saved"] {
  return isRecord(v) && typeof v.id === "string" && Number.isInteger(v.version)
    ? { id: v.id, version: v.version as number }
    : null;
}

/** The copy in `text`, or null when there is none this page can read. */
export function decodeLocalCopy(text: string | null): LocalCopy | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(v) || v.version !== VERSION) return null;
  return {
    keptAt: typeof v.keptAt === "string" ? v.keptAt : "",
    draft: draftOf(v.draft),
    specialty: typeof v.specialty === "string" ? v.specialty : "",
    planned: v.planned === true,
    edits: editsOf(v.edits),
    log: logOf(v.log),
    tracker: trackerOf(v.tracker),
    saved: savedOf(v.saved),
  };
}

/** The browser's storage, or null where there is none or it is refused (some private modes). */
export function browserStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

export function readLocalCopy(storage: Storage | null): LocalCopy | null {
  try {
    return decodeLocalCopy(storage?.getItem(LOCAL_COPY_KEY) ?? null);
  } catch {
    return null;
  }
}

/** Keeps the copy; false when the browser refused it (storage full or disabled). */
export function writeLocalCopy(
  storage: Storage | null,
  c: Omit<LocalCopy, "keptAt">,
  keptAt: string,
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(LOCAL_COPY_KEY, encodeLocalCopy(c, keptAt));
    return true;
  } catch {
    return false;
  }
}

/** Removes the copy (the choice to keep work stays as it was). */
export function forgetLocalCopy(storage: Storage | null): void {
  try {
    storage?.removeItem(LOCAL_COPY_KEY);
  } catch {
    // Nothing kept.
  }
}

/** Whether the applicant keeps work in this browser (the default) or chose not to. */
export function keepsLocalCopy(storage: Storage | null): boolean {
  try {
    return storage?.getItem(KEEP_KEY) !== "no";
  } catch {
    return true;
  }
}

/** Sets the choice; not keeping removes the copy at once. */
export function setKeepsLocalCopy(storage: Storage | null, keep: boolean): void {
  if (!storage) return;
  try {
    if (keep) storage.removeItem(KEEP_KEY);
    else {
      storage.setItem(KEEP_KEY, "no");
      storage.removeItem(LOCAL_COPY_KEY);
    }
  } catch {
    // Nothing kept, nothing to remove.
  }
}
