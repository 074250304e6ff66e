/**
 * Numbers written the US way ("1,234.5"), with formatters made once. `toLocaleString` with a
 * locale and options builds a new `Intl.NumberFormat` on every call — the specification defines it
 * as exactly that — and a plan writes dozens of fee and cost lines: those calls measured about a
 * sixth of a plan route's time. The output is the same as `x.toLocaleString("en-US", options)`.
 */
const UP_TO_TWO_DECIMALS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const EN_US = new Intl.NumberFormat("en-US");

/** `x.toLocaleString("en-US", { maximumFractionDigits: 2 })`: "1,234.5", "0.33". */
export const formatAmount = (x: number): string => UP_TO_TWO_DECIMALS.format(x);

/** `x.toLocaleString("en-US")`: grouped, at most three decimals. */
export const formatNumber = (x: number): string => EN_US.format(x);
