import { PERCENT } from "../format.ts";
import type { Report } from "../types.ts";
import { SHORT } from "./chart-sizes.ts";
import { type ChartSvg, dayLabel, dayMs, PALETTE, renderChart } from "./render-chart.ts";

/** The practice-exam trend: raw and bias-corrected scores, the target, and the forecast with its band. */
const SIZE = SHORT;
const DAY = 86_400_000;

export function practiceChart(r: Report): ChartSvg | null {
  const f = r.forecast;
  if (!f || f.readings.length === 0) return null;
  const at = dayMs(f.at);
  const first = dayMs(f.readings[0]?.date ?? f.at);
  const pad = Math.max(7, Math.round((at - first) / DAY / 10)) * DAY;
  const values = [...f.readings.flatMap((x) => [x.score, x.corrected]), f.low, f.high, f.target];
  const lo = Math.floor(Math.min(...values) - 5);
  const hi = Math.ceil(Math.max(...values) + 5);
  const description =
    `${f.readings.length} practice exams from ${f.readings[0]?.date} to ${f.readings[f.readings.length - 1]?.date}.` +
    ` Forecast for ${f.at}: ${f.estimate}, ${Math.round(f.probability * PERCENT)}% band ${f.low}–${f.high}; target ${f.target}; decision: ${f.decision}.`;
  return renderChart("practice-trend", "Practice exams and the forecast", description, SIZE, {
    useUTC: true,
    grid: { left: 56, right: 32, top: 48, bottom: 48 },
    legend: { top: 8, data: ["Practice score", "Bias-corrected", "Forecast band"] },
    xAxis: {
      type: "value",
      min: first - pad,
      max: at + pad,
      axisLabel: { formatter: (v: number) => dayLabel(v), hideOverlap: true },
      splitNumber: 4,
    },
    yAxis: { type: "value", min: lo, max: hi, name: "Step 2 CK scale" },
    series: [
      {
        name: "Practice score",
        type: "line",
        symbol: "circle",
        symbolSize: 7,
        data: f.readings.map((x) => [dayMs(x.date), x.score]),
        markLine: {
          symbol: "none",
          label: { formatter: "{b}", position: "insideEndTop" },
          lineStyle: { color: PALETTE[2], type: "dashed" },
          data: [{ yAxis: f.target, name: `Target ${f.target}` }],
        },
      },
      {
        name: "Bias-corrected",
        type: "scatter",
        symbol: "triangle",
        symbolSize: 8,
        data: f.readings.map((x) => [dayMs(x.date), x.corrected]),
      },
      {
        name: "Forecast band",
        type: "line",
        symbol: "rect",
        symbolSize: 8,
        lineStyle: { width: 4, color: PALETTE[3] },
        itemStyle: { color: PALETTE[3] },
        data: [
          [at, f.low],
          [at, f.high],
        ],
        markPoint: {
          symbol: "circle",
          symbolSize: 10,
          label: { formatter: `${f.estimate}`, position: "right" },
          data: [{ coord: [at, f.estimate], name: "Forecast" }],
        },
      },
    ],
  });
}
