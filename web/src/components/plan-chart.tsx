import { type ChartFigure, lineChartSvg } from "../../../src/core/index.ts";
import { ScrollBox } from "./scroll-box.tsx";

/**
 * One of the plan's charts: the core's figures drawn as SVG (`lineChartSvg`, which names the
 * drawing for screen readers), the description as its caption, and the same figures as a table
 * behind a disclosure for anyone who cannot read the drawing.
 */
export function PlanChart({ figure }: { figure: ChartFigure | null }) {
  if (!figure) return null;
  const id = `chart-${figure.key}`;
  return (
    <figure class="plan-chart" id={id} aria-labelledby={`${id}-caption`}>
      {/* The SVG string is made by the core from numbers and escaped labels, never from typed text. */}
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: lineChartSvg(figure) }} />
      <figcaption id={`${id}-caption`}>
        <strong>{figure.title}.</strong> <span class="small">{figure.description}</span>
      </figcaption>
      <details class="chart-table">
        <summary>The figures as a table</summary>
        <ScrollBox label="Chart figures">
          <table>
            <caption>{figure.table.caption}</caption>
            <thead>
              <tr>
                {figure.table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figure.table.rows.map((r) => (
                <tr key={r.join("|")}>
                  {r.map((c, i) =>
                    i === 0 ? (
                      <th key={c} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={`${i}:${c}`}>{c}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </figure>
  );
}
