/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field wrapped in double
 * quotes may hold commas, line breaks and doubled quotes (`""` → `"`). A leading UTF-8 byte-order
 * mark is dropped. Whitespace is kept as found: trimming is the reader's decision, not the parser's.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && input[i + 1] === "\n") i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Rows as objects keyed by the header row. Blank lines are skipped; a row with a different
 * number of fields than the header is an error, because silently shifted columns corrupt data.
 */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ""));
  if (!header) return [];
  return rows.map((fields, n) => {
    if (fields.length !== header.length) {
      throw new Error(`CSV row ${n + 2} has ${fields.length} fields; the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, k) => [name, fields[k] ?? ""]));
  });
}
