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
 * Each piece of work has a key of its own (`matchplan.work.<slot>`): a page writes only its own,
 * so two tabs, or a linked plan opened over unsaved work, never write over each other. A page
 * that opens kept work moves it into its own key. At most `MAX_KEPT` works are kept; past that
 * the one kept longest ago is removed, and the page says so.
 *
 * A copy is read defensively: it may come from an older page, another tab or a hand edit. Every
 * field is checked on its own and whatever does not fit is dropped (a draft field back to empty),
 * so one bad field never costs the rest; a copy of another version is not read at all, and stays
 * untouched.
 */
/** Where pages kept their one copy before each work had a key of its own; read as one more work. */
export const LOCAL_COPY_KEY = "matchplan.work";
/** Each kept work's key: this, then its slot. */
export const KEPT_PREFIX = `${LOCAL_COPY_KEY}.`;
/** The slot name of the copy under `LOCAL_COPY_KEY`; a new slot is hexadecimal, never this. */
const LEGACY_SLOT = "earlier";
/** Works kept at most; a few KB each, far inside any browser's allowance. */
export const MAX_KEPT = 10;

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

/** A kept work and the slot it is kept under. */
export interface KeptCopy extends LocalCopy {
  slot: string;
}

/** A new slot for a page's work: 16 hexadecimal digits from the browser's random source. */
export function newSlot(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const keyOf = (slot: string): string => (slot === LEGACY_SLOT ? LOCAL_COPY_KEY : `${KEPT_PREFIX}${slot}`);

function slotOf(key: string): string | null {
  if (key === LOCAL_COPY_KEY) return LEGACY_SLOT;
  return key.startsWith(KEPT_PREFIX) && key.length > KEPT_PREFIX.length
    ? key.slice(KEPT_PREFIX.length)
    : null;
}

/** Every work this page can read, the most recently kept first; `except` leaves one slot out. */
export function readKeptWorks(storage: Storage | null, except: string | null = null): KeptCopy[] {
  if (!storage) return [];
  try {
    const works: KeptCopy[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      const slot = key === null ? null : slotOf(key);
      if (slot === null || slot === except) continue;
      const copy = decodeLocalCopy(storage.getItem(key as string));
      if (copy) works.push({ ...copy, slot });
    }
    return works.sort((a, b) => (a.keptAt < b.keptAt ? 1 : a.keptAt > b.keptAt ? -1 : 0));
  } catch {
    return [];
  }
}

/**
 * Keeps a page's work under its slot. `ok` is false when the browser refused it (storage full or
 * disabled); `dropped` names the works removed to stay within `MAX_KEPT`, the oldest first.
 */
export function writeKeptWork(
  storage: Storage | null,
  slot: string,
  c: Omit<LocalCopy, "keptAt">,
  keptAt: string,
): { ok: boolean; dropped: KeptCopy[] } {
  if (!storage) return { ok: false, dropped: [] };
  try {
    storage.setItem(keyOf(slot), encodeLocalCopy(c, keptAt));
  } catch {
    return { ok: false, dropped: [] };
  }
  const others = readKeptWorks(storage, slot);
  const dropped = others.slice(Math.max(0, MAX_KEPT - 1)).reverse();
  for (const d of dropped) forgetKeptWork(storage, d.slot);
  return { ok: true, dropped };
}

/** Removes one kept work (the choice to keep work stays as it was). */
export function forgetKeptWork(storage: Storage | null, slot: string): void {
  try {
    storage?.removeItem(keyOf(slot));
  } catch {
    // Nothing kept.
  }
}

/** Removes every kept work. */
export function forgetAllKeptWork(storage: Storage | null): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && slotOf(key) !== null) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Nothing kept, nothing to remove.
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

/** Sets the choice; not keeping removes every kept work at once. */
export function setKeepsLocalCopy(storage: Storage | null, keep: boolean): void {
  if (!storage) return;
  try {
    if (keep) storage.removeItem(KEEP_KEY);
    else {
      storage.setItem(KEEP_KEY, "no");
      forgetAllKeptWork(storage);
    }
  } catch {
    // Nothing kept, nothing to remove.
  }
}
