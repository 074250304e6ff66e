import pg from "pg";
import { type SqlDatabase, type SqlSession, StoreOpenError } from "./sql-database.ts";

/**
 * PostgreSQL through a `pg` connection pool: the option for running several stateless server
 * instances over one database. The connection is checked when opened, so a wrong URL or an
 * unreachable server stops the start with a message naming the setting.
 */
export interface PostgresOptions {
  url: string;
  /** Use this schema (created when missing) instead of the URL's default search path; tests use one per run. */
  schema?: string;
  /** The configuration setting that holds the URL, for error messages. */
  setting?: string;
  connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** PostgreSQL error codes (SQLSTATE, appendix A of its manual). */
const UNIQUE_VIOLATION = "23505";
const DUPLICATE_SCHEMA = "42P06";

export async function openPostgres(opts: PostgresOptions): Promise<SqlDatabase> {
  const setting = opts.setting ?? "DATABASE_URL";
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new StoreOpenError(setting, `"${opts.schema}" is not a plain schema name`);
  const where = describe(opts.url);
  const pool = new pg.Pool({
    connectionString: opts.url,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle client that loses its connection emits here; the pool replaces it on next use.
  pool.on("error", () => {});
  try {
    if (opts.schema) await createSchema(pool, opts.schema);
    else await pool.query("SELECT 1");
  } catch (e) {
    await pool.end().catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    throw new StoreOpenError(
      setting,
      `cannot connect to PostgreSQL at ${where}: ${code ? `${code} ` : ""}${(e as Error).message}`,
    );
  }
  const on = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  return {
    kind: "postgres",
    ...on(pool),
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(on(client));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Two instances creating the same schema at once race; the loser finds it there, which is all it wanted. */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== UNIQUE_VIOLATION && code !== DUPLICATE_SCHEMA) throw e;
  }
}

/** Host, port and database of a connection URL — never its password. */
export function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}
