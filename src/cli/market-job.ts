import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { Issue, Profile } from "../core/index.ts";
import type { ApplicantOutlook, MarketSummary } from "../core/market.ts";

/**
 * `matchplan market simulate` runs its seasons in a worker thread of its own, and `npm run bench`
 * times them through the same function, so both measure one set-up.
 *
 * Why a worker: a season is drawn into a few megabytes of short-lived arrays and objects, and the
 * engine's default young generation (16 MB semi-spaces) filled every eight seasons or so; each
 * young collection copied the season half drawn (about 5 ms) and promoted part of it, which the
 * old generation's collections then marked. The size of the young generation is fixed when a
 * JavaScript engine instance starts, and a worker is one, started with its own limits; the
 * process's own engine keeps its defaults.
 */
export interface MarketJob {
  specialty: string;
  runs: number;
  seed: number;
  /** Seasons on which the model's own P(match) is summed (simulateMarket's modelRuns). */
  modelRuns: number;
  couples: boolean;
  /** With a profile: the applicant's own outlook in the same seasons (applicantOutlook). */
  profile: Profile | null;
  maxLength: number;
}

export type MarketJobResult =
  | {
      ok: true;
      summary: MarketSummary;
      applicant: ApplicantOutlook | null;
      /** Wall time of the simulation, from the first season drawn to the last tallied. */
      seconds: number;
      /** The process's CPU time over the same span: every thread's, the engine's helpers included. */
      cpuSeconds: number;
    }
  | { ok: false; issues: Issue[] };

/** What the worker sends: progress after every season (of summary and outlook together), then the result. */
export type MarketWorkerMessage = { done: number } | { result: MarketJobResult };

/**
 * The worker's young generation, in MB (an engineering setting, not a domain number): V8 makes it
 * three semi-spaces' worth, so 96 MB gives 32 MB semi-spaces against the default 16 MB. Measured
 * on 1,000 DR seasons in the shipped CLI, in turns (docs/performance.md, "A season's own engine"):
 * 96 MB ran 65–68 young collections with 0.52–0.55 s of pauses, 48 MB (the default's size)
 * 112–116 with 0.63–0.68 s, and 192 MB as many as 96 MB while taking more CPU (user and system)
 * in each of three pairs and 60 MB more memory (peak resident 380 MB against 320 MB; 270 MB at
 * 48 MB).
 */
export const MARKET_YOUNG_GENERATION_MB = 3 * 32;

/**
 * The engine setting the worker runs with, set for the process before the worker starts (V8 reads
 * it per isolate when it makes the decision it governs; the server sets the same one for its
 * compute workers, src/server/engine-flags.mjs). `--no-allocation-site-pretenuring`: a season's
 * lists and applicants all live until the season is tallied, so a young collection in the middle
 * of a season finds most of them alive, and V8 then allocates later seasons' objects of those
 * kinds straight in the old generation, where they die a few milliseconds later and keep the young
 * objects they point to alive until a full collection. Measured on 1,000 DR seasons held to one
 * core, three runs in turn (2026-12-06, 16:10): 7.3–7.8 s with it against 8.1–8.5 s without.
 */
export const MARKET_ENGINE_FLAGS = ["--no-allocation-site-pretenuring"];

/**
 * Runs the job in a new worker thread and resolves with its result; `onProgress` is told the seasons
 * done (summary and outlook counted together) as the worker reports them. A worker that fails
 * rejects with its error.
 */
export function runMarketJob(job: MarketJob, onProgress: (done: number) => void): Promise<MarketJobResult> {
  for (const flag of MARKET_ENGINE_FLAGS) setFlagsFromString(flag);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./market-worker-entry.mjs", import.meta.url), {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: MARKET_YOUNG_GENERATION_MB },
    });
    let result: MarketJobResult | null = null;
    worker.on("message", (msg: MarketWorkerMessage) => {
      if ("done" in msg) onProgress(msg.done);
      else result = msg.result;
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (result) resolve(result);
      else reject(new Error(`the market simulation's worker stopped with code ${code} and no result`));
    });
  });
}
