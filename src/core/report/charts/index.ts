/** The report's charts, rendered to SVG strings with ECharts' server-side renderer. */

export { ganttChart } from "./gantt-chart.ts";
export { pMatchChart } from "./pmatch-chart.ts";
export { practiceChart } from "./practice-chart.ts";
export { type ChartSvg, renderChart } from "./render-chart.ts";
export { step2ckChart } from "./step2ck-chart.ts";

import type { Report } from "../types.ts";
import { ganttChart } from "./gantt-chart.ts";
import { pMatchChart } from "./pmatch-chart.ts";
import { practiceChart } from "./practice-chart.ts";
import type { ChartSvg } from "./render-chart.ts";
import { step2ckChart } from "./step2ck-chart.ts";

/** Every chart the report has data for, keyed by where it goes. */
export interface ReportCharts {
  step2ck: ChartSvg | null;
  pMatch: ChartSvg | null;
  practice: ChartSvg | null;
  timeline: ChartSvg | null;
}

export function reportCharts(r: Report): ReportCharts {
  return {
    step2ck: step2ckChart(r),
    pMatch: pMatchChart(r),
    practice: practiceChart(r),
    timeline: ganttChart(r),
  };
}
