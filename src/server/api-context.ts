import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Program } from "../core/catalog/program.ts";
import type { ProgramData } from "../core/programs/program-data.ts";
import type { Rulebook } from "../core/rulebook/rulebook.ts";
import type { Store } from "../store/store.ts";
import type { Compute } from "./compute/compute-pool.ts";
import type { ResultCache } from "./compute/result-cache.ts";
import type { SavedPlanCache } from "./compute/saved-plan-cache.ts";
import type { RouteLabelEnv } from "./middleware/request-log.ts";
import type { RequestSchemas } from "./schemas/request-schemas.ts";

/** What every route gets: the loaded data, the request schemas built from it, the store and the date. */
export interface ApiContext {
  rulebook: Rulebook;
  programData: ProgramData;
  /** Every catalog program by id. */
  programsById: ReadonlyMap<string, Program>;
  schemas: RequestSchemas;
  store: Store;
  /** Today's date (YYYY-MM-DD, UTC): the default `asOf`. */
  today: () => string;
  /** Logs an error that was handled (its name and where it was thrown; never its message). */
  logError: (err: unknown) => void;
  /** The request's client as an allowance key (`clientIp`): the saved-plan quota counts by it. */
  client: (c: Context) => string;
  /** Computed program lists by canonical request: identical requests are answered from memory. */
  planCache: ResultCache<Uint8Array<ArrayBuffer>>;
  /** Saved plans' results by plan version, data version and date: a repeated read does not recompute. */
  savedPlanCache: SavedPlanCache;
  /** Runs the compute routes' heavy part: on the worker pool, or in this thread. */
  compute: Compute;
}

export type AppEnv = RouteLabelEnv;
export type ApiApp = OpenAPIHono<AppEnv>;
