import { execFileSync } from "node:child_process";
import { getPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A compute worker lowers its own thread's priority and nothing else's. Run in a child process
 * whose worker thread calls lowerThreadPriority, so this test's own threads keep theirs.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const script = `
import { Worker } from "node:worker_threads";
import { getPriority } from "node:os";
const w = new Worker(\`
  import { parentPort } from "node:worker_threads";
  import { getPriority } from "node:os";
  const { register } = await import("tsx/esm/api");
  register();
  const { lowerThreadPriority } = await import(\${JSON.stringify(new URL("./src/server/compute/thread-priority.ts", "file://${root}").href)});
  const r = lowerThreadPriority(10);
  parentPort.postMessage({ r, after: r.ok ? getPriority(r.tid) : null });
\`, { eval: true });
w.once("message", (m) => { console.log(JSON.stringify({ ...m, main: getPriority(process.pid) })); w.terminate(); });
`;

describe("lowerThreadPriority", () => {
  it.runIf(process.platform === "linux" && getPriority(process.pid) <= 10)(
    "lowers the calling worker thread's priority, not the process's",
    () => {
      const before = getPriority(process.pid);
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: root,
        encoding: "utf8",
      });
      const m = JSON.parse(out.trim().split("\n").pop() as string) as {
        r: { ok: boolean; tid?: number };
        after: number | null;
        main: number;
      };
      expect(m.r.ok).toBe(true);
      // A nice value is set, not added: 10, from a process at 10 or less.
      expect(m.after).toBe(10);
      expect(m.main).toBe(before);
    },
  );
});
