import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { lockFolder } from "../../src/store/folder-lock.ts";
import { openPglite } from "../../src/store/pglite-database.ts";

/**
 * One contender in the folder-lock tests, run as its own process (store-lock.test.ts spawns it).
 * It reports on stdout, one JSON object a line, and waits for the start signal by spinning on a
 * file's existence so that two contenders leave the starting line within microseconds.
 *
 *   race <root> <trials>   for each trial i: report ready, wait for <root>/go-<i>, lock
 *                          <root>/<i>, report the outcome, wait for a line on stdin, release.
 *   hold <dir>             lock the folder and exit without releasing (a crash).
 *   store-race <dir> <go> <writes>
 *                          open the store in <dir> when <go> appears; if it opens, insert
 *                          <writes> rows one by one, each awaited, then close.
 *   store-crash <dir>      open the store, insert one row, exit without closing.
 *   store-count <dir>      open the store and report its row count.
 */

const TABLE = "CREATE TABLE IF NOT EXISTS writes (writer text NOT NULL, n int NOT NULL)";

/** 30 s: longer than any start on a loaded machine; a contender that never sees the signal fails. */
const START_SIGNAL_WAIT_MS = 30_000;

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function spinUntil(path: string): void {
  const deadline = Date.now() + START_SIGNAL_WAIT_MS;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`no start signal at ${path}`);
  }
}

async function race(root: string, trials: number): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  for (let i = 0; i < trials; i++) {
    say({ trial: i, ready: true });
    spinUntil(join(root, `go-${i}`));
    const result = await lockFolder(join(root, String(i)));
    say({ trial: i, won: result.ok, message: result.ok ? "" : result.issue.message });
    await lines.next();
    if (result.ok) result.lock.release();
  }
  process.exit(0);
}

async function storeRace(dir: string, go: string, writes: number): Promise<void> {
  say({ ready: true });
  spinUntil(go);
  let db: Awaited<ReturnType<typeof openPglite>>;
  try {
    db = await openPglite({ dataDir: dir });
  } catch (e) {
    say({ opened: false, error: `${(e as Error).name}: ${(e as Error).message}` });
    return;
  }
  let acknowledged = 0;
  for (let n = 0; n < writes; n++) {
    await db.query("INSERT INTO writes (writer, n) VALUES ($1, $2)", [String(process.pid), n]);
    acknowledged++;
  }
  await db.close();
  say({ opened: true, writer: String(process.pid), acknowledged });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "race") await race(args[0] ?? "", Number(args[1]));
else if (mode === "hold") {
  const result = await lockFolder(args[0] ?? "");
  say({ held: result.ok });
  process.exit(0);
} else if (mode === "store-race") await storeRace(args[0] ?? "", args[1] ?? "", Number(args[2]));
else if (mode === "store-crash") {
  const db = await openPglite({ dataDir: args[0] ?? "" });
  await db.exec(TABLE);
  await db.query("INSERT INTO writes (writer, n) VALUES ('before', 0)");
  say({ written: 1 });
  process.exit(0);
} else if (mode === "store-count") {
  const db = await openPglite({ dataDir: args[0] ?? "" });
  const rows = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM writes");
  await db.close();
  say({ count: rows[0]?.count });
} else throw new Error(`unknown mode ${mode}`);
