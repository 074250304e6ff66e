/** A fraction shown as a percentage: the one place the factor lives. */
export const PERCENT = 100; // not a score: a fraction shown as a percentage

export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? "—" : `${(x * PERCENT).toFixed(digits)}%`;
