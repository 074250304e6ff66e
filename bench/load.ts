import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startServer } from "../test/robustness/server-process.ts";

/**
 * Load: the plan endpoint and a trivial route, each for LOAD_SECONDS (default 60) at 50
 * connections against a real server process on the embedded store. Prints requests/s, their
 * ratio, p50/p99 latency and errors. Targets: 0 errors, plan ≥ 40% of the trivial route's
 * throughput, plan p99 ≤ 50 ms. `npm run bench` runs it last; `npm run bench:load` runs it alone.
 */
const connections = 50;

export async function benchLoad(seconds = Number(process.env.LOAD_SECONDS ?? 60)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "matchplan-load-"));
  const server = await startServer({ MATCHPLAN_DATA_DIR_STORE: join(dir, "store") });
  const profile = JSON.parse(
    readFileSync(new URL("../examples/non-us-img-dr.json", import.meta.url), "utf8"),
  );
  const run = (title: string, opts: autocannon.Options): Promise<autocannon.Result> =>
    new Promise((done, reject) => {
      autocannon({ connections, duration: seconds, ...opts, title }, (err, result) =>
        err ? reject(err) : done(result),
      );
    });
  try {
    const planBody = JSON.stringify({
      profile,
      specialty: "diagnostic-radiology",
      budgetUsd: 2500,
      asOf: "2026-11-22",
    });
    const plan = await run("plan", {
      url: `${server.url}/api/v1/programs/plan`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: planBody,
    });
    const trivial = await run("trivial", { url: `${server.url}/healthz` });
    const line = (name: string, r: autocannon.Result) =>
      `${name.padEnd(30)} ${r.requests.average.toFixed(0).padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${r.errors + r.non2xx} (non-2xx ${r.non2xx}, timeouts ${r.timeouts})`;
    console.log(`load: ${seconds} s each at ${connections} connections, one server process (embedded store)`);
    console.log(line("POST /api/v1/programs/plan", plan));
    console.log(line("GET /healthz", trivial));
    console.log(
      `plan / trivial throughput: ${((plan.requests.average / trivial.requests.average) * 100).toFixed(1)}% (target ≥ 40%); plan p99 ${plan.latency.p99} ms (target ≤ 50 ms)`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchLoad();
