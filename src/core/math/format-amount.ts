/**
 * Numbers written the US way ("1,234.5"), with formatters made once. `toLocaleString` with a
 * locale and options builds a new `Intl.NumberFormat` on every call — the specification defines it
 * as exactly that — and a plan writes dozens of fee and cost lines: those calls measured about a
 * sixth of a plan route's time. The output is the same as `x.toLocaleString("en-US", options)`.
 * Each formatter is made on first use, not when the module loads: the first one makes the
 * JavaScript engine load its locale data (a tenth of a second on a slow phone), which a web page
 * that formats no number before its first plan can do while it waits for input.
 */
let upToTwoDecimals: Intl.NumberFormat | undefined;
let enUs: Intl.NumberFormat | undefined;

/** `x.toLocaleString("en-US", { maximumFractionDigits: 2 })`: "1,234.5", "0.33". */
export function formatAmount(x: number): string {
  upToTwoDecimals ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
  return upToTwoDecimals.format(x);
}

/** `x.toLocaleString("en-US")`: grouped, at most three decimals. */
export function formatNumber(x: number): string {
  enUs ??= new Intl.NumberFormat("en-US");
  return enUs.format(x);
}
