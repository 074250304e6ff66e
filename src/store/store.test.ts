import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropSchema, testDatabaseUrl, uniqueSchema } from "../../test/server/support/test-database.ts";
import { checksum, migrate, readMigrations } from "./migrate.ts";
import { openDatabase, openStore, type StoreConfig } from "./open-store.ts";
import { isPlanId, PLAN_ID_BYTES } from "./plan-id.ts";
import { type SqlDatabase, StoreOpenError } from "./sql-database.ts";
import { SqlPlanStore } from "./sql-plan-store.ts";
import type { PlanContent, Store } from "./store.ts";

/**
 * One suite, run against both stores: the embedded database in a temporary folder and the
 * PostgreSQL server at TEST_DATABASE_URL (in a schema of its own, dropped afterwards). Without
 * TEST_DATABASE_URL the PostgreSQL half fails: run the tests through scripts/with-test-services.sh.
 */
const content = (over: Partial<PlanContent> = {}): PlanContent => ({
  profile: { applicantType: "non-us-img", graduationYear: 2023 },
  specialty: "some-specialty",
  practiceLog: [{ date: "2026-01-10", kind: "nbme", form: 12, score: 231 }],
  programs: [{ programId: "program-a", status: "planned" }],
  ...over,
});

interface Backend {
  name: string;
  setUp(): Promise<{ config: StoreConfig; tearDown(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "embedded PGlite in a temporary folder",
    async setUp() {
      const dir = mkdtempSync(join(tmpdir(), "matchplan-store-"));
      return {
        config: { kind: "pglite", dataDir: dir },
        tearDown: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "PostgreSQL at TEST_DATABASE_URL",
    async setUp() {
      const url = testDatabaseUrl();
      const schema = uniqueSchema();
      return { config: { kind: "postgres", url, schema }, tearDown: () => dropSchema(url, schema) };
    },
  },
];

describe.each(backends)("the store, $name", (backend) => {
  let db: SqlDatabase;
  let store: Store;
  let config: StoreConfig;
  let tearDown = async () => {};

  beforeAll(async () => {
    const set = await backend.setUp();
    config = set.config;
    tearDown = set.tearDown;
    db = await openDatabase(config);
    await migrate(db, readMigrations());
    store = new SqlPlanStore(db);
  });

  afterAll(async () => {
    await store?.close();
    await tearDown();
  });

  it("says which kind it is and that it is ready", async () => {
    expect(store.kind).toBe(config.kind);
    expect(await store.ready()).toBe(true);
  });

  it("creates a plan under a fresh 128-bit URL-safe id, at version 1, and reads back what was stored", async () => {
    const c = content();
    const saved = await store.create(c);
    expect(isPlanId(saved.id)).toBe(true);
    expect(Buffer.from(saved.id, "base64url").length).toBe(PLAN_ID_BYTES);
    expect(saved.version).toBe(1);
    expect(saved.createdAt).toBe(saved.updatedAt);
    expect(await store.get(saved.id)).toEqual({
      ...c,
      ...pick(saved, "id", "version", "createdAt", "updatedAt"),
    });
  });

  it("never hands out the same id twice", async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => store.create(content()).then((p) => p.id)),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("updates with the current version, bumping it; a stale version is a conflict that changes nothing", async () => {
    const saved = await store.create(content());
    const next = content({
      specialty: "another-specialty",
      programs: [{ programId: "b", status: "applied" }],
    });
    const updated = await store.update(saved.id, 1, next);
    expect(updated.ok).toBe(true);
    if (!updated.ok) return;
    expect(updated.plan.version).toBe(2);
    expect(updated.plan.programs).toEqual(next.programs);
    expect(updated.plan.updatedAt >= saved.createdAt).toBe(true);
    expect(updated.plan.createdAt).toBe(saved.createdAt);

    const stale = await store.update(saved.id, 1, content({ specialty: "lost-write" }));
    expect(stale).toEqual({ ok: false, reason: "conflict", currentVersion: 2 });
    expect((await store.get(saved.id))?.specialty).toBe("another-specialty");
  });

  it("lets exactly one of several writers holding the same version win", async () => {
    const saved = await store.create(content());
    const outcomes = await Promise.all(
      ["a", "b", "c", "d", "e"].map((s) => store.update(saved.id, 1, content({ specialty: s }))),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === "conflict")).toHaveLength(4);
    expect((await store.get(saved.id))?.version).toBe(2);
  });

  it("treats a deleted id exactly like one that never existed", async () => {
    const saved = await store.create(content());
    expect(await store.delete(saved.id)).toBe(true);
    expect(await store.delete(saved.id)).toBe(false);
    expect(await store.get(saved.id)).toBeNull();
    expect(await store.update(saved.id, 1, content())).toEqual({ ok: false, reason: "not-found" });
    const never = "AAAAAAAAAAAAAAAAAAAAAA";
    expect(await store.get(never)).toBeNull();
    expect(await store.delete(never)).toBe(false);
    expect(await store.update(never, 1, content())).toEqual({ ok: false, reason: "not-found" });
  });

  it("applies migrations once: running them again applies nothing", async () => {
    expect(await migrate(db, readMigrations())).toEqual([]);
    const rows = await db.query<{ version: number; checksum: string }>(
      "SELECT version, checksum FROM schema_migrations ORDER BY version",
    );
    expect(rows).toEqual(readMigrations().map((m) => ({ version: m.version, checksum: checksum(m.sql) })));
  });

  it("applies new migrations in version order, and refuses to start when an applied one was edited", async () => {
    const base = readMigrations();
    const top = base.at(-1)?.version ?? 0;
    const extra = [
      { version: top + 2, name: "second", sql: "ALTER TABLE probe_table ADD COLUMN b integer" },
      { version: top + 1, name: "first", sql: "CREATE TABLE probe_table (a integer)" },
    ];
    expect(
      await migrate(
        db,
        [...base, ...extra].sort((x, y) => x.version - y.version),
      ),
    ).toEqual([top + 1, top + 2]);
    const edited = [...base, { ...extra[1], sql: "CREATE TABLE probe_table (a text)" }, extra[0]].map(
      (m) => m as (typeof base)[number],
    );
    await expect(migrate(db, edited)).rejects.toThrow(/was changed after it was applied/);
    await db.exec("DROP TABLE probe_table");
    await db.query("DELETE FROM schema_migrations WHERE version > $1", [top]);
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    const base = readMigrations();
    const bad = {
      version: (base.at(-1)?.version ?? 0) + 1,
      name: "broken",
      sql: "CREATE TABLE half (a int); SELEC 1",
    };
    await expect(migrate(db, [...base, bad])).rejects.toThrow(/migration .* \(broken\) failed/);
    expect(await db.query("SELECT 1 FROM schema_migrations WHERE version = $1", [bad.version])).toEqual([]);
    expect(
      await db.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'half' AND table_schema = current_schema()",
      ),
    ).toEqual([]);
  });
});

describe("the embedded store's folder", () => {
  it("is used by one process at a time: a second open fails naming MATCHPLAN_DATA_DIR_STORE", async () => {
    const dir = mkdtempSync(join(tmpdir(), "matchplan-lock-"));
    const first = await openStore({ kind: "pglite", dataDir: dir });
    try {
      const second = openStore({ kind: "pglite", dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(StoreOpenError);
      await expect(second).rejects.toMatchObject({ setting: "MATCHPLAN_DATA_DIR_STORE" });
    } finally {
      await first.close();
    }
    // Released on close: it opens again, and what was stored is still there.
    const again = await openStore({ kind: "pglite", dataDir: dir });
    expect(await again.ready()).toBe(true);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("PostgreSQL start-up", () => {
  it("survives two instances migrating a fresh schema at once: each migration is applied exactly once", async () => {
    const url = testDatabaseUrl();
    const schema = uniqueSchema();
    try {
      const [a, b] = await Promise.all([
        openStore({ kind: "postgres", url, schema }),
        openStore({ kind: "postgres", url, schema }),
      ]);
      const saved = await a.create(content());
      expect((await b.get(saved.id))?.id).toBe(saved.id);
      await Promise.all([a.close(), b.close()]);
      const db = await openDatabase({ kind: "postgres", url, schema });
      const rows = await db.query<{ version: number }>(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      await db.close();
      expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    } finally {
      await dropSchema(url, schema);
    }
  });

  it("fails with a message naming DATABASE_URL when the server cannot be reached", async () => {
    const open = openStore({ kind: "postgres", url: "postgres://nobody:secret@127.0.0.1:9/none" });
    await expect(open).rejects.toBeInstanceOf(StoreOpenError);
    await expect(open).rejects.toMatchObject({ setting: "DATABASE_URL" });
    await expect(open).rejects.not.toThrow(/secret/);
  });
});

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
