import { buildMarket, type MarketTemplate } from "../../../src/core/market/build-market.ts";
import { repositoryMarketData } from "../../../src/io/load-market-data.ts";
import { repositoryProgramData } from "../../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../../src/io/load-rulebook.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const market = repositoryMarketData();

/** A specialty's market template from the repository's own data; throws when it cannot be built. */
export function repositoryMarket(specialty: string): MarketTemplate {
  const r = buildMarket(rb, data, market, specialty);
  if (!r.ok) throw new Error(`no market for ${specialty}: ${r.issues[0]?.message}`);
  return r.value;
}
