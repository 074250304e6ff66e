import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./server-process.ts";

/**
 * Kill the server with SIGKILL in the middle of a stream of saves, restart it on the same
 * store, and read every save that was acknowledged: it must be there, whole and unchanged.
 */
const profile = (i: number) => ({
  applicantType: "non-us-img",
  graduationYear: 2015 + (i % 10),
  visa: "j1",
  step1: { outcome: "pass", attempts: 1 },
  step2ck: { score: 200 + (i % 80), attempts: 1 },
});

/** JSON with object keys sorted, so stored and sent values compare whatever order the database keeps. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function saveUntilKilled(server: RunningServer, killAfter: number) {
  const acknowledged = new Map<string, string>();
  let sent = 0;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const i = sent++;
      const body = JSON.stringify({
        profile: profile(i),
        specialty: "diagnostic-radiology",
        practiceLog: [],
        programs: [],
      });
      try {
        const r = await fetch(`${server.url}/api/v1/plans`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        if (r.status === 201) {
          const saved = (await r.json()) as { id: string };
          acknowledged.set(saved.id, canonical(profile(i)));
          if (acknowledged.size >= killAfter && !killed) {
            killed = true;
            server.child.kill("SIGKILL");
          }
        }
      } catch {
        return; // the connection died with the server
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await server.stop("SIGKILL");
  return { acknowledged, sent };
}

async function verify(server: RunningServer, acknowledged: Map<string, string>) {
  let found = 0;
  let corrupt = 0;
  for (const [id, expected] of acknowledged) {
    const r = await fetch(`${server.url}/api/v1/plans/${id}`);
    if (r.status !== 200) continue;
    found++;
    const plan = (await r.json()) as { profile?: unknown; specialty?: string };
    if (canonical(plan.profile) !== expected || plan.specialty !== "diagnostic-radiology") corrupt++;
  }
  return { found, corrupt };
}

const cases: Array<{ name: string; env: () => Record<string, string> }> = [];
const dir = mkdtempSync(join(tmpdir(), "matchplan-durability-"));
cases.push({
  name: "embedded store (PGlite)",
  env: () => ({ MATCHPLAN_DATA_DIR_STORE: join(dir, "store") }),
});
cases.push({
  name: "PostgreSQL",
  env: () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url)
      throw new Error(
        "TEST_DATABASE_URL is not set: run the suite with scripts/with-test-services.sh (npm test)",
      );
    return { DATABASE_URL: url };
  },
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("durability: SIGKILL during a stream of saves", () => {
  for (const c of cases) {
    it(`${c.name}: every acknowledged save survives, none is corrupt`, async () => {
      const env = c.env();
      const first = await startServer(env);
      const { acknowledged, sent } = await saveUntilKilled(first, 200);
      const second = await startServer(env);
      try {
        const { found, corrupt } = await verify(second, acknowledged);
        console.log(
          `durability (${c.name}): sent ${sent}, acknowledged ${acknowledged.size}, found ${found}, lost ${acknowledged.size - found}, corrupt ${corrupt}`,
        );
        expect(acknowledged.size).toBeGreaterThanOrEqual(200);
        expect(found).toBe(acknowledged.size);
        expect(corrupt).toBe(0);
      } finally {
        await second.stop();
      }
    }, 180_000);
  }
});
