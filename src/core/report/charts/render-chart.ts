import * as echarts from "echarts";

/**
 * Renders an ECharts option to a standalone SVG string with ECharts' server-side renderer (no
 * DOM, no browser): `init(null, null, { renderer: "svg", ssr: true, width, height })`, then
 * `renderToSVGString()`. Animation is off so the SVG is the final frame. The SVG gets a
 * `<title>` and `<desc>` and `role="img"` so screen readers announce it, and ids scoped by the
 * chart's key so several charts can share one HTML page.
 */
export interface ChartSvg {
  /** Stable key, e.g. `step2ck-distribution`. */
  key: string;
  title: string;
  /** A sentence for screen readers and the figure caption. */
  description: string;
  svg: string;
}

export const CHART_FONT = "Helvetica, Arial, sans-serif";
export const PALETTE = ["#1f5fa8", "#c2410c", "#15803d", "#7c3aed", "#64748b", "#b91c1c"] as const;

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderChart(
  key: string,
  title: string,
  description: string,
  size: { width: number; height: number },
  option: Record<string, unknown>,
): ChartSvg {
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      color: [...PALETTE],
      ...option,
    } as echarts.EChartsCoreOption);
    const raw = chart.renderToSVGString();
    return { key, title, description, svg: accessible(raw, key, title, description) };
  } finally {
    chart.dispose();
  }
}

/** Adds role, title and description to the root element, and prefixes ECharts' ids and classes with the chart key. */
function accessible(svg: string, key: string, title: string, description: string): string {
  const scoped = svg.replace(/\bzr\d+-/g, `${key}-`);
  const titleId = `${key}-title`;
  const descId = `${key}-desc`;
  return scoped.replace(
    /<svg\b([^>]*)>/,
    `<svg$1 role="img" aria-labelledby="${titleId} ${descId}"><title id="${titleId}">${escapeXml(title)}</title><desc id="${descId}">${escapeXml(description)}</desc>`,
  );
}

/** Milliseconds since the epoch of an ISO date at midnight UTC. */
export const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "Mar 2027" for a timestamp; the charts' time labels, in UTC so no time zone shifts a month. */
export function monthLabel(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 Mar 2027". */
export function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
