/**
 * The whole Match, simulated: the NRMP's algorithm with couples and supplemental PGY-1 lists, its
 * independent verifier and the market model. A public entry of its own, apart from index.ts: only
 * `matchplan market` uses it, and loads it when it runs, so other commands start without it.
 */

export * from "./market/index.ts";
