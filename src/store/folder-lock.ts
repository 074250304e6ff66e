import { randomUUID } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Single-writer ownership of a folder (the embedded database's), shared by processes that may
 * start at the same instant, crash at any point, or come back with the same pid.
 *
 * Problem. PGlite has no multi-process access: two processes writing one folder lose each
 * other's acknowledged writes. A lock file holding a pid is not enough: (1) a restarted
 * container's process gets the pid its predecessor had (1 when node is the entrypoint), so
 * "is that pid alive?" answers yes about itself; (2) taking over a stale lock by read → delete
 * → create lets a second process delete the first one's fresh lock, and both open.
 *
 * Primitive. The lock is a series of generation files `matchplan.lock.<n>` (n = 1, 2, …); the
 * owner is whoever holds the highest one. A generation is claimed with link(2) of a complete,
 * fsynced temporary file onto its name: link fails with EEXIST if the name exists, so of any
 * number of processes claiming generation n, exactly one succeeds, and nobody ever reads a
 * half-written record (link is also the exclusive create that works on NFS). The record holds
 * a random token, the pid, the process start time (/proc/<pid>/stat field 22), the kernel boot
 * id and the pid namespace, and its mtime is a heartbeat the owner renews.
 *
 * Steps of `lockFolder`:
 *  1. List the folder; take the highest generation g (none: claim n = 1).
 *  2. Judge g's record: released by its owner → stale. Same boot and pid namespace as ours →
 *     the owner is alive iff /proc/<pid>/stat exists, is not a zombie and shows the recorded
 *     start time; a record with our own pid but another start time is a previous incarnation
 *     (a restarted container), so stale. Otherwise (another pid namespace or host, no /proc)
 *     we cannot see the owner and trust its lease: we watch the heartbeat for one lease; if it
 *     moves, the owner is alive; if not, it is stale.
 *  3. Alive → fail, naming the owner. Stale → claim n = g + 1 by link. EEXIST → another
 *     process claimed it first: go back to step 1 (and now find that winner alive).
 *  4. List again: if a generation above n exists we lost (see below); remove ours, go back to 1.
 *  5. Won: remove the generations below n (and a legacy pid file) and start the heartbeat.
 *
 * Why take-over is atomic. No step deletes the highest generation: an owner releases by
 * atomically replacing its record with one marked released (rename), a winner deletes only
 * generations below its own, and a process backing off in step 4 deletes only its own, which
 * is below the highest. So the highest existing number never decreases. Say P passed step 4
 * with n. A claim of m < n cannot pass step 4 after that: its listing shows n. A claim above n
 * must first be of n + 1 (any higher number needs a listed generation above n, which P's own
 * listing would have shown or which must itself come from claiming n + 1), and claiming n + 1
 * needs P's record judged stale, which it cannot be while P runs (same namespace) or renews
 * (lease). Two processes that judged the same stale g both link g + 1; the kernel lets one
 * through, and the other finds the winner alive. Release renames only after checking that the
 * highest generation is still ours with our token, so it never touches a successor's record.
 * Deleting lock files by hand while a process holds the folder defeats all of this.
 *
 * The lease. A process that cannot see the owner's pid (another container's pid namespace on
 * a shared volume, or a system without /proc) can only trust a heartbeat: the owner touches
 * its generation file every lease ÷ 10 from a worker thread, so a main thread busy for minutes
 * still renews. Observers measure one lease on their own clock instead of comparing the mtime
 * with it, so clocks that disagree do not matter; a heartbeat older than LONG_EXPIRED_LEASES
 * leases by our clock is taken as dead without waiting.
 *
 * Not modelled, deliberately: a whole process frozen (SIGSTOP, a paused container, a suspended
 * machine) for longer than a lease while a process in another pid namespace waits for the
 * folder can lose it; the frozen owner notices at its next `assertHeld` and refuses to go on,
 * but a write already running when it froze may land. Same-namespace processes never rely on
 * the lease, so they are not exposed to this. A `matchplan.lock` pid file from earlier
 * versions is honoured only while it names a live process other than us; stop an older
 * version before starting this one on the same folder.
 */

export interface FolderLock {
  /** Throws FolderLockLostError if another process has taken the folder (checked at most once a renewal period). */
  assertHeld(): void;
  /** Marks the lock released if it is still ours; never touches a successor's lock. */
  release(): void;
}

export type LockResult =
  | { ok: true; lock: FolderLock }
  | { ok: false; issue: { code: "in-use" | "unlockable"; message: string } };

export interface LockOptions {
  /** How long an owner that cannot be seen by pid keeps the folder without renewing (ms). */
  leaseMs?: number;
}

