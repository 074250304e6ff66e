/** Saved-plan storage: one interface, two databases over the same SQL, one place that picks. */

export { type Migration, migrate, readMigrations } from "./migrate.ts";
// Opening one (the one place that picks)
export { type OpenStoreOptions, openDatabase, openStore, type StoreConfig } from "./open-store.ts";
// Ids and migrations
export { isPlanId, newPlanId, PLAN_ID_BYTES } from "./plan-id.ts";
// Retention
export { type Retention, type RetentionOptions, startRetention } from "./retention.ts";
export { StoreOpenError } from "./sql-database.ts";
// The interface and what it stores
export {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  type ChosenProgram,
  type CreateOutcome,
  DEFAULT_PLAN_LIMITS,
  DEFAULT_PLAN_RETENTION_DAYS,
  PLAN_LIMIT_KINDS,
  type PlanContent,
  type PlanLimitKind,
  type PlanLimits,
  type SavedPlan,
  STORE_KINDS,
  type Store,
  type StoreKind,
  StoreUnavailableError,
  type UpdateOutcome,
} from "./store.ts";
