/**
 * The report as a self-contained HTML page with its charts (ECharts, rendered to SVG) — also what
 * a PDF is printed from. A public entry of its own, apart from index.ts: ECharts is large and only
 * the HTML report needs it, so `matchplan report` and the report route load this on first use and
 * nothing else loads it. (The Markdown renderer needs no charts and is in index.ts.)
 */

export { type ChartSvg, type ReportCharts, reportCharts } from "./report/charts/index.ts";
export { renderReportHtml } from "./report/render-html.ts";
