import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { type PlanRequest, programList } from "../src/server/compute/compute-tasks.ts";
import { requestSchemas } from "../src/server/schemas/request-schemas.ts";
import { distinctPlanBodies } from "./distinct-bodies.ts";

/**
 * The core alone on every core at once: one thread per core, each running the plan route's call
 * into the core (`programList`) on distinct bodies, nothing else (no server, no JSON, no
 * messages). `bench/load.ts` reads the load's throughput against it as well as against the
 * issue's formula, which multiplies one thread's median by the number of cores: on a machine
 * whose cores slow each other down (shared caches, a host's other tenants), the two differ, and
 * the difference is the machine's, not the server's.
 */
export interface CoreEverywhere {
  threads: number;
  /** Plans completed per second by all threads together, after warm-up. */
  perSecond: number;
  /** Median and mean milliseconds per plan, over every thread's timed plans. */
  median: number;
  mean: number;
}

interface Job {
  seconds: number;
  warmup: number;
  offset: number;
}

interface Done {
  times: number[];
  wallMs: number;
}

/** Runs `threads` threads for `seconds` each (after `warmup` plans) and pools their figures. */
export async function coreEverywhere(
  seconds = 10,
  threads = availableParallelism(),
): Promise<CoreEverywhere> {
  const url = new URL("./core-everywhere-worker.mjs", import.meta.url);
  const runs = await Promise.all(
    Array.from(
      { length: threads },
      (_, k) =>
        new Promise<Done>((resolve, reject) => {
          const w = new Worker(url, { workerData: { seconds, warmup: 200, offset: k * 1000 } satisfies Job });
          w.once("message", (m: Done) => {
            resolve(m);
            void w.terminate();
          });
          w.once("error", reject);
        }),
    ),
  );
  const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const perSecond = runs.reduce((a, r) => a + r.times.length / (r.wallMs / 1000), 0);
  return {
    threads,
    perSecond,
    median: times[Math.floor(times.length / 2)] ?? Number.NaN,
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

/** In a worker: the engine flags are the process's, set by the bench before it starts any thread. */
function runJob(job: Job): Done {
  const rb = repositoryRulebook();
  const data = repositoryProgramData();
  const schema = requestSchemas(rb, data).planBody;
  const requests = distinctPlanBodies(4_000).map((b) => schema.parse(b) as PlanRequest);
  const at = (i: number) => requests[(job.offset + i) % requests.length] as PlanRequest;
  for (let i = 0; i < job.warmup; i++) programList(rb, data, at(i));
  const times: number[] = [];
  const started = performance.now();
  const ends = started + job.seconds * 1000;
  for (let i = job.warmup; performance.now() < ends; i++) {
    const t = performance.now();
    if (!programList(rb, data, at(i)).ok) throw new Error("a bench body gives no plan");
    times.push(performance.now() - t);
  }
  return { times, wallMs: performance.now() - started };
}

if (!isMainThread) parentPort?.postMessage(runJob(workerData as Job));
