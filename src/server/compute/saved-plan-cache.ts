import type { SavedPlan } from "../../store/store.ts";
import { ResultCache } from "./result-cache.ts";

/**
 * A saved plan's results kept in memory by (plan id, plan version, data version, as-of): they
 * are a pure function of those four, so reading the same plan again on the same date is answered
 * without recomputing (a large plan takes about half a second). An update gives a new version and
 * a different `asOf` a different key, so either recomputes; a new data load has a new version too.
 * The plan itself is still read from the store on every request, so an update or a deletion
 * made through another instance is seen at once.
 *
 * Results derive from what a person entered, so the entries of a plan are dropped when it is
 * deleted or updated here rather than waiting to age out; other instances drop theirs as they
 * age out (their store read answers 404 first, so nothing stale is ever served).
 */
export class SavedPlanCache {
  private readonly cache: ResultCache;

  constructor(
    private readonly dataVersion: string,
    limits: { entries: number; chars: number },
  ) {
    this.cache = new ResultCache(limits.entries, limits.chars);
  }

  /** The plan's results at `asOf` as JSON text, from memory or from `compute`. */
  resultsJson(plan: Pick<SavedPlan, "id" | "version">, asOf: string, compute: () => unknown): string {
    // Plan ids are URL-safe base64 and asOf a date, so a newline cannot occur inside a part.
    const key = [plan.id, plan.version, this.dataVersion, asOf].join("\n");
    return this.cache.getOrCompute(key, () => JSON.stringify(compute()));
  }

  /** Drops every cached result of this plan. */
  forget(planId: string): void {
    this.cache.forget((key) => key.startsWith(`${planId}\n`));
  }

  get size(): number {
    return this.cache.size;
  }
}

/** The saved plan with its results as one JSON document, `results` last (as a response object would put it). */
export function savedPlanJson(plan: SavedPlan, resultsJson: string): string {
  return `${JSON.stringify(plan).slice(0, -1)},"results":${resultsJson}}`;
}
