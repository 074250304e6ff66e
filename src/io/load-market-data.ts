import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Result } from "../core/issues.ts";
import { compileMarketData, type MarketData } from "../core/market/market-data.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import { defaultDataDir, repositoryRulebook } from "./load-rulebook.ts";

/** Reads the market sizes (data/facts/match-market.yaml) and the simulator's assumptions (data/model/market-model.yaml). */
export function loadMarketData(rb: Rulebook, dataDir: string = defaultDataDir()): Result<MarketData> {
  const read = (path: string) => parse(readFileSync(join(dataDir, path), "utf8"));
  return compileMarketData(read("facts/match-market.yaml"), read("model/market-model.yaml"), rb);
}

let cached: MarketData | undefined;

/** The repository's market data, loaded once per process; broken data is a bug, so it throws. */
export function repositoryMarketData(): MarketData {
  if (cached) return cached;
  const r = loadMarketData(repositoryRulebook());
  if (!r.ok)
    throw new Error(
      `Market data in data/ is invalid:\n${r.issues.map((i) => `  ${i.file}: ${i.path}: ${i.message}`).join("\n")}`,
    );
  cached = r.value;
  return cached;
}
