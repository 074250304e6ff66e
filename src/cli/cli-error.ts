import { formatIssue, type Issue } from "../core/index.ts";

/** Exit codes: 0 ok, 1 internal error, 2 invalid input. */
export const EXIT = { ok: 0, internal: 1, invalidInput: 2 } as const;

/** Bad input from the user: printed as issues, exit code 2, never a stack trace. */
export class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join("\n"));
  }
}
