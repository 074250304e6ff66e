import { writeFileSync } from "node:fs";
import { buildMarket } from "../src/core/market/build-market.ts";
import { renderMarketReport } from "../src/core/market/render-market-report.ts";
import { type MarketSummary, simulateMarket } from "../src/core/market/simulate-market.ts";
import { repositoryMarketData } from "../src/io/load-market-data.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";

/**
 * `npm run market:validate`: simulates every specialty with market data and writes
 * docs/market.md. RUNS (seasons per specialty) and SEED may be set in the environment; the
 * defaults are the ones the committed document was written with.
 */
const RUNS = Number(process.env.RUNS ?? 30);
/** Seasons on which the model's own P(match) is summed over every applicant (the costly part). */
const MODEL_RUNS = 3;
const SEED = Number(process.env.SEED ?? 2026);
const OUT = new URL("../docs/market.md", import.meta.url);

const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();
const summaries: MarketSummary[] = [];
for (const id of Object.keys(market.facts.specialties)) {
  const t = buildMarket(rb, data, market, id);
  if (!t.ok) {
    console.error(t.issues.map((i) => `${id}: ${i.path}: ${i.message}`).join("\n"));
    process.exit(1);
  }
  const started = performance.now();
  summaries.push(simulateMarket(t.value, { runs: RUNS, seed: SEED, modelRuns: MODEL_RUNS }));
  console.log(`${id}: ${RUNS} seasons in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
writeFileSync(
  OUT,
  renderMarketReport(rb, market, summaries, { runs: RUNS, seed: SEED, command: "npm run market:validate" }),
);
console.log(`wrote ${OUT.pathname}`);
