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
 * The cache sits in front of the compute pool: a hit never reaches a worker, and reads of one
 * plan at one date that arrive while it is being computed share that computation. Results are
 * kept as the UTF-8 JSON a worker answers, so the bound is in bytes.
 *
 * Results derive from what a person entered, so the entries of a plan are dropped when it is
 * deleted or updated here rather than waiting to age out; other instances drop theirs as they
 * age out (their store read answers 404 first, so nothing stale is ever served).
 */
export class SavedPlanCache {
  private readonly cache: ResultCache<Uint8Array<ArrayBuffer>>;

  constructor(
    private readonly dataVersion: string,
    limits: { entries: number; bytes: number },
  ) {
    this.cache = new ResultCache(limits.entries, limits.bytes);
  }

  /**
   * The plan's results at `asOf` as UTF-8 JSON, from memory or from `compute`. A read waiting on
   * another's computation computes for itself when that one failed for `retry`'s reason (its
   * client went away).
   */
  results(
    plan: Pick<SavedPlan, "id" | "version">,
    asOf: string,
    compute: () => Promise<Uint8Array<ArrayBuffer>>,
    retry?: (e: unknown) => boolean,
  ): Promise<Uint8Array<ArrayBuffer>> {
    // Plan ids are URL-safe base64 and asOf a date, so a newline cannot occur inside a part.
    const key = [plan.id, plan.version, this.dataVersion, asOf].join("\n");
    return this.cache.getOrComputeAsync(key, compute, retry);
  }

  /** Drops every cached result of this plan, and keeps none still being computed. */
  forget(planId: string): void {
    this.cache.forget((key) => key.startsWith(`${planId}\n`));
  }

  get size(): number {
    return this.cache.size;
  }
}

const utf8 = new TextEncoder();

/**
 * The saved plan with its results as one JSON document (UTF-8), `results` last as a response
 * object would put it. The results' bytes are copied as they are, never decoded.
 */
export function savedPlanBody(plan: SavedPlan, results: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = utf8.encode(`${JSON.stringify(plan).slice(0, -1)},"results":`);
  const body = new Uint8Array(head.length + results.length + 1);
  body.set(head);
  body.set(results, head.length);
  body[body.length - 1] = "}".charCodeAt(0);
  return body;
}
