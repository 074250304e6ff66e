import { normalPdf } from "../../math/normal.ts";
import { PERCENT } from "../format.ts";
import type { Report } from "../types.ts";
import { STANDARD } from "./chart-sizes.ts";
import { type ChartSvg, PALETTE, renderChart } from "./render-chart.ts";

/**
 * The applicant's Step 2 CK against the specialty's Charting Outcomes distributions: the
 * matched and unmatched applicants' scores drawn as normal curves with the published mean and
 * SD (an approximation, said in the caption; the quartiles are in the table beside it), the
 * target range shaded, the applicant's score or forecast marked.
 */
const SIZE = STANDARD;
const SPREAD = 3;

function density(mean: number, sd: number, x: number): number {
  return normalPdf((x - mean) / sd) / sd;
}

export function step2ckChart(r: Report): ChartSvg | null {
  const d = r.step2ck.distribution;
  const m = d?.matched;
  const u = d?.notMatched;
  if (!d || !m || !u || m.mean === null || m.sd === null || u.mean === null || u.sd === null) return null;
  const target = r.step2ck.target;
  const marks = [
    m.mean - SPREAD * m.sd,
    u.mean - SPREAD * u.sd,
    m.mean + SPREAD * m.sd,
    u.mean + SPREAD * u.sd,
    ...(r.step2ck.score !== null ? [r.step2ck.score] : []),
    ...(target ? [target.min, target.max ?? target.min] : []),
    ...(r.forecast ? [r.forecast.low, r.forecast.high] : []),
  ];
  const lo = Math.floor(Math.min(...marks));
  const hi = Math.ceil(Math.max(...marks));
  const curve = (mean: number, sd: number) => {
    const pts: Array<[number, number]> = [];
    for (let x = lo; x <= hi; x++) pts.push([x, Number((density(mean, sd, x) * PERCENT).toFixed(3))]);
    return pts;
  };
  const lines: Array<Record<string, unknown>> = [];
  if (r.step2ck.score !== null)
    lines.push({
      xAxis: r.step2ck.score,
      name: `Your score ${r.step2ck.score}`,
      lineStyle: { color: "#111827", width: 2 },
    });
  if (r.forecast)
    lines.push({
      xAxis: r.forecast.estimate,
      name: `Forecast ${r.forecast.estimate}`,
      lineStyle: { color: PALETTE[3], type: "dashed", width: 2 },
    });
  const areas = target
    ? [
        [
          { xAxis: target.min, name: `Target ${target.min}${target.max === null ? "+" : `–${target.max}`}` },
          { xAxis: target.max ?? hi },
        ],
      ]
    : [];
  const who = `${d.applicantType === "non-us-img" ? "non-US IMGs" : d.applicantType} in ${d.specialtyName}, ${d.matchYear} Match`;
  const description =
    `Step 2 CK of ${who}: matched mean ${m.mean} (SD ${m.sd}), not matched mean ${u.mean} (SD ${u.sd}), drawn as normal curves.` +
    (r.step2ck.score !== null ? ` Your score: ${r.step2ck.score}.` : "") +
    (r.forecast ? ` Forecast: ${r.forecast.estimate} (${r.forecast.low}–${r.forecast.high}).` : "") +
    (target ? ` Target: ${target.min}${target.max === null ? " or more" : `–${target.max}`}.` : "");
  return renderChart(
    "step2ck-distribution",
    "Your Step 2 CK against matched and unmatched applicants",
    description,
    SIZE,
    {
      grid: { left: 56, right: 24, top: 48, bottom: 48 },
      legend: { top: 8, data: ["Matched", "Not matched"] },
      xAxis: {
        type: "value",
        min: lo,
        max: hi,
        name: "Step 2 CK score",
        nameLocation: "middle",
        nameGap: 28,
      },
      yAxis: { type: "value", name: "% of applicants per point", nameTextStyle: { align: "left" } },
      series: [
        {
          name: "Matched",
          type: "line",
          showSymbol: false,
          smooth: true,
          data: curve(m.mean, m.sd),
          areaStyle: { opacity: 0.15 },
          lineStyle: { width: 2 },
          markLine: { symbol: "none", label: { formatter: "{b}", position: "insideEndTop" }, data: lines },
          markArea: {
            itemStyle: { color: "rgba(21, 128, 61, 0.12)" },
            label: { position: "insideTop" },
            data: areas,
          },
        },
        {
          name: "Not matched",
          type: "line",
          showSymbol: false,
          smooth: true,
          data: curve(u.mean, u.sd),
          areaStyle: { opacity: 0.1 },
          lineStyle: { width: 2, type: "dashed" },
        },
      ],
    },
  );
}
