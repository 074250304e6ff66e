import { PERCENT } from "../math/percent.ts";

/** A change in probability as the surfaces show it: percentage points to one decimal. */
export function shownPoints(x: number): number {
  return Number((x * PERCENT).toFixed(1));
}