/** The folder was taken by another process while this one held it; writing on would lose data. */
export class FolderLockLostError extends Error {
  constructor(dir: string) {
    super(`the lock on ${dir} was taken by another process; this process no longer writes there`);
    this.name = "FolderLockLostError";
  }
}

/**
 * 10 s: long enough that a renewal every second from a worker thread survives a loaded machine
 * (ten missed renewals in a row), short enough that a container restarted in a new pid
 * namespace waits at most this long for its predecessor's lock.
 */
const LEASE_MS = 10_000;
/** Renewals per lease; see LEASE_MS. */
const RENEWALS_PER_LEASE = 10;
/** A heartbeat this many leases old is dead even if two machines' clocks disagree by minutes. */
const LONG_EXPIRED_LEASES = 60;
/** 10 min: a claim's temporary file lives for microseconds; one this old was left by a crash. */
const STRAY_TEMP_MS = 600_000;
/** Each retry follows a concurrent change; this many in a row means something keeps interfering. */
const MAX_ATTEMPTS = 50;

const PREFIX = "matchplan.lock.";
const GENERATION = /^matchplan\.lock\.(\d+)$/;
const TEMP_PREFIX = "matchplan.lock.tmp.";
const LEGACY = "matchplan.lock";

/** What the lock file records about its owner. */
interface OwnerRecord {
  token: string;
  pid: number;
  /** Start time of the process in clock ticks since boot; null without /proc. */
  startTime: string | null;
  bootId: string | null;
  /** e.g. "pid:[4026531836]"; null without /proc. */
  pidNs: string | null;
  host: string;
  since: string;
  /** Set when the owner let go; such a record is free to take over. */
  released?: string;
}

type Identity = Pick<OwnerRecord, "pid" | "startTime" | "bootId" | "pidNs" | "host">;

export async function lockFolder(dir: string, opts: LockOptions = {}): Promise<LockResult> {
  try {
    return await claim(dir, opts);
  } catch (e) {
    return unlockable(dir, (e as Error).message);
  }
}

function unlockable(dir: string, why: string): LockResult {
  return { ok: false, issue: { code: "unlockable", message: `cannot lock the data folder ${dir}: ${why}` } };
}

async function claim(dir: string, opts: LockOptions): Promise<LockResult> {
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const me = identity();
  const record: OwnerRecord = { token: randomUUID(), ...me, since: new Date().toISOString() };
  // A foreign record seen unrenewed for a whole lease: name, token and heartbeat.
  let seenStale = "";
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const names = readdirSync(dir);
    if (attempt === 0) {
      const legacy = legacyOwner(dir, names);
      if (legacy !== null) {
        return inUse(
          `in use by process ${legacy} (its lock file ${join(dir, LEGACY)} comes from an earlier version; if no such process runs MatchPlan, delete that file)`,
        );
      }
    }
    const top = highest(names);
    let next = 1;
    if (top) {
      const path = join(dir, top.name);
      const seen = readRecord(path);
      if (seen === "gone") continue;
      const key = `${top.name} ${seen.record?.token} ${seen.mtimeMs}`;
      const verdict = judge(seen.record, me);
      if (verdict === "alive") return inUse(describeOwner(seen.record, me));
      if (verdict === "unknown" && key !== seenStale) {
        if (Date.now() - seen.mtimeMs <= leaseMs * LONG_EXPIRED_LEASES) {
          const watched = await watchHeartbeat(path, seen, leaseMs);
          if (watched === "renewed") {
            return inUse(
              `${describeOwner(seen.record, me)}, which renewed its lease while this process waited`,
            );
          }
          if (watched === "changed") continue;
        }
        seenStale = key;
        continue;
      }
      next = top.generation + 1;
    }

    const mine = join(dir, `${PREFIX}${next}`);
    const temp = join(dir, `${TEMP_PREFIX}${record.token}`);
    try {
      writeComplete(temp, `${JSON.stringify(record)}\n`);
      linkSync(temp, mine);
    } catch (e) {
      removeQuietly(temp);
      if ((e as NodeJS.ErrnoException).code === "EEXIST") continue; // another process claimed it first
      throw e;
    }
    removeQuietly(temp);
    // A late process may have claimed a lower number that was deleted; the highest one counts.
    if (highest(listing(dir))?.generation !== next) {
      if (tokenAt(mine) === record.token) removeQuietly(mine);
      continue;
    }
    tidy(dir, next);
    return { ok: true, lock: new HeldLock(dir, next, record.token, leaseMs / RENEWALS_PER_LEASE) };
  }
  return unlockable(dir, `its lock kept changing through ${MAX_ATTEMPTS} attempts`);
}

