import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { failedStart, startServer } from "./support/server-process.ts";

/**
 * `npm start` with zero configuration serves the API over the embedded database in a local
 * folder and stops cleanly on a signal; a bad setting or an unreachable database stops the
 * start with one line naming the setting and a non-zero exit code.
 */
const dir = mkdtempSync(join(tmpdir(), "matchplan-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The folder's lock records (src/store/folder-lock.ts): one per generation file. */
const lockRecords = () =>
  readdirSync(dir)
    .filter((name) => /^matchplan\.lock\.\d+$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as { released?: string });

describe("starting the server", () => {
  it("serves the API over the embedded database, keeps a saved plan across a restart, and stops on SIGINT", async () => {
    const first = await startServer({ MATCHPLAN_DATA_DIR_STORE: dir });
    const health = await fetch(`${first.url}/healthz`).then((r) => r.json());
    expect(health).toEqual({ status: "ok", store: "pglite" });
    const created = await fetch(`${first.url}/api/v1/plans`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        profile: {
          applicantType: "us-md",
          graduationYear: 2026,
          visa: "none-needed",
          step1: { outcome: "pass", attempts: 1 },
          step2ck: { score: null },
        },
        specialty: "internal-medicine",
      }),
    }).then((r) => r.json());
    expect(lockRecords()).toEqual([expect.not.objectContaining({ released: expect.anything() })]);
    first.child.kill("SIGINT");
    expect(await new Promise((r) => first.child.on("exit", r))).toBe(0);
    // The store was closed: the folder's lock is marked released.
    expect(lockRecords()).toEqual([expect.objectContaining({ released: expect.any(String) })]);

    const second = await startServer({ MATCHPLAN_DATA_DIR_STORE: dir });
    const read = await fetch(`${second.url}/api/v1/plans/${created.id}`);
    expect(read.status).toBe(200);
    expect(await second.stop()).toBe(0);
  }, 120_000);

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ DATABASE_URL: "mysql://db.example.org/x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "postgres://nobody:hunter2@127.0.0.1:9/none" }, "DATABASE_URL"],
    [{ CORS_ORIGINS: "not an origin" }, "CORS_ORIGINS"],
  ])(
    "refuses to start with %j: one line naming %s, exit code 2",
    async (env, setting) => {
      const r = await failedStart({ MATCHPLAN_DATA_DIR_STORE: dir, ...env });
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${setting}:`);
      expect(r.stderr).not.toContain("hunter2");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
