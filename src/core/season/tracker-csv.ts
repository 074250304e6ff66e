import type { Issue } from "../issues.ts";
import { isRealDate, type Tracker, type TrackerEntry } from "./tracker.ts";

/**
 * The tracker as a spreadsheet: one row per program with the columns an applicant keeps
 * (program, applied, invited, interview date, interviewed, rejected, withdrawn, rank, notes).
 * Import matches a program by its id, else by its exact name in the catalog; a row naming no
 * known program is reported by its line and returned as it was, never dropped silently; a bad
 * date is reported by line, left empty and kept in the notes, so nothing typed is lost.
 * Parsing follows RFC 4180 (quoted fields, doubled quotes, CRLF or LF).
 */
export const CSV_COLUMNS = [
  "Program ID",
  "Program",
  "Applied",
  "Signal",
  "Invited",
  "Invited on",
  "Interview date",
  "Interviewed",
  "Rejected",
  "Withdrawn",
  "Rank",
  "Notes",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Other headings a spreadsheet may use for the same column (lower case). */
const ALIASES: Record<string, Column> = {
  id: "Program ID",
  "program id": "Program ID",
  "nrmp code": "Program ID",
  program: "Program",
  "program name": "Program",
  name: "Program",
  applied: "Applied",
  "date applied": "Applied",
  "applied on": "Applied",
  signal: "Signal",
  invited: "Invited",
  invite: "Invited",
  "interview invite": "Invited",
  "invited on": "Invited on",
  "invite date": "Invited on",
  "interview date": "Interview date",
  interview: "Interview date",
  interviewed: "Interviewed",
  rejected: "Rejected",
  rejection: "Rejected",
  withdrawn: "Withdrawn",
  rank: "Rank",
  "rank position": "Rank",
  notes: "Notes",
  note: "Notes",
};

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function trackerToCsv(t: Tracker, names: ReadonlyMap<string, string>): string {
  const yes = (b: boolean) => (b ? "yes" : "");
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of t.entries)
    lines.push(
      [
        e.programId,
        names.get(e.programId) ?? "",
        e.applied ?? "",
        e.signal ?? "",
        yes(e.invited),
        e.invitedOn ?? "",
        e.interviewDate ?? "",
        yes(e.interviewed),
        yes(e.rejected),
        yes(e.withdrawn),
        e.rank === null ? "" : String(e.rank),
        e.notes,
      ]
        .map(cell)
        .join(","),
    );
  return `${lines.join("\r\n")}\r\n`;
}

export interface CsvImport {
  entries: TrackerEntry[];
  /** Rows that name no known program, as they were, with their line. */
  unmatched: Array<{ line: number; row: Record<string, string> }>;
  issues: Issue[];
}

const TRUE = new Set(["yes", "y", "x", "true", "1", "✓"]);
const FALSE = new Set(["", "no", "n", "false", "0", "-"]);

/**
 * Reads a spreadsheet's CSV against the catalog (`programs`: id → name). Lines are numbered as
 * a spreadsheet shows them (the header is line 1).
 */
