/**
 * A raw export the build cannot read. `file` is relative to the raw folder, so the message names
 * the file as the user laid it out; `matchplan data import` turns it into an issue (exit 2) and
 * `npm run data:build` prints it.
 */
export class RawInputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}
