import { type Profile, profileSchemaFor, type Rulebook, validateProfile } from "../core/index.ts";
import { InputError } from "./cli-error.ts";
import { readJsonInput } from "./read-input.ts";

/** What every command gets: the rulebook (loaded on first use) and where to print. */
export interface CliContext {
  rulebook: () => Rulebook;
  out: (text: string) => void;
  /** For progress bars and the like; not for results. */
  err: (text: string) => void;
  isTTY: boolean;
}

/** Reads and validates a profile file (or "-" for standard input); invalid input throws an InputError. */
export function loadProfile(ctx: CliContext, file: string, option = "--profile"): Profile {
  const r = validateProfile(profileSchemaFor(ctx.rulebook()), readJsonInput(file, option));
  if (!r.ok) throw new InputError(r.issues);
  return r.value;
}
