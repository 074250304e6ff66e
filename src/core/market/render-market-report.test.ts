import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryMarketData } from "../../io/load-market-data.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { buildMarket } from "./build-market.ts";
import { renderMarketReport } from "./render-market-report.ts";
import { simulateMarket } from "./simulate-market.ts";

const rb = repositoryRulebook();
const market = repositoryMarketData();

describe("docs/market.md", () => {
  it("sets each simulated figure beside the published one with its year and source, and the model beside the market", () => {
    const t = buildMarket(rb, repositoryProgramData(), market, "pathology");
    if (!t.ok) throw new Error("no market");
    const s = simulateMarket(t.value, { runs: 1, seed: 1, modelRuns: 1 });
    const md = renderMarketReport(rb, market, [s], { runs: 1, seed: 1, command: "test" });
    const co = rb.chartingOutcomes.specialties.pathology;
    expect(md).toContain("## Pathology (Anatomic and Clinical)");
    expect(md).toContain(
      `${((co?.matchRate ?? 0) * 100).toFixed(1)}% (${co?.matched} of ${co?.applicants}, 2026)`,
    );
    expect(md).toContain("99.5% (2025)");
    expect(md).toContain("nrmp-charting-outcomes-usmd-2026");
    expect(md).toContain("**The model's odds against the market**");
    expect(md).toMatch(/In all, the per-applicant odds promise [\d,]+ matches where the market gives [\d,]+/);
  });

  it("is committed with the DR table and at least four more specialties", () => {
    const doc = readFileSync(new URL("../../../docs/market.md", import.meta.url), "utf8");
    expect(doc).toContain("## Diagnostic Radiology");
    const sections = doc.match(/^## (?!Summary|How to read)/gm) ?? [];
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const id of Object.keys(market.facts.specialties))
      expect(doc).toContain(`## ${rb.specialties.get(id)?.name}`);
  });
});
