/** Plain code-unit order for ids: they are ASCII, and locale-aware comparison is much slower. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
