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
 *
 * Each thread runs plans for `warmupSeconds` before it is timed. V8 goes on optimising the
 * core's code for about twenty seconds of plans, on its own compiler threads: with 200 plans of
 * warm-up, two threads timed for 10 s shared the cores with that compiling, and gave 1.3–1.6
 * times one thread; timed warm, in turns with one thread, they gave 1.95 (780 against 401
 * plans/s) and 2.2 (546 against 249, the machine's pace changing between the two).
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
  /** Seconds of plans before timing (at least `MIN_WARMUP_PLANS`). */
  warmupSeconds: number;
  offset: number;
}

const MIN_WARMUP_PLANS = 200;
/** Seconds each thread runs plans before it is timed: V8 optimises the core's code for about this long. */
export const EVERYWHERE_WARMUP_SECONDS = 20;

interface Done {
  times: number[];
  wallMs: number;
}

/** Runs `threads` threads for `seconds` each (after `warmupSeconds` of plans) and pools their figures. */
export async function coreEverywhere(
  seconds = 10,
  threads = availableParallelism(),
  warmupSeconds = EVERYWHERE_WARMUP_SECONDS,
): Promise<CoreEverywhere> {
  const url = new URL("./core-everywhere-worker.mjs", import.meta.url);
  const runs = await Promise.all(
    Array.from(
      { length: threads },
      (_, k) =>
        new Promise<Done>((resolve, reject) => {
          const w = new Worker(url, {
            workerData: { seconds, warmupSeconds, offset: k * 1000 } satisfies Job,
          });
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
  const warmupEnds = performance.now() + job.warmupSeconds * 1000;
  let i = 0;
  for (; i < MIN_WARMUP_PLANS || performance.now() < warmupEnds; i++) programList(rb, data, at(i));
  const times: number[] = [];
  const started = performance.now();
  const ends = started + job.seconds * 1000;
  for (; performance.now() < ends; i++) {
    const t = performance.now();
    if (!programList(rb, data, at(i)).ok) throw new Error("a bench body gives no plan");
    times.push(performance.now() - t);
  }
  return { times, wallMs: performance.now() - started };
}

if (!isMainThread) parentPort?.postMessage(runJob(workerData as Job));
