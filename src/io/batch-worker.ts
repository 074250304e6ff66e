import { parentPort, workerData } from "node:worker_threads";
import { profileSchemaFor } from "../core/profile/profile-schema-for.ts";
import type { BatchRow } from "../core/report/batch/batch-input.ts";
import { runStrategy, type StrategyContext } from "../core/report/batch/index.ts";
import { repositoryProgramData } from "./load-program-data.ts";
import { repositoryRulebook } from "./load-rulebook.ts";

/** One batch worker: loads the data once, then runs the strategy for each chunk of rows it is sent. */
const options = workerData as Omit<StrategyContext, "rb" | "data" | "schema">;
const rb = repositoryRulebook();
const ctx: StrategyContext = { ...options, rb, data: repositoryProgramData(), schema: profileSchemaFor(rb) };
parentPort?.on("message", (msg: { start: number; rows: BatchRow[] } | null) => {
  if (msg === null) {
    process.exit(0);
  }
  parentPort?.postMessage({ start: msg.start, results: msg.rows.map((row) => runStrategy(ctx, row)) });
});
parentPort?.postMessage({ ready: true });
