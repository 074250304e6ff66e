import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BatchRow } from "../core/report/batch/batch-input.ts";
import { runStrategy, type StrategyContext, type StrategyRow } from "../core/report/batch/index.ts";

/**
 * Runs the strategy over every row, on worker threads when the file is large enough to repay
 * their start-up (each worker loads the rulebook and catalog once), else in this thread.
 * Results come back in input order; `progress` is told after every chunk.
 */
const ROWS_PER_CHUNK = 50;
const MIN_ROWS_FOR_WORKERS = 400;

export async function runBatch(
  ctx: StrategyContext,
  rows: readonly BatchRow[],
  progress: (done: number, failed: number) => void,
): Promise<StrategyRow[]> {
  const workers = Math.min(availableParallelism(), 4);
  if (rows.length < MIN_ROWS_FOR_WORKERS || workers < 2) {
    const out: StrategyRow[] = [];
    let failed = 0;
    for (const row of rows) {
      const r = runStrategy(ctx, row);
      if (!r.ok) failed++;
      out.push(r);
      progress(out.length, failed);
    }
    return out;
  }
  const results: StrategyRow[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const options = {
    specialty: ctx.specialty,
    asOf: ctx.asOf,
    ...(ctx.budgetUsd !== undefined ? { budgetUsd: ctx.budgetUsd } : {}),
  };
  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL("./batch-worker-entry.mjs", import.meta.url), {
            workerData: options,
          });
          const send = () => {
            if (next >= rows.length) {
              worker.postMessage(null);
              return;
            }
            const start = next;
            next = Math.min(rows.length, next + ROWS_PER_CHUNK);
            worker.postMessage({ start, rows: rows.slice(start, next) });
          };
          worker.on("message", (msg: { ready: true } | { start: number; results: StrategyRow[] }) => {
            if ("results" in msg) {
              msg.results.forEach((r, i) => {
                results[msg.start + i] = r;
                if (!r.ok) failed++;
              });
              done += msg.results.length;
              progress(done, failed);
            }
            send();
          });
          worker.on("error", reject);
          worker.on("exit", (code) =>
            code === 0 ? resolve() : reject(new Error(`batch worker exited with code ${code}`)),
          );
        }),
    ),
  );
  return results;
}
