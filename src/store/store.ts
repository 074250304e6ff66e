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
  /**
   * The season's tracker entries (src/core/season/tracker.ts), for the plan's specialty and
   * Match year. On create, absent = none; on update, absent = left as stored (a client that
   * does not know the tracker never erases it).
   */
  tracker?: JsonObject[];
}

export interface SavedPlan extends PlanContent {
  id: string;
  /** Always present on a read: a plan saved before trackers existed has none ([]). */
  tracker: JsonObject[];
  /** 1 on creation, +1 on every update: the optimistic-concurrency token. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * How many saved plans may exist: per client (the key of `clientIp`: an IPv4 address or an
 * IPv6 /64) and in all. 0 = no limit. Plans saved without a client count only toward the total.
 */
export interface PlanLimits {
  perClient: number;
  total: number;
}

export const PLAN_LIMIT_KINDS = ["per-client", "total"] as const;
export type PlanLimitKind = (typeof PLAN_LIMIT_KINDS)[number];

/**
 * The server's defaults (PLANS_PER_CLIENT, PLANS_TOTAL, PLAN_RETENTION_DAYS). Policy, not data:
 * - 50 plans per client: one applicant keeps a plan per specialty or scenario — a handful — and
 *   50 leaves room for a household or an office behind one address, while one address can hold
 *   at most 50 × the 256 KiB body limit = 12.5 MiB.
 * - 50,000 plans in all: a few KiB each in practice (a few hundred MB), at most 12.5 GiB at the
 *   body limit — what a small server's disk holds. Past it saving stops for everyone (507), so a
 *   deployment with more users raises it.
 * - 180 days unopened: an applicant working through a cycle opens the plan at least every few
 *   months (application season, interviews, rank list); a plan untouched for six months has
 *   most likely been left behind, and it holds scores, attempts and visa status that should not
 *   linger. Each opening restarts the count.
 */
export const DEFAULT_PLAN_LIMITS: PlanLimits = { perClient: 50, total: 50_000 };
export const DEFAULT_PLAN_RETENTION_DAYS = 180; // not a score: days a saved plan may go unopened

export type CreateOutcome =
  | { ok: true; plan: SavedPlan }
  | { ok: false; reason: "quota"; limit: PlanLimitKind; max: number };

export type UpdateOutcome =
  | { ok: true; plan: SavedPlan }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; currentVersion: number };

export interface Store {
  readonly kind: StoreKind;
  /**
   * Stores new content under a fresh unguessable id, unless the client (an allowance key, see
   * `clientIp`) or the store already holds the most plans allowed; then nothing is stored.
   */
  create(content: PlanContent, client?: string): Promise<CreateOutcome>;
  /**
   * The plan, or null when the id never existed or was deleted (the two are indistinguishable).
   * Marks the plan opened, for retention.
   */
  get(id: string): Promise<SavedPlan | null>;
  /** Replaces the content if the stored version is still `expectedVersion`; otherwise nothing changes. */
  update(id: string, expectedVersion: number, content: PlanContent): Promise<UpdateOutcome>;
  /** Replaces only the tracker, under the same version check as `update` (the version goes up). */
  updateTracker(id: string, expectedVersion: number, tracker: JsonObject[]): Promise<UpdateOutcome>;
  /** Removes the plan for good; false when there was nothing to remove. */
  delete(id: string): Promise<boolean>;
  /** Removes every plan last opened (or saved) before `cutoff`; how many. */
  deleteNotOpenedSince(cutoff: Date): Promise<number>;
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
