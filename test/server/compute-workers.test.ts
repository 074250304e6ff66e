import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { distinctPlanBodies } from "../../bench/distinct-bodies.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { repositorySeasonData } from "../../src/io/load-season-model.ts";
import { createApp } from "../../src/server/app.ts";
import { type Compute, ComputePool } from "../../src/server/compute/compute-pool.ts";
import type { TaskName } from "../../src/server/compute/compute-tasks.ts";
import { shareComputeData } from "../../src/server/compute/worker-data.ts";
import type { Store } from "../../src/store/store.ts";
import { failedStart, startServer } from "./support/server-process.ts";
import { memoryStore, STORE_START_MS, send, TODAY, testApp, unusedStore } from "./support/test-app.ts";

/**
 * The compute routes on a worker pool: a full queue is a 503 with Retry-After, a computation
 * whose worker crashed is a 500, and both are problem+json with the server answering the next
 * request; a saved plan read again at the same date is answered from memory without a worker; the
 * real server computes on its workers exactly what it computes in-process, and a bad
 * COMPUTE_WORKERS stops the start with one line naming it.
 */
const profile = JSON.parse(
  readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
);
const planBody = { profile, specialty: "diagnostic-radiology", asOf: TODAY };
const scripted = new URL("./support/scripted-compute-worker.mjs", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "matchplan-compute-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function appOn(compute: Compute, store: Store = unusedStore) {
  const lines: string[] = [];
  const app = createApp({
    rulebook: repositoryRulebook(),
    programData: repositoryProgramData(),
    store,
    config: { corsOrigins: [], rateLimitPerMinute: 0, trustProxy: [], webDir: join(dir, "no-web") },
    clock: () => new Date(`${TODAY}T12:00:00Z`),
    log: (line) => lines.push(line),
    compute,
  });
  return { app, lines };
}

