import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FolderLockLostError, lockFolder } from "./folder-lock.ts";

/**
 * The folder lock within one process, with hand-made records standing for other processes.
 * Races between real processes are in test/robustness/store-lock.test.ts.
 */
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "matchplan-folder-lock-"));
  dirs.push(dir);
  return dir;
}

function proc(): { bootId: string; pidNs: string } | null {
  try {
    return {
      bootId: readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim(),
      pidNs: readlinkSync("/proc/self/ns/pid"),
    };
  } catch {
    return null;
  }
}
const here = proc();

function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
}

/** A lock record as another process would have written it. */
function writeRecord(dir: string, generation: number, fields: Record<string, unknown>): string {
  const path = join(dir, `matchplan.lock.${generation}`);
  writeFileSync(
    path,
    JSON.stringify({
      token: "another-process",
      host: "elsewhere",
      since: "2020-01-01T00:00:00.000Z",
      startTime: null,
      bootId: null,
      pidNs: null,
      ...fields,
    }),
  );
  return path;
}

function generations(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^matchplan\.lock\.\d+$/.test(n));
}

function sleepingChild(): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
  children.push(child);
  return child;
}

describe("the folder lock", () => {
  it("has one holder at a time; a second attempt in the same process is told who holds it", async () => {
    const dir = folder();
    const first = await lockFolder(dir);
    expect(first.ok).toBe(true);
    const second = await lockFolder(dir);
    expect(second).toMatchObject({
      ok: false,
      issue: {
        code: "in-use",
        message: expect.stringMatching(`^in use by process ${process.pid} \\(this process\\)`),
      },
    });
    if (first.ok) first.lock.release();
  });

  it("once released opens again at once; release marks the record and leaves the highest generation in place", async () => {
    const dir = folder();
    const first = await lockFolder(dir);
    if (!first.ok) throw new Error(first.issue.message);
    first.lock.release();
    expect(generations(dir)).toEqual(["matchplan.lock.1"]);
    expect(JSON.parse(readFileSync(join(dir, "matchplan.lock.1"), "utf8")).released).toEqual(
      expect.any(String),
    );
    const again = await lockFolder(dir);
    expect(again.ok).toBe(true);
    // The winner removes the generations below its own.
    expect(generations(dir)).toEqual(["matchplan.lock.2"]);
    if (again.ok) again.lock.release();
  });

  it.skipIf(!here)("takes over at once a record whose process has exited", async () => {
    const dir = folder();
    const exited = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeRecord(dir, 1, { pid: Number(exited.stdout.trim()), startTime: "1", ...here });
    const result = await lockFolder(dir);
    expect(result.ok).toBe(true);
    if (result.ok) result.lock.release();
  });

  it.skipIf(!here)(
    "keeps the folder for a live owner whose start time matches, not for a later process given its pid",
    async () => {
      const owner = sleepingChild();
      const pid = owner.pid ?? 0;
      await expect.poll(() => existsSync(`/proc/${pid}/stat`)).toBe(true);
      const live = folder();
      writeRecord(live, 1, { pid, startTime: startTimeOf(pid), ...here });
      expect(await lockFolder(live)).toMatchObject({
        ok: false,
        issue: { code: "in-use", message: expect.stringMatching(`^in use by process ${pid} on elsewhere`) },
      });
      // The same pid with another start time is a process that got the pid after the owner died.
      const reused = folder();
      writeRecord(reused, 1, { pid, startTime: "1", ...here });
      const result = await lockFolder(reused);
      expect(result.ok).toBe(true);
      if (result.ok) result.lock.release();
    },
  );

  it.skipIf(!here)(
    "after a restart that reuses the pid, takes this version's record and an earlier version's pid file",
    async () => {
      const dir = folder();
      writeFileSync(join(dir, "matchplan.lock"), String(process.pid));
      writeRecord(dir, 1, { pid: process.pid, startTime: "1", ...here });
      const result = await lockFolder(dir);
      expect(result.ok).toBe(true);
      expect(readdirSync(dir)).toEqual(["matchplan.lock.2"]);
      if (result.ok) result.lock.release();
    },
  );

  it("keeps the folder while an earlier version's pid file names another live process", async () => {
    const dir = folder();
    const old = sleepingChild();
    writeFileSync(join(dir, "matchplan.lock"), String(old.pid));
    expect(await lockFolder(dir)).toMatchObject({
      ok: false,
      issue: { code: "in-use", message: expect.stringContaining(`in use by process ${old.pid}`) },
    });
  });

  describe("an owner it cannot see (another pid namespace or host) is judged by its lease", () => {
    const leaseMs = 600;

    it("an owner that renews keeps the folder", async () => {
      const dir = folder();
      const path = writeRecord(dir, 1, { pid: 1, bootId: "another-boot", pidNs: "pid:[1]" });
      const renewing = setInterval(() => {
        const now = new Date();
        utimesSync(path, now, now);
      }, leaseMs / 10);
      try {
        expect(await lockFolder(dir, { leaseMs })).toMatchObject({
          ok: false,
          issue: { code: "in-use", message: expect.stringMatching(/renewed its lease/) },
        });
      } finally {
        clearInterval(renewing);
      }
    });

    it("an owner that stopped renewing loses the folder after one lease", async () => {
      const dir = folder();
      writeRecord(dir, 1, { pid: 1, bootId: "another-boot", pidNs: "pid:[1]" });
      const result = await lockFolder(dir, { leaseMs });
      expect(result.ok).toBe(true);
      if (result.ok) result.lock.release();
    });

    it("an unreadable record is judged the same way", async () => {
      const dir = folder();
      writeFileSync(join(dir, "matchplan.lock.1"), "{ half a rec");
      const result = await lockFolder(dir, { leaseMs });
      expect(result.ok).toBe(true);
      if (result.ok) result.lock.release();
    });
  });

  it("renews its heartbeat from a worker thread while the main thread is blocked", async () => {
    const dir = folder();
    const leaseMs = 500;
    const result = await lockFolder(dir, { leaseMs });
    if (!result.ok) throw new Error(result.issue.message);
    const path = join(dir, "matchplan.lock.1");
    const before = statSync(path).mtimeMs;
    const blockedUntil = Date.now() + leaseMs * 4;
    while (Date.now() < blockedUntil) {
      // A computation that never yields.
    }
    expect(statSync(path).mtimeMs).toBeGreaterThan(before);
    result.lock.release();
  });

  it("notices when another process took the folder, refuses to go on, and leaves the successor's record alone", async () => {
    const dir = folder();
    const leaseMs = 200;
    const result = await lockFolder(dir, { leaseMs });
    if (!result.ok) throw new Error(result.issue.message);
    result.lock.assertHeld();
    const successor = writeRecord(dir, 2, { pid: 1, bootId: "another-boot", pidNs: "pid:[1]" });
    const written = readFileSync(successor, "utf8");
    await new Promise((resolve) => setTimeout(resolve, leaseMs / 5));
    expect(() => result.lock.assertHeld()).toThrow(FolderLockLostError);
    result.lock.release();
    expect(readFileSync(successor, "utf8")).toBe(written);
  });

  it("fails naming the folder when it cannot be listed", async () => {
    const missing = join(folder(), "missing");
    expect(await lockFolder(missing)).toMatchObject({
      ok: false,
      issue: { code: "unlockable", message: expect.stringContaining(missing) },
    });
  });
});
