import { type Migration, migrate, readMigrations } from "./migrate.ts";
import { openPglite } from "./pglite-database.ts";
import { openPostgres } from "./postgres-database.ts";
import type { SqlDatabase } from "./sql-database.ts";
import { SqlPlanStore } from "./sql-plan-store.ts";
import type { PlanLimits, Store } from "./store.ts";

/**
 * The one place that picks the store: PostgreSQL when a URL is configured, else the embedded
 * database in a local folder (or in memory). Either way the migrations run before it is handed out.
 */
export type StoreConfig =
  | { kind: "pglite"; dataDir: string | null }
  | { kind: "postgres"; url: string; schema?: string };

export interface OpenStoreOptions {
  migrations?: readonly Migration[];
  newId?: () => string;
  /** How many plans may be stored per client and in all; absent = no limits. */
  limits?: PlanLimits;
}

export async function openDatabase(config: StoreConfig): Promise<SqlDatabase> {
  return config.kind === "postgres"
    ? openPostgres({ url: config.url, ...(config.schema ? { schema: config.schema } : {}) })
    : openPglite({ dataDir: config.dataDir });
}

export async function openStore(config: StoreConfig, opts: OpenStoreOptions = {}): Promise<Store> {
  const db = await openDatabase(config);
  try {
    await migrate(db, opts.migrations ?? readMigrations());
  } catch (e) {
    await db.close();
    throw e;
  }
  return new SqlPlanStore(db, {
    ...(opts.newId ? { newId: opts.newId } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
}
