/**
 * A chart as figures: the series, the marked values and the table that stands in for it, all
 * taken from the plan. Rendered to SVG by `lineChartSvg` (no library, so the page can draw it
 * within its size budget); the table is the same figures for readers who cannot see the drawing.
 */
export interface ChartSeries {
  name: string;
  points: Array<[number, number]>;
  /** "solid" the main curve, "dashed" a comparison, "range" a vertical bar from low to high. */
  style: "solid" | "dashed" | "range";
}

export interface ChartMark {
  x: number;
  label: string;
  /** "you": the applicant's own value; "limit": a bound (budget, diminishing returns). */
  kind: "you" | "limit";
}

export interface ChartBand {
  from: number;
  to: number;
  label: string;
}

export interface ChartFigure {
  key: string;
  title: string;
  /** Sentences with the figures that matter, for the caption and screen readers. */
  description: string;
  x: { label: string; min: number; max: number };
  y: { label: string; min: number; max: number; percent: boolean };
  series: ChartSeries[];
  marks: ChartMark[];
  bands: ChartBand[];
  table: { caption: string; columns: string[]; rows: string[][] };
}
