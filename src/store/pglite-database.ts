import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type SqlDatabase, type SqlSession, StoreOpenError } from "./sql-database.ts";

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in one process, stored in a local
 * folder (or in memory for tests). Only one process may open a folder at a time — PGlite has no
 * multi-process access — so a lock file holding the owner's pid guards it; run several server
 * instances over PostgreSQL instead (DATABASE_URL).
 */
export interface PgliteOptions {
  /** Folder holding the database; null = in memory, gone when closed. */
  dataDir: string | null;
  /** The configuration setting that names the folder, for error messages. */
  setting?: string;
}

const LOCK_FILE = "matchplan.lock";

export async function openPglite(opts: PgliteOptions): Promise<SqlDatabase> {
  const setting = opts.setting ?? "MATCHPLAN_DATA_DIR_STORE";
  let release = () => {};
  let db: PGlite;
  if (opts.dataDir === null) {
    db = await PGlite.create("memory://");
  } else {
    const dir = resolve(opts.dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new StoreOpenError(setting, `cannot create the data folder ${dir}: ${(e as Error).message}`);
    }
    release = lockFolder(dir, setting);
    try {
      db = await PGlite.create(join(dir, "pglite"));
    } catch (e) {
      release();
      throw new StoreOpenError(
        setting,
        `cannot open the embedded database in ${dir}: ${(e as Error).message}`,
      );
    }
  }
  const session: SqlSession = {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
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
        release();
      }
    },
  };
}

/** Takes the folder's lock file, or fails naming the process that holds it; returns the release. */
function lockFolder(dir: string, setting: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StoreOpenError(setting, `cannot lock the data folder ${dir}: ${(e as Error).message}`);
      }
      const owner = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new StoreOpenError(
          setting,
          `the embedded database in ${dir} is in use by process ${owner}; one process may use it at a time (set DATABASE_URL to run several instances over PostgreSQL)`,
        );
      }
      // Left behind by a process that is gone: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new StoreOpenError(setting, `cannot lock the data folder ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
