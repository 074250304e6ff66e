/**
 * Saved plans: what a user entered (profile, specialty, practice-exam log, chosen programs with
 * their application status) plus timestamps and a version. Results are never stored — they are
 * recomputed from this on every read, so a saved plan always reflects the current data.
 * One `Store` interface, two implementations over the same SQL (embedded PGlite, PostgreSQL);
 * `open-store.ts` picks one.
 */

/** Where an application to a chosen program stands. */
export const APPLICATION_STATUSES = ["planned", "applied", "interview", "ranked", "withdrawn"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STORE_KINDS = ["pglite", "postgres"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ChosenProgram {
  programId: string;
  status: ApplicationStatus;
}

/** What the user entered; validated by the caller before it reaches the store. */
export interface PlanContent {
  profile: JsonObject;
  specialty: string;
  practiceLog: JsonValue[];
  programs: ChosenProgram[];
}

export interface SavedPlan extends PlanContent {
  id: string;
  /** 1 on creation, +1 on every update: the optimistic-concurrency token. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type UpdateOutcome =
  | { ok: true; plan: SavedPlan }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; currentVersion: number };

export interface Store {
  readonly kind: StoreKind;
  /** Stores new content under a fresh unguessable id. */
  create(content: PlanContent): Promise<SavedPlan>;
  /** The plan, or null when the id never existed or was deleted (the two are indistinguishable). */
  get(id: string): Promise<SavedPlan | null>;
  /** Replaces the content if the stored version is still `expectedVersion`; otherwise nothing changes. */
  update(id: string, expectedVersion: number, content: PlanContent): Promise<UpdateOutcome>;
  /** Removes the plan for good; false when there was nothing to remove. */
  delete(id: string): Promise<boolean>;
  /** True when the database answers a query. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The database does not answer (refused, unreachable, shut down, connection lost): a state
 * that passes, not a bug. The server answers 503 with Retry-After. The message names the
 * database's host and why, never a query or its values.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}
