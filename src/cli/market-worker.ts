import { parentPort, workerData } from "node:worker_threads";
import { applicantOutlook, buildMarket, simulateMarket } from "../core/market.ts";
import { loadMarketData } from "../io/load-market-data.ts";
import { cliProgramData, cliRulebook } from "./load-data.ts";
import type { MarketJob, MarketJobResult, MarketWorkerMessage } from "./market-job.ts";

/**
 * The worker thread of `matchplan market simulate` (market-job.ts): loads the data as the command
 * line does, builds the specialty's market, runs the seasons (and the applicant's outlook), and
 * posts progress after every season, then the result. The market is built here, not sent: it holds
 * the model's functions, which cannot cross between threads.
 */
function run(job: MarketJob, progress: (done: number) => void): MarketJobResult {
  const rb = cliRulebook();
  const marketData = loadMarketData(rb);
  if (!marketData.ok)
    throw new Error(marketData.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`).join("\n"));
  const template = buildMarket(rb, cliProgramData(), marketData.value, job.specialty);
  if (!template.ok) return template;
  const { runs, seed, profile } = job;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = simulateMarket(template.value, {
    runs,
    seed,
    modelRuns: job.modelRuns,
    couples: job.couples,
    onRun: progress,
  });
  const applicant = profile
    ? applicantOutlook(template.value, profile, {
        runs,
        seed,
        maxLength: job.maxLength,
        onRun: (done) => progress(runs + done),
      })
    : null;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { ok: true, summary, applicant, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const post = (msg: MarketWorkerMessage) => parentPort?.postMessage(msg);
post({ result: run(workerData as MarketJob, (done) => post({ done })) });
