import type { Issue } from "../../issues.ts";

/**
 * Batch input for advisors: profiles as JSON Lines (one profile object a line, or
 * `{ "id": …, "profile": { … } }`) or as CSV with one column per profile field, named by its
 * dotted path (`step2ck.score`). Every row keeps the line it starts on, so a problem is reported
 * as `line 4: step2ck.score: …`. Parsing never throws: a row that cannot be read becomes issues.
 */
export interface BatchRow {
  /** 1-based line in the input file where the row starts. */
  line: number;
  /** The row's `id` (JSONL wrapper or CSV `id` column), else null. */
  id: string | null;
  /** The profile object, not yet validated; null when the row could not be read at all. */
  profile: unknown;
  issues: Issue[];
}

export const BATCH_INPUT_FORMATS = ["jsonl", "csv"] as const;
export type BatchInputFormat = (typeof BATCH_INPUT_FORMATS)[number];

/** How each CSV column becomes a profile field. Lists are separated by semicolons. */
export const CSV_COLUMNS = {
  id: "id",
  applicantType: "string",
  graduationYear: "number",
  visa: "string",
  citizenship: "string",
  applyingFrom: "string",
  "step1.outcome": "string",
  "step1.score": "number",
  "step1.attempts": "number",
  "step2ck.score": "nullable-number",
  "step2ck.attempts": "number",
  "step2ck.plannedDate": "string",
  "step3.score": "nullable-number",
  "step3.attempts": "number",
  "comlex2ce.score": "nullable-number",
  "comlex2ce.attempts": "number",
  "usce.handsOnMonths": "number",
  "usce.observershipMonths": "number",
  "usce.specialtyMonths": "number",
  "research.items": "number",
  "research.specialtyItems": "number",
  "research.firstAuthor": "number",
  "research.presentations": "number",
  "letters.total": "number",
  "letters.specialty": "number",
  "letters.us": "number",
  homeProgram: "boolean",
  "ties.states": "list",
  "preferences.states": "list",
  "preferences.regions": "list",
  "preferences.budgetUsd": "number",
  "preferences.currency.code": "string",
  "preferences.currency.perUsd": "number",
  targetMatchYear: "number",
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;

export function parseBatchInput(text: string, format: BatchInputFormat): BatchRow[] {
  return format === "jsonl" ? parseJsonl(text) : parseCsvRows(text);
}

function parseJsonl(text: string): BatchRow[] {
  const rows: BatchRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      rows.push({
        line,
        id: null,
        profile: null,
        issues: [{ code: "invalid_json", path: "", message: `not valid JSON: ${(e as Error).message}` }],
      });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      rows.push({
        line,
        id: null,
        profile: null,
        issues: [{ code: "invalid_type", path: "", message: "must be a JSON object (a profile)" }],
      });
      return;
    }
    const v = value as Record<string, unknown>;
    const wrapped = "profile" in v;
    rows.push({
      line,
      id: wrapped && v.id !== undefined && v.id !== null ? String(v.id) : null,
      profile: wrapped ? v.profile : v,
      issues: [],
    });
  });
  return rows;
}

/** RFC 4180 records with the line each starts on (quoted fields may hold commas, quotes and line breaks). */
export function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return out;
}

const STEP2CK_SCORE: CsvColumn = "step2ck.score";

function parseCsvRows(text: string): BatchRow[] {
  const records = csvRecords(text);
  const header = records[0];
  if (!header) return [];
  const names = header.fields.map((h) => h.trim());
  const unknown = names.filter((n) => !(n in CSV_COLUMNS));
  const headerIssues: Issue[] = unknown.map((n) => ({
    code: "unknown_field" as const,
    path: n,
    message: "is not a profile column",
    allowed: Object.keys(CSV_COLUMNS).join(", "),
  }));
  // A missing score column is not "not taken": the score is required, and only an empty cell in
  // the column says the exam is not taken yet.
  if (!names.includes(STEP2CK_SCORE))
    headerIssues.push({
      code: "missing_field",
      path: STEP2CK_SCORE,
      message:
        "column is missing: give each applicant's Step 2 CK score, or leave the cell empty (or null) if not taken yet",
    });
  if (headerIssues.length > 0) return [{ line: header.line, id: null, profile: null, issues: headerIssues }];
  return records.slice(1).map((rec) => {
    const issues: Issue[] = [];
    if (rec.fields.length !== names.length)
      issues.push({
        code: "invalid_value",
        path: "",
        message: `has ${rec.fields.length} fields, the header has ${names.length}`,
      });
    const profile: Record<string, unknown> = {};
    let id: string | null = null;
    names.forEach((name, i) => {
      const cellText = (rec.fields[i] ?? "").trim();
      const kind = CSV_COLUMNS[name as CsvColumn];
      if (kind === "id") {
        id = cellText === "" ? null : cellText;
        return;
      }
      if (cellText === "") {
        if (kind === "nullable-number") setPath(profile, name, null);
        return;
      }
      setPath(profile, name, convert(cellText, kind));
    });
    return { line: rec.line, id, profile, issues };
  });
}

/** Cells become numbers, booleans or lists where the column says so; a cell that does not parse is kept as text, so the profile's schema names the problem. */
function convert(text: string, kind: Exclude<(typeof CSV_COLUMNS)[CsvColumn], "id">): unknown {
  switch (kind) {
    case "number":
    case "nullable-number": {
      if (kind === "nullable-number" && /^null$/i.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case "boolean":
      return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : text;
    case "list":
      return text
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== "object" || node[k] === null) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}
