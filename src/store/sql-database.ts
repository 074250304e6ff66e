import type { StoreKind } from "./store.ts";

/**
 * The little the stores need from a SQL database, met by PGlite and by a `pg` pool alike, so
 * the SQL above it is written once.
 */
export interface SqlSession {
  /** One parameterised statement; the rows it returns. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlSession {
  readonly kind: StoreKind;
  /** Runs `fn` on one connection, for session-level locks and explicit transactions. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database that could not be opened; `setting` names the configuration to fix. */
export class StoreOpenError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = "StoreOpenError";
  }
}