export function trackerFromCsv(text: string, programs: ReadonlyMap<string, string>): CsvImport {
  const rows = parseCsv(text);
  const issues: Issue[] = [];
  const header = (rows[0] ?? []).map((h) => ALIASES[h.trim().toLowerCase()] ?? null);
  const byName = new Map<string, string[]>();
  for (const [id, name] of programs) {
    const key = name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), id]);
  }
  const taken = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === null && (rows[0]?.[i] ?? "").trim() !== "")
      issues.push({
        code: "unknown_field",
        path: "line 1",
        message: `column "${rows[0]?.[i]}" is not read; its values are kept in each row's notes`,
        allowed: CSV_COLUMNS.join(", "),
      });
  });
  if (!header.includes("Program ID") && !header.includes("Program"))
    issues.push({
      code: "missing_field",
      path: "line 1",
      message: "no Program or Program ID column",
      allowed: CSV_COLUMNS.join(", "),
    });
  const entries: TrackerEntry[] = [];
  const unmatched: CsvImport["unmatched"] = [];
  rows.slice(1).forEach((cells, r) => {
    const line = r + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const get = (c: Column) => {
      const i = header.indexOf(c);
      return i < 0 ? "" : (cells[i] ?? "").trim();
    };
    const raw: Record<string, string> = {};
    (rows[0] ?? []).forEach((h, i) => {
      raw[h] = cells[i] ?? "";
    });
    const extraNotes: string[] = [];
    header.forEach((h, i) => {
      const v = (cells[i] ?? "").trim();
      if (h === null && v !== "") extraNotes.push(`${rows[0]?.[i]}: ${v}`);
    });
    const idCell = get("Program ID");
    const nameCell = get("Program");
    const named = byName.get(nameCell.toLowerCase()) ?? [];
    const id = programs.has(idCell) ? idCell : named.length === 1 ? named[0] : undefined;
    const aside = (code: Issue["code"], message: string) => {
      issues.push({ code, path: `line ${line}`, message: `${message}; the row is kept aside, not imported` });
      unmatched.push({ line, row: raw });
    };
    if (!id) {
      if (named.length > 1)
        aside(
          "inconsistent",
          `"${nameCell}" names ${named.length} programs (${named.join(", ")}): give its Program ID`,
        );
      else aside("unknown_reference", `no program "${idCell || nameCell}" in the catalog`);
      return;
    }
    const before = taken.get(id);
    if (before !== undefined) {
      aside("duplicate_id", `program ${id} is already on line ${before}`);
      return;
    }
    taken.set(id, line);
    const date = (c: Column): string | null => {
      const v = get(c);
      if (v === "") return null;
      if (isRealDate(v)) return v;
      issues.push({
        code: "invalid_value",
        path: `line ${line}: ${c}`,
        message: `"${v}" is not a date; left empty and kept in the notes`,
        allowed: "YYYY-MM-DD",
      });
      extraNotes.push(`${c}: ${v}`);
      return null;
    };
    const flag = (c: Column): boolean => {
      const v = get(c).toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      if (isRealDate(v)) return true;
      issues.push({
        code: "invalid_value",
        path: `line ${line}: ${c}`,
        message: `"${get(c)}" is not yes or no; read as no and kept in the notes`,
        allowed: "yes, no, or a date",
      });
      extraNotes.push(`${c}: ${get(c)}`);
      return false;
    };
    const invitedCell = get("Invited");
    const signal = get("Signal").toLowerCase();
    const rankCell = get("Rank");
    let rank: number | null = null;
    if (rankCell !== "") {
      const n = Number(rankCell);
      if (Number.isInteger(n) && n > 0) rank = n;
      else {
        issues.push({
          code: "invalid_value",
          path: `line ${line}: Rank`,
          message: `"${rankCell}" is not a rank position; kept in the notes`,
          allowed: "a whole number from 1",
        });
        extraNotes.push(`Rank: ${rankCell}`);
      }
    }
    if (signal !== "" && signal !== "gold" && signal !== "silver") {
      issues.push({
        code: "invalid_value",
        path: `line ${line}: Signal`,
        message: `"${get("Signal")}" is not a signal; kept in the notes`,
        allowed: "gold, silver or empty",
      });
      extraNotes.push(`Signal: ${get("Signal")}`);
    }
    const invitedOn = date("Invited on") ?? (isRealDate(invitedCell) ? invitedCell : null);
    entries.push({
      programId: id,
      applied: date("Applied"),
      signal: signal === "gold" || signal === "silver" ? signal : null,
      invited: flag("Invited"),
      invitedOn,
      interviewDate: date("Interview date"),
      interviewed: flag("Interviewed"),
      rejected: flag("Rejected"),
      withdrawn: flag("Withdrawn"),
      rank,
      notes: [get("Notes"), ...extraNotes].filter((x) => x !== "").join("; "),
    });
  });
  return { entries, unmatched, issues };
}
