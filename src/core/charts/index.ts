/** The plan's charts as figures, and a small SVG drawing of them (no chart library). */
export { lineChartSvg } from "./line-chart-svg.ts";
export { pMatchByCountChart, pMatchByScoreChart, scoreDistributionChart } from "./plan-charts.ts";
export type { ChartBand, ChartFigure, ChartMark, ChartSeries } from "./types.ts";
