import { formatIssue, type Issue } from "../core/index.ts";

/** Exit codes: 0 ok, 1 internal error, 2 invalid input. */
export const EXIT = { ok: 0, internal: 1, invalidInput: 2 } as const;

/**
 * Bad input from the user: printed as issues, exit code 2, never a stack trace. `shown`: the
 * command has already printed them in the form asked for (`--json`), so only the exit code is left.
 */
export class InputError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly shown = false,
  ) {
    super(issues.map(formatIssue).join("\n"));
  }
}
