/** The report: one document model of the whole strategy, and its renderers (pure: strings in, strings out). */

// Building the model
export { buildReport, type ReportRequest } from "./build-report.ts";
// Rendering
export { type ChartSvg, type ReportCharts, reportCharts } from "./charts/index.ts";
export { type CatalogInput, dataAttributions, listSources, sourceRefs } from "./collect-sources.ts";
export { renderReportHtml } from "./render-html.ts";
export { renderReportMarkdown } from "./render-markdown.ts";
// Types and vocabularies
export type {
  ForecastSummary,
  ProgramsSection,
  Quartiles,
  Report,
  SourceListing,
  StudySummary,
} from "./types.ts";
export { REPORT_FORMATS, REPORT_VERSION, type ReportFormat } from "./types.ts";
