import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../../test/support/scratch-dir.ts";
import { initialiseInChild, needsInitialisation } from "./pglite-init.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const work = scratchDir("matchplan-pglite-init-");
const MB = 1024 * 1024;

/**
 * Opens a new store in a process of its own, writes a row, closes it, opens it again and reads
 * the row back; prints that process's peak resident memory (VmHWM) and the count.
 */
const OPENER = `
import { readFileSync } from "node:fs";
import { openPglite } from "./src/store/pglite-database.ts";
const dir = process.argv[1];
let db = await openPglite({ dataDir: dir });
await db.exec("CREATE TABLE t (n int)");
await db.query("INSERT INTO t VALUES (1)");
await db.close();
db = await openPglite({ dataDir: dir });
const rows = await db.query("SELECT count(*)::int AS n FROM t");
await db.close();
const hwm = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
process.stdout.write(JSON.stringify({ peakBytes: hwm, rows: rows[0].n }));
`;

/**
 * The process that opens a store never holds the bootstrap's memory. Made in-process, a new
 * database left the opener 520–570 MB resident (and the server 798 MB after its first start);
 * opened after a child made it, 118–128 MB. The bound sits between the two with room for the
 * TypeScript loader this test runs under (about 90 MB).
 */
const OPENER_PEAK_BOUND_MB = 400;

describe("a new embedded database is made in a child process", () => {
  it("leaves the opening process's peak memory far below the bootstrap's, and the database works", () => {
    const dir = join(work, "fresh");
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", OPENER, dir], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout) as { peakBytes: number; rows: number };
    expect(out.rows).toBe(1);
    expect(out.peakBytes / MB).toBeLessThan(OPENER_PEAK_BOUND_MB);
    expect(existsSync(join(dir, "pglite", "PG_VERSION"))).toBe(true);
    // No working folder is left beside the database.
    expect(readdirSync(dir).filter((f) => f.includes(".init-"))).toEqual([]);
  }, 180_000);

  it("opens a whole database after the first opener was killed while its child was making it", async () => {
    const dir = join(work, "killed");
    const opener = (args: string[]) =>
      spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", OPENER, dir, ...args], {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      });
    const first = opener([]);
    const exited = new Promise<void>((done) => first.on("exit", () => done()));
    // Killed once its child has started writing the new database beside the folder.
    const deadline = Date.now() + 60_000;
    while (!existsSync(dir) || !readdirSync(dir).some((f) => f.startsWith("pglite.init-"))) {
      if (Date.now() > deadline) throw new Error("the initialisation never started");
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill("SIGKILL");
    await exited;
    expect(existsSync(join(dir, "pglite"))).toBe(false);
    const second = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", OPENER, dir],
      {
        cwd: root,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(second.stderr).toBe("");
    expect((JSON.parse(second.stdout) as { rows: number }).rows).toBe(1);
  }, 180_000);

  it("removes what an interrupted initialisation left, and makes the database in place", async () => {
    const pgDir = join(work, "leftover", "pglite");
    const stale = join(work, "leftover", "pglite.init-0123456789ab");
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, "PG_VERSION"), "17\n");
    mkdirSync(pgDir); // an empty folder counts as no database
    expect(needsInitialisation(pgDir)).toBe(true);
    await initialiseInChild(pgDir, PGlite.defaultStartParams);
    expect(existsSync(stale)).toBe(false);
    expect(needsInitialisation(pgDir)).toBe(false);
    const db = await PGlite.create(pgDir);
    try {
      expect((await db.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("on failure rejects with the child's reason and leaves no database behind", async () => {
    const pgDir = join(work, "failing", "pglite");
    mkdirSync(join(work, "failing"));
    await expect(
      initialiseInChild(pgDir, [...PGlite.defaultStartParams, "-c", "shared_buffers=not-a-size"]),
    ).rejects.toThrow(/making a new database failed/);
    expect(existsSync(pgDir)).toBe(false);
    expect(readdirSync(join(work, "failing"))).toEqual([]);
  }, 120_000);

  it("never takes a folder with content for an absent database", () => {
    const pgDir = join(work, "content", "pglite");
    mkdirSync(pgDir, { recursive: true });
    writeFileSync(join(pgDir, "something"), "kept");
    expect(needsInitialisation(pgDir)).toBe(false);
    expect(needsInitialisation(join(work, "content", "absent"))).toBe(true);
  });
});
