import type { CycleEvent } from "../../assess/application-cycle.ts";
import type { TimelineItem } from "../../timeline/types.ts";
import type { Report } from "../types.ts";
import { GANTT_LABEL_COLUMN, WIDE } from "./chart-sizes.ts";
import { type ChartSvg, dayMs, monthLabel, PALETTE, renderChart } from "./render-chart.ts";

/**
 * The timeline as a Gantt chart: one bar per stage, season, milestone window and exam item,
 * lighter and dashed where a date it rests on is estimated; the key cycle dates as one-day rows
 * and the as-of date as a vertical line.
 */
const WIDTH = WIDE.width;
const ROW = 22;
const CHROME = 96;
const LABEL_CHARS = 44;
const DAY = 86_400_000;
/** Cycle dates drawn as their own one-day rows, so the bars can be read against them. */
const KEY_EVENTS: CycleEvent[] = [
  "erasOpens",
  "applicantsSubmit",
  "programsReview",
  "rankListDeadline",
  "matchDay",
];
const KIND_COLOUR: Record<TimelineItem["kind"], string> = {
  stage: PALETTE[0],
  season: PALETTE[4],
  milestone: PALETTE[2],
  exam: PALETTE[1],
  event: PALETTE[5],
};

const short = (s: string) => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

export function ganttChart(r: Report): ChartSvg | null {
  if (r.timeline.items.length === 0) return null;
  const eventRows: TimelineItem[] = r.timeline.events
    .filter((e) => KEY_EVENTS.includes(e.id))
    .map((e) => ({
      id: `event-${e.id}`,
      kind: "event",
      label: e.label,
      tasks: [],
      start: e.date,
      end: e.date,
      estimated: e.estimated,
      confidence: e.confidence,
      basis: e.basis,
      status: "upcoming",
      ruleId: null,
      sources: e.sources,
    }));
  const items = [...r.timeline.items, ...eventRows].sort(
    (x, y) => x.start.localeCompare(y.start) || x.end.localeCompare(y.end) || x.id.localeCompare(y.id),
  );
  const labels = items.map((i) => short(i.label));
  const min = Math.min(...items.map((i) => dayMs(i.start)), dayMs(r.asOf));
  const max = Math.max(...items.map((i) => dayMs(i.end)), ...r.timeline.events.map((e) => dayMs(e.date)));
  const estimated = items.filter((i) => i.estimated).length;
  const description =
    `${items.length} rows from ${items[0]?.start} to ${items[items.length - 1]?.end} for the ${r.matchYear} Match` +
    (estimated > 0 ? `; ${estimated} rest on estimated dates (lighter, dashed bars)` : "") +
    `. As of ${r.asOf}.`;
  return renderChart(
    "timeline-gantt",
    `Application timeline, ${r.matchYear} Match`,
    description,
    { width: WIDTH, height: CHROME + ROW * items.length },
    {
      useUTC: true,
      grid: { left: GANTT_LABEL_COLUMN, right: 24, top: 40, bottom: 40 },
      xAxis: {
        type: "value",
        min: min - 14 * DAY,
        max: max + 14 * DAY,
        axisLabel: { formatter: (v: number) => monthLabel(v), hideOverlap: true },
        splitNumber: 8,
      },
      yAxis: {
        type: "category",
        data: labels,
        inverse: true,
        axisLabel: { fontSize: 10 },
        axisTick: { show: false },
      },
      series: [
        {
          type: "custom",
          name: "Timeline",
          encode: { x: [1, 2], y: 0 },
          data: items.map((i, idx) => [idx, dayMs(i.start), dayMs(i.end) + DAY]),
          renderItem: (
            _params: unknown,
            api: {
              value: (i: number) => number;
              coord: (v: [number, number]) => [number, number];
              size: (v: [number, number]) => [number, number];
            },
          ) => {
            const row = api.value(0);
            const item = items[row];
            const [x0, y] = api.coord([api.value(1), row]);
            const [x1] = api.coord([api.value(2), row]);
            const h = api.size([0, 1])[1] * 0.6;
            return {
              type: "rect",
              shape: { x: x0, y: y - h / 2, width: Math.max(4, x1 - x0), height: h },
              style: {
                fill: item ? KIND_COLOUR[item.kind] : PALETTE[0],
                opacity: item?.estimated ? 0.5 : 1,
                stroke: "#1f2937",
                lineWidth: item?.estimated ? 1 : 0.5,
                lineDash: item?.estimated ? [3, 2] : null,
              },
            };
          },
          markLine: {
            symbol: "none",
            silent: true,
            label: { formatter: "{b}", position: "start", fontSize: 9 },
            lineStyle: { color: "#475569", type: "dotted" },
            data: [
              {
                xAxis: dayMs(r.asOf),
                name: `As of ${r.asOf}`,
                lineStyle: { color: "#b91c1c", type: "solid" },
              },
            ],
          },
        },
      ],
    },
  );
}
