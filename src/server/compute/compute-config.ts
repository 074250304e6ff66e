import { availableParallelism } from "node:os";
import { fail, ok, type Result } from "../../core/issues.ts";

/**
 * COMPUTE_WORKERS: how many worker threads run the compute routes. Default one per core the
 * process may use; 0 computes in the server's own thread (simplest to debug and to test, but a
 * long computation then delays every other request).
 */
export const MAX_COMPUTE_WORKERS = 64;

export function computeWorkersFrom(env: Readonly<Record<string, string | undefined>>): Result<number> {
  const raw = env.COMPUTE_WORKERS?.trim();
  if (raw === undefined || raw === "") return ok(availableParallelism());
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > MAX_COMPUTE_WORKERS)
    return fail([
      {
        code: "out_of_range",
        path: "COMPUTE_WORKERS",
        message: `"${raw}" is not a number of worker threads`,
        allowed: `a whole number from 0 (compute in the server's thread) to ${MAX_COMPUTE_WORKERS}`,
      },
    ]);
  return ok(n);
}
