import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type FolderLock, lockFolder } from "./folder-lock.ts";
import { initialiseInChild, needsInitialisation } from "./pglite-init.ts";
import { type SqlDatabase, type SqlSession, StoreOpenError } from "./sql-database.ts";

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in one process, stored in a local
 * folder (or in memory for tests). Only one process may open a folder at a time — PGlite has no
 * multi-process access — so the folder lock (folder-lock.ts) guards it, and every statement first
 * checks the lock is still ours; run several server instances over PostgreSQL instead
 * (DATABASE_URL).
 */
export interface PgliteOptions {
  /** Folder holding the database; null = in memory, gone when closed. */
  dataDir: string | null;
  /** The configuration setting that names the folder, for error messages. */
  setting?: string;
}

/**
 * PostgreSQL's buffer cache inside PGlite. Its default, 128 MB, is sized for a database server
 * with many connections; here one process holds one connection to a small table of saved plans,
 * and the buffers sit in the WebAssembly heap for the life of the process (about 130 MB of the
 * server's idle memory, measured). 16 MB (2,048 pages) holds tens of thousands of plan rows; a
 * page not in it is read back from the folder's files, which the operating system caches.
 */
const SHARED_BUFFERS = "16MB"; // not a score: a PostgreSQL memory setting
const START_PARAMS = [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`];

export async function openPglite(opts: PgliteOptions): Promise<SqlDatabase> {
  const setting = opts.setting ?? "MATCHPLAN_DATA_DIR_STORE";
  let lock: FolderLock | null = null;
  let db: PGlite;
  if (opts.dataDir === null) {
    db = await PGlite.create("memory://", { startParams: START_PARAMS });
  } else {
    const dir = resolve(opts.dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new StoreOpenError(setting, `cannot create the data folder ${dir}: ${(e as Error).message}`);
    }
    const locked = await lockFolder(dir);
    if (!locked.ok) {
      throw new StoreOpenError(
        setting,
        locked.issue.code === "in-use"
          ? `the embedded database in ${dir} is ${locked.issue.message}; one process may use it at a time (set DATABASE_URL to run several instances over PostgreSQL)`
          : locked.issue.message,
      );
    }
    lock = locked.lock;
    const pgDir = join(dir, "pglite");
    try {
      // A new database is made in a child process, whose memory goes when it exits (pglite-init.ts).
      if (needsInitialisation(pgDir)) await initialiseInChild(pgDir, START_PARAMS);
      db = await PGlite.create(pgDir, { startParams: START_PARAMS });
    } catch (e) {
      lock.release();
      throw new StoreOpenError(
        setting,
        `cannot open the embedded database in ${dir}: ${(e as Error).message}`,
      );
    }
  }
  const session: SqlSession = {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      lock?.assertHeld();
      return (await db.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      lock?.assertHeld();
      await db.exec(sql);
    },
  };
  return {
    kind: "pglite",
    ...session,
    // One connection: every call already runs on it.
    withSession: (fn) => fn(session),
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
