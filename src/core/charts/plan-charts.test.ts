import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { step2ckPassingScore } from "../assess/derive-facts.ts";
import { holdList, pMatchAtScore, summariseList } from "../plan/held-list.ts";
import { planApplication } from "../plan/plan-application.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { lineChartSvg } from "./line-chart-svg.ts";
import {
  countAxisMax,
  pMatchByCountChart,
  pMatchByScoreChart,
  scoreDistributionChart,
} from "./plan-charts.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-12-06";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
);
const made = planApplication(rb, data, { profile: example, specialty: "diagnostic-radiology", asOf });
if (!made.ok) throw new Error(JSON.stringify(made.issues));
const plan = made.value;
const held = holdList(rb, data, plan);
if (!held) throw new Error("no list");
const ids = plan.list?.programs.map((p) => p.id) ?? [];
const range = { min: step2ckPassingScore(rb, asOf), max: rb.exam.usmle.scale.value.max };
const own = example.step2ck.score as number;

describe("the plan's charts as figures", () => {
  it("P(match) against Step 2 CK is the held list's pMatchAtScore at each score, with the applicant's score marked", () => {
    const f = pMatchByScoreChart(held, ids, range);
    if (!f) throw new Error("no chart");
    const at = f.series[0]?.points.find(([x]) => x === own);
    const expected = pMatchAtScore(held, ids, own);
    expect(at?.[1]).toBeCloseTo((expected?.estimate ?? 0) * 100, 1);
    expect(f.marks).toContainEqual({ x: own, label: `Your score ${own}`, kind: "you" });
    const ys = f.series[0]?.points.map((p) => p[1]) ?? [];
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(f.table.rows.some((r) => r[0] === `${own} (yours)`)).toBe(true);
  });

  it("P(match) against the number of programs marks the list as held and reports its P(match)", () => {
    const summary = summariseList(held, ids.slice(0, 20));
    const f = pMatchByCountChart(plan, summary);
    expect(f?.marks[0]).toEqual({ x: 20, label: "Your list: 20", kind: "you" });
    expect(f?.series[0]?.points.length).toBe(plan.list?.marginal.length);
    expect(f?.description).toContain(`Your list of 20 gives`);
  });

  it("draws the guides' advised count whole, so a list below it is seen to be below it", () => {
    const f = pMatchByCountChart(plan, null);
    const advice = plan.list?.guideAdvice;
    if (!f || !advice || advice.max === null) throw new Error("the example's advice is a closed range");
    expect(plan.list?.recommendedCount ?? 0).toBeLessThan(advice.min);
    expect(f.x.max).toBe(advice.max + 1);
    expect(f.bands).toEqual([
      { from: advice.min, to: advice.max, label: `Guides: ${advice.min}–${advice.max}` },
    ]);
    // An open-ended count is drawn a quarter past its start; a longer curve or list sets the end.
    expect(countAxisMax(10, 12, { min: 80, max: null })).toBe(101);
    expect(countAxisMax(150, 12, { min: 80, max: 120 })).toBe(151);
    expect(countAxisMax(10, 30, null)).toBe(31);
  });

  it("the distribution chart draws the published means and says where the score sits", () => {
    const f = scoreDistributionChart(plan);
    const d = plan.step2ck.distribution;
    if (!f || !d) throw new Error("no chart");
    const peak = f.series[0]?.points.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(Math.abs((peak?.[0] ?? 0) - (d.matched.mean ?? 0))).toBeLessThanOrEqual(1);
    expect(f.description).toContain(`your ${own} is`);
    expect(f.table.rows[0]?.[3]).toBe(String(d.matched.median));
  });

  it("draws accessible SVG with no style attributes (the page's CSP forbids inline styles)", () => {
    const f = scoreDistributionChart(plan);
    if (!f) throw new Error("no chart");
    const svg = lineChartSvg(f);
    expect(svg).toMatch(
      /^<svg [^>]*role="img" aria-labelledby="score-distribution-title score-distribution-desc"/,
    );
    expect(svg).toContain(`<title id="score-distribution-title">`);
    expect(svg).not.toMatch(/style=/);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("keeps a band's label inside the plot where the band starts near the axis's end", () => {
    const f = pMatchByCountChart(plan, null);
    if (!f) throw new Error("no chart");
    const label = "Guides: 80–120+";
    const band = (from: number) =>
      lineChartSvg({ ...f, x: { ...f.x, min: 0, max: 81 }, bands: [{ from, to: 81, label }] });
    const textOf = (svg: string) => {
      const end = svg.indexOf(`>${label}</text>`);
      return end < 0 ? "" : svg.slice(svg.lastIndexOf("<text ", end), end);
    };
    const xOf = (attrs: string) => Number(/x="([\d.]+)"/.exec(attrs)?.[1]);
    // Near the end: the label ends at the plot's right edge (720 − 24 − 4), never past it.
    const late = textOf(band(80));
    expect(late).toContain(`text-anchor="end"`);
    expect(xOf(late)).toBe(692);
    // With room: it starts just inside the band.
    const early = textOf(band(10));
    expect(early).not.toContain("text-anchor");
    expect(xOf(early)).toBeGreaterThan(56);
    expect(xOf(early)).toBeLessThan(692 / 2);
  });
});
