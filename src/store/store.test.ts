import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_START_MS } from "../../test/server/support/test-app.ts";
import { dropSchema, testDatabaseUrl, uniqueSchema } from "../../test/server/support/test-database.ts";
import { checksum, migrate, readMigrations } from "./migrate.ts";
import { openDatabase, openStore, type StoreConfig } from "./open-store.ts";
import { openPglite } from "./pglite-database.ts";
import { isPlanId, PLAN_ID_BYTES } from "./plan-id.ts";
import { POOL_SIZE } from "./postgres-database.ts";
import { type SqlDatabase, StoreOpenError } from "./sql-database.ts";
import { SqlPlanStore } from "./sql-plan-store.ts";
import type { PlanContent, SavedPlan, Store } from "./store.ts";

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

/** A create that must succeed. */
async function created(store: Store, c: PlanContent, client?: string): Promise<SavedPlan> {
  const r = await store.create(c, client);
  if (!r.ok) throw new Error(`create refused: ${JSON.stringify(r)}`);
  return r.plan;
}

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
  }, STORE_START_MS);

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
    const saved = await created(store, c);
    expect(isPlanId(saved.id)).toBe(true);
    expect(Buffer.from(saved.id, "base64url").length).toBe(PLAN_ID_BYTES);
    expect(saved.version).toBe(1);
    expect(saved.createdAt).toBe(saved.updatedAt);
    expect(await store.get(saved.id)).toEqual({
      ...c,
      tracker: [],
      ...pick(saved, "id", "version", "createdAt", "updatedAt"),
    });
  });

  it("keeps the season's tracker: an update that leaves it out keeps it, updateTracker replaces only it under the version check", async () => {
    const entry = { programId: "program-a", applied: "2025-09-03", invited: true, notes: "Zoë's pick" };
    const saved = await created(store, content({ tracker: [entry] }));
    expect((await store.get(saved.id))?.tracker).toEqual([entry]);
    const kept = await store.update(saved.id, 1, content({ specialty: "another-specialty" }));
    expect(kept.ok && kept.plan.tracker).toEqual([entry]);
    const next = [{ ...entry, rank: 1 }];
    const replaced = await store.updateTracker(saved.id, 2, next);
    expect(replaced).toMatchObject({
      ok: true,
      plan: { version: 3, tracker: next, specialty: "another-specialty" },
    });
    expect(await store.updateTracker(saved.id, 2, [])).toEqual({
      ok: false,
      reason: "conflict",
      currentVersion: 3,
    });
    expect((await store.get(saved.id))?.tracker).toEqual(next);
    const cleared = await store.update(saved.id, 3, content({ tracker: [] }));
    expect(cleared.ok && cleared.plan.tracker).toEqual([]);
    expect(await store.updateTracker("AAAAAAAAAAAAAAAAAAAAAA", 1, [])).toEqual({
      ok: false,
      reason: "not-found",
    });
  });

  it("never hands out the same id twice", async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => created(store, content()).then((p) => p.id)),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("updates with the current version, bumping it; a stale version is a conflict that changes nothing", async () => {
    const saved = await created(store, content());
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
    const saved = await created(store, content());
    const outcomes = await Promise.all(
      ["a", "b", "c", "d", "e"].map((s) => store.update(saved.id, 1, content({ specialty: s }))),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === "conflict")).toHaveLength(4);
    expect((await store.get(saved.id))?.version).toBe(2);
  });

  it("treats a deleted id exactly like one that never existed", async () => {
    const saved = await created(store, content());
    expect(await store.delete(saved.id)).toBe(true);
    expect(await store.delete(saved.id)).toBe(false);
    expect(await store.get(saved.id)).toBeNull();
    expect(await store.update(saved.id, 1, content())).toEqual({ ok: false, reason: "not-found" });
    const never = "AAAAAAAAAAAAAAAAAAAAAA";
    expect(await store.get(never)).toBeNull();
    expect(await store.delete(never)).toBe(false);
    expect(await store.update(never, 1, content())).toEqual({ ok: false, reason: "not-found" });
  });

  /** A store over the same database with limits; `total` is counted from the plans already there. */
  const limited = async (perClient: number, extraTotal?: number) => {
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM saved_plans");
    const total = extraTotal === undefined ? 0 : (row?.n ?? 0) + extraTotal;
    return new SqlPlanStore(db, { limits: { perClient, total } });
  };
  let clients = 0;
  const newClient = () => `198.51.100.${++clients}`;

  it("keeps a client to its quota: the refused create stores nothing and names the limit; a delete frees a place", async () => {
    const quota = await limited(3);
    const me = newClient();
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await created(quota, content(), me));
    const before = await db.query("SELECT id FROM saved_plans");
    expect(await quota.create(content(), me)).toEqual({
      ok: false,
      reason: "quota",
      limit: "per-client",
      max: 3,
    });
    expect(await db.query("SELECT id FROM saved_plans")).toHaveLength(before.length);
    // Other clients, and creates made without a client, are not affected.
    expect((await quota.create(content(), newClient())).ok).toBe(true);
    expect((await quota.create(content())).ok).toBe(true);
    expect(await quota.delete(mine[0]?.id as string)).toBe(true);
    expect((await quota.create(content(), me)).ok).toBe(true);
  });

  it("keeps the store to its total, whoever asks, and says that it is the total that is full", async () => {
    const quota = await limited(0, 2);
    expect((await quota.create(content(), newClient())).ok).toBe(true);
    expect((await quota.create(content())).ok).toBe(true);
    const full = await quota.create(content(), newClient());
    expect(full).toMatchObject({ ok: false, reason: "quota", limit: "total" });
  });

  it("keeps the count the total quota reads equal to the number of plans, through creates, deletes and sweeps", async () => {
    const counts = async () =>
      (
        await db.query<{ counted: number; kept: number }>(
          "SELECT (SELECT count(*) FROM saved_plans)::int AS counted, (SELECT plans FROM saved_plan_count)::int AS kept",
        )
      )[0];
    const a = await created(store, content());
    await Promise.all(Array.from({ length: 10 }, () => created(store, content())));
    expect(await store.delete(a.id)).toBe(true);
    await store.deleteNotOpenedSince(new Date(Date.now() - 86_400_000));
    const c = await counts();
    expect(c?.kept).toBe(c?.counted);
  });

  it("lets concurrent creates overshoot a quota by less than the creates in flight at once (none on PGlite, the pool size − 1 on PostgreSQL)", async () => {
    const quota = await limited(5);
    const me = newClient();
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => quota.create(content(), me)));
    const stored = outcomes.filter((o) => o.ok).length;
    const overshoot = config.kind === "pglite" ? 0 : POOL_SIZE - 1;
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(stored).toBeLessThanOrEqual(5 + overshoot);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.limit === "per-client")).toBe(true);
  });

  it("keeps a client only as a keyed hash: not its address, not a plain hash of it, the same for the same client", async () => {
    const quota = await limited(10);
    const me = "203.0.113.77";
    const a = await created(quota, content(), me);
    const b = await created(quota, content(), me);
    const c = await created(quota, content(), "203.0.113.78");
    const keys = await db.query<{ id: string; client_key: string }>(
      "SELECT id, client_key FROM saved_plans WHERE id = ANY($1)",
      [[a.id, b.id, c.id]],
    );
    const key = (id: string) => keys.find((k) => k.id === id)?.client_key;
    expect(key(a.id)).toBe(key(b.id));
    expect(key(a.id)).not.toBe(key(c.id));
    const plain = createHash("sha256").update(me).digest();
    for (const k of keys) {
      expect(k.client_key).not.toContain(me);
      expect(k.client_key).not.toBe(plain.toString("base64url").slice(0, k.client_key.length));
      expect(k.client_key).not.toBe(plain.toString("hex").slice(0, k.client_key.length));
    }
  });

  it("marks a plan opened when it is read, at most once a day, and when it is updated", async () => {
    const saved = await created(store, content());
    const lastOpened = async () =>
      (
        await db.query<{ t: Date }>("SELECT last_opened_at AS t FROM saved_plans WHERE id = $1", [saved.id])
      )[0]?.t.getTime() ?? Number.NaN;
    const setLastOpened = (ago: string) =>
      db.query(`UPDATE saved_plans SET last_opened_at = now() - interval '${ago}' WHERE id = $1`, [saved.id]);
    const DAY = 86_400_000;

    await setLastOpened("25 hours");
    await store.get(saved.id);
    expect(Date.now() - (await lastOpened())).toBeLessThan(DAY / 2);

    await setLastOpened("2 hours");
    const marked = await lastOpened();
    await store.get(saved.id);
    expect(await lastOpened()).toBe(marked);

    await setLastOpened("400 days");
    await store.update(saved.id, 1, content());
    expect(Date.now() - (await lastOpened())).toBeLessThan(DAY / 2);
  });

  it("deletes the plans not opened since a cutoff, and only those", async () => {
    const old = await created(store, content());
    const recent = await created(store, content());
    await db.query("UPDATE saved_plans SET last_opened_at = now() - interval '200 days' WHERE id = $1", [
      old.id,
    ]);
    const cutoff = new Date(Date.now() - 180 * 86_400_000);
    expect(await store.deleteNotOpenedSince(cutoff)).toBeGreaterThanOrEqual(1);
    expect(await store.get(old.id)).toBeNull();
    expect((await store.get(recent.id))?.id).toBe(recent.id);
    expect(await store.deleteNotOpenedSince(cutoff)).toBe(0);
  });

  it("deletes in batches until none is left", async () => {
    const many = 2_500;
    await db.query(
      `INSERT INTO saved_plans (id, version, specialty, profile, last_opened_at)
       SELECT 'batch-' || g, 1, 'x', '{}'::jsonb, now() - interval '1000 days' FROM generate_series(1, $1::int) g`,
      [many],
    );
    expect(await store.deleteNotOpenedSince(new Date(Date.now() - 999 * 86_400_000))).toBe(many);
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

describe.each(backends)("upgrading the store to retention and quotas, $name", (backend) => {
  it(
    "keeps every existing plan, counting it as last opened when it was last saved, and in the total",
    async () => {
      const set = await backend.setUp();
      const db = await openDatabase(set.config);
      try {
        const all = readMigrations();
        const [first] = all;
        await migrate(db, first ? [first] : []);
        await db.query(
          `INSERT INTO saved_plans (id, version, specialty, profile, created_at, updated_at)
         VALUES ('old-plan', 3, 'x', '{"a":1}'::jsonb, '2024-01-02T03:04:05Z', '2025-02-03T04:05:06Z')`,
        );
        await migrate(db, all);
        const rows = await db.query<{ id: string; last_opened_at: Date; client_key: string | null }>(
          "SELECT id, last_opened_at, client_key FROM saved_plans",
        );
        expect(rows).toEqual([
          { id: "old-plan", last_opened_at: new Date("2025-02-03T04:05:06Z"), client_key: null },
        ]);
        const store = new SqlPlanStore(db, { limits: { perClient: 1, total: 2 } });
        expect((await store.get("old-plan"))?.version).toBe(3);
        expect((await store.create(content(), "192.0.2.1")).ok).toBe(true);
        expect(await store.create(content(), "192.0.2.2")).toMatchObject({
          ok: false,
          limit: "total",
          max: 2,
        });
      } finally {
        await db.close();
        await set.tearDown();
      }
    },
    STORE_START_MS,
  );
});

describe.each(backends)("upgrading the store to the season's tracker, $name", (backend) => {
  it(
    "keeps every plan saved before it, unchanged, and opens each with an empty tracker that can then be saved",
    async () => {
      const set = await backend.setUp();
      const db = await openDatabase(set.config);
      try {
        const all = readMigrations();
        const before = all.filter((m) => m.version < 3);
        expect(all.map((m) => m.version)).toContain(3);
        await migrate(db, before);
        // A plan as the schema before the tracker wrote it.
        await db.query(
          `INSERT INTO saved_plans (id, version, specialty, profile, practice_log, programs, created_at, updated_at)
           VALUES ('old-plan', 4, 'diagnostic-radiology', '{"a":1}'::jsonb, '[]'::jsonb,
                   '[{"programId":"program-a","status":"applied"}]'::jsonb,
                   '2025-01-02T03:04:05Z', '2025-09-03T04:05:06Z')`,
        );
        expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 3).map((m) => m.version));
        const store = new SqlPlanStore(db);
        const opened = await store.get("old-plan");
        expect(opened).toMatchObject({
          id: "old-plan",
          version: 4,
          specialty: "diagnostic-radiology",
          profile: { a: 1 },
          programs: [{ programId: "program-a", status: "applied" }],
          tracker: [],
          updatedAt: "2025-09-03T04:05:06.000Z",
        });
        const saved = await store.updateTracker("old-plan", 4, [
          { programId: "program-a", applied: "2025-09-03" },
        ]);
        expect(saved).toMatchObject({ ok: true, plan: { version: 5, programs: opened?.programs } });
      } finally {
        await db.close();
        await set.tearDown();
      }
    },
    STORE_START_MS,
  );
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

describe("the embedded database's memory", () => {
  it(
    "runs with a 16 MB buffer cache, in a folder and in memory, and keeps PGlite's own start settings",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "matchplan-buffers-"));
      for (const dataDir of [dir, null]) {
        const db = await openPglite({ dataDir });
        try {
          expect(await db.query("SHOW shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
          // Two of PGlite's defaults, which a start setting of our own must not drop.
          expect(await db.query("SHOW search_path")).toEqual([{ search_path: "public" }]);
          expect(await db.query("SHOW max_worker_processes")).toEqual([{ max_worker_processes: "0" }]);
        } finally {
          await db.close();
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
    STORE_START_MS,
  );
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
      const saved = await created(a, content());
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
