/**
 * Expected failures are values, not exceptions: every problem with input or data is an
 * `Issue` with a code, the path of the offending field and a readable message.
 */
export type IssueCode =
  | "invalid_type"
  | "out_of_range"
  | "invalid_value"
  | "unknown_field"
  | "missing_field"
  | "inconsistent"
  | "invalid_json"
  | "unknown_specialty"
  | "unknown_source"
  | "uncited_value"
  | "bands_overlap"
  | "bands_unordered"
  | "duplicate_id"
  | "unknown_reference";

export interface Issue {
  code: IssueCode;
  /** Dotted path of the field, e.g. `step2ck.score`; for data files, prefixed by the file. */
  path: string;
  message: string;
  /** What would have been accepted, e.g. `1–300` or `one of: pass, fail, not-taken`. */
  allowed?: string;
  /** For data-file issues: the file the problem is in. */
  file?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(issues: Issue[]): Result<T> {
  return { ok: false, issues };
}

export function formatIssue(issue: Issue): string {
  const where = issue.file ? `${issue.file}: ${issue.path}` : issue.path || "(root)";
  // Said once: a message that already states what is allowed ("must be …") is not followed by it again.
  const allowed =
    issue.allowed && !issue.message.includes(issue.allowed) ? ` (allowed: ${issue.allowed})` : "";
  return `${where}: ${issue.message}${allowed}`;
}
