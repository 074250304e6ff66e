/**
 * Through the season: the tracker, interview odds that learn from invitations, applying to more,
 * the rank list and SOAP. A public entry of its own, apart from index.ts: only `matchplan track`
 * uses it, and loads it when it runs.
 */

export { cycleFor } from "./assess/application-cycle.ts";
export * from "./season/index.ts";
