import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";

/**
 * A new embedded database is made in a child process, then opened by the server.
 *
 * Why. PGlite makes a new database by running PostgreSQL's bootstrap inside its WebAssembly
 * heap, and a WebAssembly heap never shrinks: a process that made its database in-process kept
 * 520–570 MB resident for its whole life, where one that opened the same database afterwards held
 * 118–128 MB (measured with this module's settings; the server as a whole: 798 MB resident after
 * its first start, 327 MB after any later one). The child pays the bootstrap's memory (a peak of
 * about 670 MB, its own) and exits; the server opens what it made.
 *
 * Atomic. The child builds the database in a sibling folder with a random suffix; only after it
 * exits cleanly does the caller (who holds the folder lock) rename it into place. A crash at any
 * point leaves either no database or a whole one, never a half-made one that the next start
 * would take for a database. Leftover sibling folders from a crash are removed on the next
 * initialisation.
 */

/** The child: loads PGlite (its CommonJS build, path given), makes the database, closes it. */
const CHILD_SOURCE = `
// Only the first WebAssembly function of a module is optimised (the server's setting): the
// bootstrap runs about half a second faster and peaks about 120 MB lower, measured.
require("node:v8").setFlagsFromString("--wasm-tier-up-filter=0");
// The parent holds the other end of stdin: when it dies, stop (its next start removes the folder).
process.stdin.on("end", () => process.exit(1));
process.stdin.resume();
const [pglitePath, dataDir, params] = process.argv.slice(1);
const { PGlite } = require(pglitePath);
PGlite.create(dataDir, { startParams: JSON.parse(params) })
  .then((db) => db.close())
  .then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(String((e && e.message) || e));
      process.exit(1);
    },
  );
`;

/** 120 s: the bootstrap takes 2–4 s here; far beyond that, something is stuck. */
const INIT_TIMEOUT_MS = 120_000;
/** Of the child's error output, what an error message carries. */
const STDERR_KEPT_CHARS = 2_000;

const INIT_SUFFIX = ".init-";

/** True when `pgDir` holds no database yet and nothing else: absent, or an empty folder. */
export function needsInitialisation(pgDir: string): boolean {
  if (!existsSync(pgDir)) return true;
  try {
    return readdirSync(pgDir).length === 0;
  } catch {
    return false; // not a folder: let PGlite say what is wrong with it
  }
}

/**
 * Makes a new database at `pgDir` (which must be absent or empty) in a child process. The caller
 * must hold the folder's lock. Rejects with the child's own error text.
 */
export async function initialiseInChild(pgDir: string, startParams: readonly string[]): Promise<void> {
  const parent = dirname(pgDir);
  const name = basename(pgDir);
  removeLeftovers(parent, name);
  const temp = join(parent, `${name}${INIT_SUFFIX}${randomBytes(6).toString("hex")}`);
  try {
    await runChild(temp, startParams);
    renameSync(temp, pgDir);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  syncFolder(parent);
}

function runChild(dataDir: string, startParams: readonly string[]): Promise<void> {
  const pglitePath = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ["-e", CHILD_SOURCE, pglitePath, dataDir, JSON.stringify(startParams)],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < STDERR_KEPT_CHARS) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), INIT_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else {
        const why =
          stderr.trim().slice(0, STDERR_KEPT_CHARS) ||
          (signal ? `stopped by ${signal}` : `exit code ${code}`);
        reject(new Error(`making a new database failed: ${why}`));
      }
    });
  });
}

function removeLeftovers(parent: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(`${name}${INIT_SUFFIX}`)) continue;
    try {
      rmSync(join(parent, entry), { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A child whose parent died may still be writing there; what is left is removed next time.
    }
  }
}

/** The rename is on disk once the folder holding it is (where the system lets a folder be synced). */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return; // Windows cannot open a folder as a file; its renames are durable without it
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