describe("the compute routes on a worker pool", () => {
  it("answer 503 problem+json with Retry-After while every worker is busy and the queue is full, then serve again", async () => {
    const pool = await ComputePool.start({
      size: 1,
      maxQueued: 0,
      workerUrl: scripted,
      workerData: { behaviours: { plan: "echo" } },
    });
    try {
      const { app } = appOn(pool);
      const gate = new SharedArrayBuffer(4);
      // The worker runs one task and holds the next in its inbox; the queue holds none.
      const busy = Promise.all([
        pool.run("wait" as TaskName, { gate } as never),
        pool.run("echo" as TaskName, {} as never),
      ]);

      const refused = await send(app, "POST", "/api/v1/programs/plan", planBody);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(refused.body).toMatchObject({ status: 503, type: "/api/v1/problems/service-unavailable" });

      Atomics.store(new Int32Array(gate), 0, 1);
      Atomics.notify(new Int32Array(gate), 0);
      await busy;
      const served = await send(app, "POST", "/api/v1/programs/plan", planBody);
      expect(served.status).toBe(200);
      // The scripted worker echoes the validated request it was given.
      expect(served.body).toMatchObject({ specialty: "diagnostic-radiology", asOf: TODAY });
    } finally {
      await pool.close();
    }
  });

  it("answer 500 problem+json when the computation's worker crashes, log it without input, and serve the next request", async () => {
    const pool = await ComputePool.start({
      size: 1,
      workerUrl: scripted,
      workerData: { behaviours: { plan: "crash", evaluate: "echo" } },
    });
    try {
      const { app, lines } = appOn(pool);
      const crashed = await send(app, "POST", "/api/v1/programs/plan", planBody);
      expect(crashed.status).toBe(500);
      expect(crashed.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(crashed.body).toMatchObject({ status: 500, type: "/api/v1/problems/internal-error" });
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.level === "error");
      expect(logged).toMatchObject({ error: "ComputeFailedError" });
      // The clock time and the duration are the server's own digits and may match the score by chance.
      const withoutClock = lines.map((l) => l.replace(/"time":"[^"]*"/g, "").replace(/"ms":[\d.]+/g, ""));
      expect(withoutClock.join("\n")).not.toContain(String(profile.step2ck.score));

      const next = await send(app, "POST", "/api/v1/programs/evaluate", {
        ...planBody,
        programIds: [repositoryProgramData().bySpecialty.get("diagnostic-radiology")?.[0]?.id],
      });
      expect(next.status).toBe(200);
    } finally {
      await pool.close();
    }
  });
  it(
    "answer a saved plan read again at the same date from memory, even while every worker is busy",
    async () => {
      const store = await memoryStore();
      const pool = await ComputePool.start({
        size: 1,
        maxQueued: 0,
        workerUrl: scripted,
        workerData: { behaviours: { savedPlanResults: "echo", plan: "echo" } },
      });
      try {
        const { app } = appOn(pool, store);
        const created = await send(app, "POST", "/api/v1/plans", {
          profile,
          specialty: "diagnostic-radiology",
        });
        expect(created.status).toBe(201);
        const path = `/api/v1/plans/${created.body.id}`;
        const first = await send(app, "GET", path);
        expect(first.status).toBe(200);
        // The scripted worker's results echo the task's input: the stored plan and the date.
        expect(first.body.results).toMatchObject({ plan: { id: created.body.id }, asOf: TODAY });

        const gate = new SharedArrayBuffer(4);
        const busy = Promise.all([
          pool.run("wait" as TaskName, { gate } as never),
          pool.run("echo" as TaskName, {} as never),
        ]);
        const again = await send(app, "GET", path);
        expect(again.status).toBe(200);
        expect(again.text).toBe(first.text);
        // Another date needs a computation, and the pool has no room for one.
        const otherDate = await send(app, "GET", `${path}?asOf=2026-09-01`);
        expect(otherDate.status).toBe(503);
        expect(otherDate.headers.get("retry-after")).toBe("1");
        Atomics.store(new Int32Array(gate), 0, 1);
        Atomics.notify(new Int32Array(gate), 0);
        await busy;
        expect((await send(app, "GET", `${path}?asOf=2026-09-01`)).status).toBe(200);
      } finally {
        await pool.close();
        await store.close();
      }
    },
    STORE_START_MS,
  );
});

/** POSTs `body` over real HTTP; when `slow`, waits before reading the answer, so the server's write of it cannot finish at once. */
function post(
  url: string,
  path: string,
  body: string,
  slow: boolean,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        const read = () => {
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
          );
        };
        if (slow) {
          res.pause();
          setTimeout(() => {
            res.resume();
            read();
          }, 25);
        } else read();
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("answers' memory reused between the workers and the server thread", () => {
  it("never changes an answer: 120 distinct plans, 12 at a time, some read slowly, each byte for byte the in-process answer, with buffers reused", async () => {
    const rulebook = repositoryRulebook();
    const programData = repositoryProgramData();
    const pool = await ComputePool.start({
      size: 2,
      workerData: shareComputeData(rulebook, programData, repositorySeasonData()),
    });
    let recycled = 0;
    const recycle = pool.recycle.bind(pool);
    pool.recycle = (body) => {
      recycled++;
      recycle(body);
    };
    const { app } = appOn(pool);
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((done) => server.once("listening", () => done()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const bodies = distinctPlanBodies(120).map((b) => JSON.stringify({ ...b, asOf: TODAY }));
      const reference = testApp().app;
      const expected = await Promise.all(
        bodies.map(async (b) => (await send(reference, "POST", "/api/v1/programs/plan", b)).text),
      );
      let next = 0;
      const answers = new Array<{ status: number; text: string }>(bodies.length);
      await Promise.all(
        Array.from({ length: 12 }, async () => {
          for (let i = next++; i < bodies.length; i = next++)
            answers[i] = await post(url, "/api/v1/programs/plan", bodies[i] as string, i % 3 === 0);
        }),
      );
      for (const [i, a] of answers.entries()) {
        expect(a.status, `plan ${i}`).toBe(200);
        expect(a.text === expected[i], `plan ${i} differs from the in-process answer`).toBe(true);
      }
      // Every answer went to one request and no cache kept it: each one's memory came back.
      expect(recycled).toBe(bodies.length);
    } finally {
      await new Promise((done) => server.close(done));
      await pool.close();
    }
  }, 120_000);
});

describe("the server's compute workers", () => {
  it("compute on worker threads what the server computes in its own thread", async () => {
    const server = await startServer({ MATCHPLAN_DATA_DIR_STORE: join(dir, "store"), COMPUTE_WORKERS: "1" });
    try {
      expect(server.stderr()).toContain("compute: 1 worker threads");
      const bodies = [236, 244].map((score) => ({
        ...planBody,
        profile: { ...profile, step2ck: { score, attempts: 1 } },
      }));
      const { app } = testApp();
      for (const body of bodies) {
        const res = await fetch(`${server.url}/api/v1/programs/plan`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
        expect(await res.text()).toBe((await send(app, "POST", "/api/v1/programs/plan", body)).text);
      }
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it("refuses to start with COMPUTE_WORKERS=many: one line naming COMPUTE_WORKERS, exit code 2", async () => {
    const r = await failedStart({ MATCHPLAN_DATA_DIR_STORE: join(dir, "store"), COMPUTE_WORKERS: "many" });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("COMPUTE_WORKERS:");
  }, 60_000);
});
