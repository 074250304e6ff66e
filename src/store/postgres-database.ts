import pg from "pg";
import { type SqlDatabase, type SqlSession, StoreOpenError } from "./sql-database.ts";
import { StoreUnavailableError } from "./store.ts";

/**
 * PostgreSQL through a `pg` connection pool: the option for running several stateless server
 * instances over one database. The connection is checked when opened, so a wrong URL or an
 * unreachable server stops the start with a message naming the setting. Once running, a
 * query that fails because the server cannot be reached or went away is a
 * `StoreUnavailableError` (the server's 503); the pool connects afresh on the next query, so
 * the store recovers by itself when PostgreSQL is back.
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
/**
 * Connections per instance: `pg`'s default, stated because the saved-plan quota's worst
 * overshoot depends on it (sql-plan-store.ts).
 */
export const POOL_SIZE = 10;
/** PostgreSQL error codes (SQLSTATE, appendix A of its manual). */
const UNIQUE_VIOLATION = "23505";
const DUPLICATE_SCHEMA = "42P06";

/**
 * Failures that mean "the database is not there right now": socket errors from Node, and the
 * SQLSTATEs of a server that is shutting down, starting, or out of connections (class 08
 * connection exception; 57P01–57P03; 53300 too_many_connections).
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
/** What `pg` throws, without a code, when a connection is lost or cannot be had in time. */
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Cannot use a pool after calling end/i;

function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  return e instanceof Error && LOST_CONNECTION.test(e.message);
}

export async function openPostgres(opts: PostgresOptions): Promise<SqlDatabase> {
  const setting = opts.setting ?? "DATABASE_URL";
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema))
    throw new StoreOpenError(setting, `"${opts.schema}" is not a plain schema name`);
  const where = describe(opts.url);
  const pool = new pg.Pool({
    connectionString: opts.url,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    max: POOL_SIZE,
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
  const unavailable = <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((e: unknown) => {
      if (!isUnavailable(e)) throw e;
      const code = (e as { code?: unknown }).code;
      throw new StoreUnavailableError(
        `PostgreSQL at ${where} does not answer${typeof code === "string" ? ` (${code})` : ""}`,
        { cause: e },
      );
    });
  const on = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    query: <Row>(sql: string, params: readonly unknown[] = []) =>
      unavailable(async () => (await client.query(sql, [...params])).rows as Row[]),
    exec: (sql: string) =>
      unavailable(async () => {
        await client.query(sql);
      }),
  });
  return {
    kind: "postgres",
    ...on(pool),
    async withSession(fn) {
      const client = await unavailable(() => pool.connect());
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
