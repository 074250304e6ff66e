import { performance } from "node:perf_hooks";
import { buildMarket, type MarketTemplate } from "../src/core/market/build-market.ts";
import { drawSeason } from "../src/core/market/draw-season.ts";
import { runMatch } from "../src/core/market/run-match.ts";
import { simulateMarket } from "../src/core/market/simulate-market.ts";
import { seededRandom } from "../src/core/math/seeded-random.ts";
import type { ProgramData } from "../src/core/programs/program-data.ts";
import type { Rulebook } from "../src/core/rulebook/rulebook.ts";
import { APPLICANT_TYPES } from "../src/core/vocabulary.ts";
import { repositoryMarketData } from "../src/io/load-market-data.ts";

/**
 * The Match and the market simulator (issue 17):
 * - one DR + PGY-1 market at national size matched (validation, compilation and the Match), on
 *   seasons drawn with DR's 2024 count of active applicants (match-statistics#80, 1,914) rather
 *   than its 2026 first-choice candidates, the size the target names;
 * - whole DR seasons end to end (draw applications, interviews and rank lists, run the Match,
 *   tally the outcome), MARKET_SEASONS of them (default 1,000), on one core.
 * Wall time and this process's CPU time are both printed: on a shared machine the first waits.
 */
const ACTIVE_DR_APPLICANTS_2024 = 1914;

export function benchMarket(rb: Rulebook, data: ProgramData, fmt: (ms: number) => string): void {
  const built = buildMarket(rb, data, repositoryMarketData(), "diagnostic-radiology");
  if (!built.ok) throw new Error("DR market failed to build");
  const dr = built.value;
  const total = APPLICANT_TYPES.reduce((s, t) => s + dr.applicants[t], 0);
  const scale = ACTIVE_DR_APPLICANTS_2024 / total;
  const big: MarketTemplate = {
    ...dr,
    applicants: Object.fromEntries(
      APPLICANT_TYPES.map((t) => [t, Math.round(dr.applicants[t] * scale)]),
    ) as MarketTemplate["applicants"],
  };
  const positions = dr.programs.filter((p) => p.unit >= 0).reduce((s, p) => s + p.positions, 0);
  const pgy1 = [...dr.pgy1].reduce((s, i) => s + (dr.programs[i]?.positions ?? 0), 0);
  const seasons = Array.from({ length: 25 }, (_, i) => drawSeason(big, seededRandom(100 + i)));
  const wall: number[] = [];
  const cpu: number[] = [];
  let unstable = 0;
  for (let i = 0; i < 30; i++) {
    const s = seasons[i % seasons.length] as (typeof seasons)[number];
    const c = process.cpuUsage();
    const t = performance.now();
    const r = runMatch(s.input);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
    if (!r.ok) throw new Error("drawn season invalid");
    if (i >= 5 && r.value.status !== "stable") unstable++;
  }
  const med = (xs: number[]) =>
    [...xs.slice(5)].sort((a, b) => a - b)[Math.floor((xs.length - 5) / 2)] ?? Number.NaN;
  const applicants = seasons[0]?.input.applicants.length ?? 0;
  console.log(
    `Match, one DR + PGY-1 market (${applicants.toLocaleString("en-US")} applicants, ${positions.toLocaleString("en-US")} DR and ${pgy1.toLocaleString("en-US")} PGY-1 positions, couples and supplemental lists): median ${fmt(med(wall))} wall, ${fmt(med(cpu))} CPU (25 runs; ${unstable} without a stable matching) — target ≤ 50 ms`,
  );

  const n = Number(process.env.MARKET_SEASONS ?? 1000);
  const c = process.cpuUsage();
  const t = performance.now();
  const summary = simulateMarket(dr, { runs: n, seed: 1, modelRuns: 0 });
  const seconds = (performance.now() - t) / 1000;
  const d = process.cpuUsage(c);
  console.log(
    `${n.toLocaleString("en-US")} DR seasons end to end (draw, Match, tally; ${total.toLocaleString("en-US")} applicants each): ${seconds.toFixed(1)} s wall, ${((d.user + d.system) / 1e6).toFixed(1)} s CPU; ${summary.noStableMatching} without a stable matching — target ≤ 10 s on one core`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { repositoryRulebook } = await import("../src/io/load-rulebook.ts");
  const { repositoryProgramData } = await import("../src/io/load-program-data.ts");
  benchMarket(repositoryRulebook(), repositoryProgramData(), (ms) => `${ms.toFixed(1)} ms`);
}
