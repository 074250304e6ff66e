import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SqlDatabase } from "./sql-database.ts";

/**
 * Versioned migrations: numbered SQL files (`0001_saved_plans.sql`) applied in order, each in
 * its own transaction, recorded in `schema_migrations` with a checksum.
 *
 * Steps: take a PostgreSQL advisory lock for the current schema (so two instances starting at
 * once take turns: the second finds the work done) → create `schema_migrations` if missing →
 * refuse to start if an applied migration's file has since changed → apply the missing ones in
 * version order → release the lock. Running it again applies nothing (idempotent).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d+)_([a-z0-9_-]+)\.sql$/;

/** From the package root, so the compiled server (dist/server/, also two folders down) reads the same files. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../src/store/migrations/", import.meta.url));

/** The migration files of a folder, in version order; a malformed or duplicate name is a bug, so it throws. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .map((file) => {
      const m = FILE.exec(file);
      if (!m) throw new Error(`migration file name "${file}" is not NNNN_name.sql`);
      return { version: Number(m[1]), name: m[2] as string, sql: readFileSync(`${dir}/${file}`, "utf8") };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]?.version === m.version)
      throw new Error(`two migrations have version ${m.version}`);
  });
  return migrations;
}

export const checksum = (sql: string) => createHash("sha256").update(sql).digest("hex");

/** Applies the pending migrations; returns the versions it applied. */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[]): Promise<number[]> {
  return db.withSession(async (s) => {
    await s.query("SELECT pg_advisory_lock(hashtext(current_schema() || ':matchplan-migrations'))");
    try {
      await s.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = new Map(
        (
          await s.query<{ version: number; checksum: string }>(
            "SELECT version, checksum FROM schema_migrations",
          )
        ).map((r) => [r.version, r.checksum]),
      );
      const done: number[] = [];
      for (const m of migrations) {
        const sum = checksum(m.sql);
        const before = applied.get(m.version);
        if (before !== undefined) {
          if (before !== sum)
            throw new Error(
              `migration ${m.version} (${m.name}) was changed after it was applied; add a new migration instead`,
            );
          continue;
        }
        await s.exec("BEGIN");
        try {
          await s.exec(m.sql);
          await s.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
            m.version,
            m.name,
            sum,
          ]);
          await s.exec("COMMIT");
        } catch (e) {
          await s.exec("ROLLBACK");
          throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
        }
        done.push(m.version);
      }
      return done;
    } finally {
      await s.query("SELECT pg_advisory_unlock(hashtext(current_schema() || ':matchplan-migrations'))");
    }
  });
}
