import { countAxisMax } from "../../charts/plan-charts.ts";
import { PERCENT } from "../format.ts";
import type { Report } from "../types.ts";
import { STANDARD } from "./chart-sizes.ts";
import { type ChartSvg, PALETTE, renderChart } from "./render-chart.ts";

/**
 * P(match) against the number of applications (the planner's `marginal[]`), with the point of
 * diminishing returns marked, the chosen list's estimate and its 10th–90th percentile range,
 * and the guides' advised count shaded.
 */
const SIZE = STANDARD;

export function pMatchChart(r: Report): ChartSvg | null {
  const p = r.programs;
  if (!p || p.marginal.length === 0 || !p.pMatch) return null;
  const pct = (x: number) => Number((x * PERCENT).toFixed(1));
  // The list the estimate is for: the planner's, or the one the applicant holds (`listed` of it).
  const n = p.listed;
  const last = p.marginal.length;
  const advice = p.guideAdvice;
  const xMax = countAxisMax(last, n, advice);
  const description =
    `P(match) rises from ${pct(p.marginal[0]?.pMatch ?? 0)}% with one program to ${pct(p.marginal[last - 1]?.pMatch ?? 0)}% with ${last}.` +
    ` Beyond ${p.diminishingReturnsAt} programs each one adds less than the stopping threshold.` +
    ` The chosen ${n} programs give ${pct(p.pMatch.estimate)}% (range ${pct(p.pMatch.low)}–${pct(p.pMatch.high)}%).` +
    (advice
      ? ` The guides advise ${advice.min}${advice.max === null ? " or more" : `–${advice.max}`} programs.`
      : "");
  return renderChart(
    "pmatch-curve",
    "Chance of matching against the number of applications",
    description,
    SIZE,
    {
      grid: { left: 56, right: 24, top: 48, bottom: 48 },
      legend: { top: 8, data: ["P(match)", "Chosen list (range)"] },
      xAxis: {
        type: "value",
        min: 0,
        max: xMax,
        name: "Programs applied to",
        nameLocation: "middle",
        nameGap: 28,
      },
      yAxis: { type: "value", min: 0, max: PERCENT, name: "P(match), %" },
      series: [
        {
          name: "P(match)",
          type: "line",
          showSymbol: false,
          data: p.marginal.map((m) => [m.n, pct(m.pMatch)]),
          lineStyle: { width: 2 },
          markLine: {
            symbol: "none",
            label: { formatter: "{b}", position: "insideEndTop" },
            lineStyle: { color: PALETTE[1], type: "dashed" },
            data: [{ xAxis: p.diminishingReturnsAt, name: `Diminishing returns: ${p.diminishingReturnsAt}` }],
          },
          markArea: advice
            ? {
                itemStyle: { color: "rgba(100, 116, 139, 0.12)" },
                label: { position: "insideBottom", color: "#374151", textBorderWidth: 0 },
                data: [
                  [
                    {
                      xAxis: advice.min,
                      name: `Guides: ${advice.min}${advice.max === null ? "+" : `–${advice.max}`}`,
                    },
                    { xAxis: Math.min(advice.max ?? xMax, xMax) },
                  ],
                ],
              }
            : undefined,
        },
        {
          name: "Chosen list (range)",
          type: "line",
          symbol: "diamond",
          symbolSize: 8,
          data: [
            [n, pct(p.pMatch.low)],
            [n, pct(p.pMatch.high)],
          ],
          lineStyle: { width: 3, color: PALETTE[2] },
          itemStyle: { color: PALETTE[2] },
          markPoint: {
            symbol: "circle",
            symbolSize: 10,
            label: { formatter: `${n}: ${pct(p.pMatch.estimate)}%`, position: "right" },
            data: [{ coord: [n, pct(p.pMatch.estimate)], name: "Chosen" }],
          },
        },
      ],
    },
  );
}