function inUse(message: string): LockResult {
  return { ok: false, issue: { code: "in-use", message } };
}

class HeldLock implements FolderLock {
  readonly #path: string;
  #lastCheck = performance.now();
  #state: "held" | "lost" | "released" = "held";

  constructor(
    private readonly dir: string,
    private readonly generation: number,
    private readonly token: string,
    private readonly renewMs: number,
  ) {
    this.#path = join(dir, `${PREFIX}${generation}`);
    heartbeat(renewMs, "add", this.#path);
  }

  assertHeld(): void {
    if (this.#state === "released") throw new Error(`the lock on ${this.dir} was released`);
    if (this.#state === "lost") throw new FolderLockLostError(this.dir);
    if (performance.now() - this.#lastCheck < this.renewMs) return;
    if (!this.#stillOurs()) {
      this.#state = "lost";
      heartbeat(this.renewMs, "remove", this.#path);
      throw new FolderLockLostError(this.dir);
    }
    touch(this.#path);
    this.#lastCheck = performance.now();
  }

  release(): void {
    if (this.#state === "released") return;
    const held = this.#state === "held";
    this.#state = "released";
    heartbeat(this.renewMs, "remove", this.#path);
    if (!held || !this.#stillOurs()) return;
    const temp = join(this.dir, `${TEMP_PREFIX}${this.token}`);
    try {
      const seen = readRecord(this.#path);
      if (seen === "gone" || !seen.record) return;
      writeComplete(temp, `${JSON.stringify({ ...seen.record, released: new Date().toISOString() })}\n`);
      renameSync(temp, this.#path);
    } catch {
      // The folder went away or became unwritable: nothing left to release.
      removeQuietly(temp);
    }
  }

  #stillOurs(): boolean {
    return highest(listing(this.dir))?.generation === this.generation && tokenAt(this.#path) === this.token;
  }
}

/** "alive": the owner runs; "stale": it does not; "unknown": we cannot see it and must trust its lease. */
function judge(record: OwnerRecord | null, me: Identity): "alive" | "stale" | "unknown" {
  if (!record) return "unknown";
  if (record.released) return "stale";
  const sameSpace =
    record.bootId !== null &&
    record.pidNs !== null &&
    record.bootId === me.bootId &&
    record.pidNs === me.pidNs;
  if (!sameSpace) return "unknown";
  if (record.pid === me.pid) return record.startTime === me.startTime ? "alive" : "stale";
  const stat = procStat(record.pid);
  if (stat === "gone") return "stale";
  if (stat === "unknown") return "unknown";
  if (stat.state === "Z" || stat.state === "X") return "stale";
  return stat.startTime === record.startTime ? "alive" : "stale";
}

function describeOwner(record: OwnerRecord | null, me: Identity): string {
  if (!record) return "in use by a process whose lock record cannot be read";
  const where = record.host === me.host ? "" : ` on ${record.host}`;
  const self = record.pid === me.pid && record.startTime === me.startTime ? " (this process)" : "";
  return `in use by process ${record.pid}${where}${self} since ${record.since}`;
}

/**
 * Watches a record we cannot judge for one lease on our own clock: "renewed" if its owner
 * touched it, "changed" if it was replaced or removed, "expired" if nothing happened.
 */
async function watchHeartbeat(
  path: string,
  seen: { record: OwnerRecord | null; mtimeMs: number },
  leaseMs: number,
): Promise<"renewed" | "changed" | "expired"> {
  const started = performance.now();
  const pollMs = leaseMs / RENEWALS_PER_LEASE / 2;
  while (performance.now() - started < leaseMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const now = readRecord(path);
    if (now === "gone" || now.record?.token !== seen.record?.token || now.record?.released) return "changed";
    if (now.mtimeMs !== seen.mtimeMs) return "renewed";
  }
  return "expired";
}

function highest(names: readonly string[]): { name: string; generation: number } | null {
  let top: { name: string; generation: number } | null = null;
  for (const name of names) {
    const m = GENERATION.exec(name);
    if (m?.[1] && (!top || Number(m[1]) > top.generation)) top = { name, generation: Number(m[1]) };
  }
  return top;
}

/** A generation file's record (null if unreadable: judged by its lease) and its heartbeat. */
function readRecord(path: string): { record: OwnerRecord | null; mtimeMs: number } | "gone" {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw e; // a lock we cannot even stat: lockFolder reports it
  }
  try {
    return { record: parseRecord(readFileSync(path, "utf8")), mtimeMs };
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : { record: null, mtimeMs };
  }
}

function parseRecord(text: string): OwnerRecord | null {
  try {
    const r = JSON.parse(text) as Partial<OwnerRecord>;
    return typeof r.token === "string" && Number.isInteger(r.pid) ? (r as OwnerRecord) : null;
  } catch {
    return null;
  }
}

function tokenAt(path: string): string | undefined {
  try {
    const seen = readRecord(path);
    return seen === "gone" ? undefined : seen.record?.token;
  } catch {
    return undefined;
  }
}

/** The folder's names; none if it cannot be read (the caller's next step then fails visibly). */
function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes what a winner may remove: lower generations, a legacy pid file, stray temporaries. */
function tidy(dir: string, generation: number): void {
  for (const name of listing(dir)) {
    const m = GENERATION.exec(name);
    const path = join(dir, name);
    if ((m?.[1] && Number(m[1]) < generation) || name === LEGACY) removeQuietly(path);
    else if (name.startsWith(TEMP_PREFIX)) {
      try {
        if (Date.now() - statSync(path).mtimeMs > STRAY_TEMP_MS) removeQuietly(path);
      } catch {
        // Already gone.
      }
    }
  }
}

/** The pid in an earlier version's `matchplan.lock`, if it names a live process other than us. */
function legacyOwner(dir: string, names: readonly string[]): number | null {
  if (!names.includes(LEGACY)) return null;
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, LEGACY), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

function writeComplete(path: string, text: string): void {
  const fd = openSync(path, "wx");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function touch(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    // Removed by a successor: assertHeld reports that.
  }
}

/** This process as a lock record sees it; the /proc fields are null where /proc is not ours. */
function identity(): Identity {
  const host = hostname();
  const self = procStat("self");
  // /proc mounted from another pid namespace shows other processes under our pids: unusable.
  if (typeof self === "string" || self.pid !== process.pid) {
    return { pid: process.pid, startTime: null, bootId: null, pidNs: null, host };
  }
  let bootId: string | null = null;
  let pidNs: string | null = null;
  try {
    bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    pidNs = readlinkSync("/proc/self/ns/pid");
  } catch {
    return { pid: process.pid, startTime: null, bootId: null, pidNs: null, host };
  }
  return { pid: process.pid, startTime: self.startTime, bootId, pidNs, host };
}

/** Fields of /proc/<pid>/stat (proc(5)): "gone" if no such process, "unknown" if we cannot tell. */
function procStat(
  pid: number | "self",
): { pid: number; state: string; startTime: string } | "gone" | "unknown" {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (e) {
    if (pid === "self" || (e as NodeJS.ErrnoException).code !== "ENOENT") return "unknown";
    // Missing from /proc: gone, unless /proc hides other users' processes (hidepid).
    try {
      process.kill(pid, 0);
      return "unknown";
    } catch (k) {
      return (k as NodeJS.ErrnoException).code === "ESRCH" ? "gone" : "unknown";
    }
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
  const after = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = after[0];
  const startTime = after[22 - 3];
  if (!state || !startTime) return "unknown";
  return { pid: Number(text.slice(0, text.indexOf(" "))), state, startTime };
}

const HEARTBEAT_SOURCE = `const { parentPort, workerData } = require("node:worker_threads");
const { utimesSync } = require("node:fs");
const paths = new Set(workerData.paths);
parentPort.on("message", (m) => { if (m.add) paths.add(m.add); if (m.remove) paths.delete(m.remove); });
setInterval(() => {
  const now = new Date();
  for (const p of paths) { try { utimesSync(p, now, now); } catch {} }
}, workerData.everyMs);`;

interface Heartbeat {
  worker: Worker;
  paths: Set<string>;
}
const heartbeats = new Map<number, Heartbeat>();

/**
 * One worker thread per renewal period touches every lock this process holds, so a main
 * thread blocked by a long computation still renews its leases. Unreferenced: it never keeps
 * the process alive.
 */
function heartbeat(everyMs: number, op: "add" | "remove", path: string): void {
  const beat = heartbeats.get(everyMs) ?? startHeartbeat(everyMs, new Set());
  if (op === "add") beat.paths.add(path);
  else beat.paths.delete(path);
  beat.worker.postMessage({ [op]: path });
}

function startHeartbeat(everyMs: number, paths: Set<string>): Heartbeat {
  const worker = new Worker(HEARTBEAT_SOURCE, {
    eval: true,
    // Plain CommonJS: skip the loaders the main thread was started with.
    execArgv: [],
    workerData: { everyMs, paths: [...paths] },
  });
  worker.unref();
  const beat = { worker, paths };
  heartbeats.set(everyMs, beat);
  // Without renewals an observer in another pid namespace would take a folder we still use.
  worker.on("error", () => {
    if (heartbeats.get(everyMs) === beat) startHeartbeat(everyMs, paths);
  });
  return beat;
}
