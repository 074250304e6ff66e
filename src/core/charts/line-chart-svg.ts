import type { ChartFigure } from "./types.ts";

/**
 * A `ChartFigure` as a standalone SVG string: axes with ticks, shaded bands, the series as
 * polylines, vertical marks with labels, and `role="img"` with a `<title>` and `<desc>` so a
 * screen reader announces it. Presentation attributes only (no `style`), so a page under a strict
 * Content Security Policy can insert it. Deliberately small: no legend layout engine, no
 * animation; the report's ECharts drawing of the same figures stays the richer one.
 */
const W = 720; // not a score: SVG pixels, the report's chart width
const H = 320; // not a score: SVG pixels
const PAD = { left: 56, right: 24, top: 40, bottom: 48 };
const TICKS = 5;
/** The key's spacing and an average label character's width, in SVG pixels at the 12 px font. */
const KEY_GAP = 120; // not a score: SVG pixels
const CHAR_PX = 7;
const COLOURS = {
  series: ["#1f5fa8", "#c2410c", "#c2410c"],
  you: "#111827",
  limit: "#7c3aed",
  band: "#15803d",
};

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const r1 = (x: number) => Math.round(x * 10) / 10;

function ticks(min: number, max: number): number[] {
  const span = max - min;
  if (span <= 0) return [min];
  const raw = span / TICKS;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) out.push(Number(t.toFixed(6)));
  return out;
}

/**
 * A band's label at its left edge, or, where it would run past the plot's right edge (a band that
 * starts near the end of the axis), ending at that edge instead, so it is never cut off.
 */
function bandLabel(label: string, x0: number, right: number, y: number): string {
  const fits = x0 + 4 + label.length * CHAR_PX <= right;
  const at = fits ? `x="${r1(x0 + 4)}"` : `x="${r1(right - 4)}" text-anchor="end"`;
  return `<text ${at} y="${y}" fill="#14532d">${esc(label)}</text>`;
}

export function lineChartSvg(f: ChartFigure): string {
  const pw = W - PAD.left - PAD.right;
  const ph = H - PAD.top - PAD.bottom;
  const sx = (x: number) => r1(PAD.left + ((x - f.x.min) / (f.x.max - f.x.min || 1)) * pw);
  const sy = (y: number) => r1(PAD.top + ph - ((y - f.y.min) / (f.y.max - f.y.min || 1)) * ph);
  const out: string[] = [];
  const id = f.key;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title id="${id}-title">${esc(f.title)}</title><desc id="${id}-desc">${esc(f.description)}</desc>`,
  );
  for (const b of f.bands) {
    const x0 = sx(Math.max(b.from, f.x.min));
    const x1 = sx(Math.min(b.to, f.x.max));
    out.push(
      `<rect x="${x0}" y="${PAD.top}" width="${r1(Math.max(0, x1 - x0))}" height="${ph}" fill="${COLOURS.band}" fill-opacity="0.12"/>`,
      bandLabel(b.label, x0, PAD.left + pw, PAD.top + ph - 6),
    );
  }
  for (const t of ticks(f.y.min, f.y.max)) {
    out.push(
      `<line x1="${PAD.left}" x2="${PAD.left + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e7eb"/>`,
      `<text x="${PAD.left - 6}" y="${sy(t) + 4}" text-anchor="end" fill="#374151">${t}</text>`,
    );
  }
  for (const t of ticks(f.x.min, f.x.max))
    out.push(
      `<line x1="${sx(t)}" x2="${sx(t)}" y1="${PAD.top + ph}" y2="${PAD.top + ph + 4}" stroke="#374151"/>`,
      `<text x="${sx(t)}" y="${PAD.top + ph + 16}" text-anchor="middle" fill="#374151">${t}</text>`,
    );
  out.push(
    `<line x1="${PAD.left}" x2="${PAD.left + pw}" y1="${PAD.top + ph}" y2="${PAD.top + ph}" stroke="#374151"/>`,
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + ph}" stroke="#374151"/>`,
    `<text x="${PAD.left + pw / 2}" y="${H - 8}" text-anchor="middle" fill="#111827">${esc(f.x.label)}</text>`,
    `<text x="${PAD.left}" y="${PAD.top - 24}" fill="#111827">${esc(f.y.label)}</text>`,
  );
  f.series.forEach((s, i) => {
    const colour = s.style === "range" ? COLOURS.you : (COLOURS.series[i] ?? COLOURS.series[0]);
    const pts = s.points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(" ");
    const width = s.style === "range" ? 4 : 2;
    const dash = s.style === "dashed" ? ` stroke-dasharray="6 4"` : "";
    out.push(`<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="${width}"${dash}/>`);
  });
  f.marks.forEach((m, i) => {
    const x = sx(m.x);
    const colour = m.kind === "you" ? COLOURS.you : COLOURS.limit;
    const y = PAD.top + 12 + i * 14;
    const anchor = x > PAD.left + pw * 0.7 ? "end" : "start";
    out.push(
      `<line x1="${x}" x2="${x}" y1="${PAD.top}" y2="${PAD.top + ph}" stroke="${colour}" stroke-width="${m.kind === "you" ? 2 : 1}"${m.kind === "limit" ? ` stroke-dasharray="4 3"` : ""}/>`,
      `<text x="${anchor === "end" ? x - 4 : x + 4}" y="${y}" text-anchor="${anchor}" fill="${colour}">${esc(m.label)}</text>`,
    );
  });
  // A one-line key of the series, along the top.
  let kx = PAD.left + Math.max(KEY_GAP, f.y.label.length * CHAR_PX + KEY_GAP / 4);
  for (const [i, s] of f.series.entries()) {
    if (s.style === "dashed" && i > 1) continue;
    const colour = s.style === "range" ? COLOURS.you : (COLOURS.series[i] ?? COLOURS.series[0]);
    const label = s.style === "dashed" && f.y.percent ? "10th–90th percentile" : s.name;
    out.push(
      `<line x1="${kx}" x2="${kx + 18}" y1="${PAD.top - 20}" y2="${PAD.top - 20}" stroke="${colour}" stroke-width="2"${s.style === "dashed" ? ` stroke-dasharray="6 4"` : ""}/>`,
      `<text x="${kx + 22}" y="${PAD.top - 16}" fill="#111827">${esc(label)}</text>`,
    );
    kx += KEY_GAP / 3 + label.length * CHAR_PX;
  }
  out.push("</svg>");
  return out.join("");
}
