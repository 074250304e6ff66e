import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Sets the calling thread's (not the process's) nice value to `niceness`, so the
 * server's own thread — reading requests, answering `/healthz`, writing finished answers — runs
 * first whenever it has work, and the compute workers take the rest of the cores.
 *
 * On Linux a thread's nice value is its own (setpriority(2) with a thread id), and a thread may
 * always lower its own priority. The thread id is read from `/proc/thread-self`. Elsewhere, or
 * when the system refuses, the thread keeps its priority: scheduling order is a refinement, never
 * a condition for answering, so a refusal comes back as a value, never thrown, and the compute
 * worker goes on at the priority it has.
 */
export function lowerThreadPriority(
  niceness: number,
): { ok: true; tid: number } | { ok: false; reason: string } {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return { ok: false, reason: "no thread id in /proc/thread-self" };
    setPriority(tid, niceness);
    return { ok: true, tid };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
