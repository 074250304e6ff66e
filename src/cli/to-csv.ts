/** RFC 4180 CSV from rows of plain values; the header is the first row's keys. */
export function toCsv(rows: ReadonlyArray<Record<string, string | number | boolean>>): string {
  const first = rows[0];
  if (!first) return "";
  const keys = Object.keys(first);
  const cell = (v: string | number | boolean) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [keys.join(","), ...rows.map((r) => keys.map((k) => cell(r[k] ?? "")).join(","))].join("\n");
}
