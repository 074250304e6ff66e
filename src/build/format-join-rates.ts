import type { JoinRate } from "../core/catalog/program.ts";

/** "residency-explorer → nrmp: diagnostic-radiology 179/197 (90.9%)", grouped by source pair. */
export function formatJoinRates(rates: readonly JoinRate[]): string[] {
  const lines: string[] = [];
  let heading = "";
  for (const r of rates) {
    const pair = `${r.from} → ${r.to}`;
    if (pair !== heading) {
      const joined = rates.filter((x) => x.from === r.from && x.to === r.to);
      const sum = joined.reduce((a, x) => ({ joined: a.joined + x.joined, total: a.total + x.total }), {
        joined: 0,
        total: 0,
      });
      lines.push(`${pair}: ${sum.joined}/${sum.total} (${percent(sum.joined, sum.total)}) overall`);
      heading = pair;
    }
    lines.push(`  ${pair}: ${r.specialty ?? "all"} ${r.joined}/${r.total} (${percent(r.joined, r.total)})`);
  }
  return lines;
}

const PERCENT = new Intl.NumberFormat("en-US", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : PERCENT.format(part / whole);
}
