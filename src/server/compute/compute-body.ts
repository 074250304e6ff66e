import { issuesProblem } from "../problem.ts";
import { type Compute, ComputeFailedError } from "./compute-pool.ts";
import type { TaskInput, TaskName } from "./compute-tasks.ts";

/** A task's response body (UTF-8), or its issues on their way to `onError` as a problem. */
export async function computeBody<N extends TaskName>(
  compute: Compute,
  name: N,
  input: TaskInput<N>,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const answer = await compute.run(name, input, signal);
  if (!answer.ok) throw issuesProblem(answer.issues);
  return answer.body;
}

/** Whether a computation failed only because its own client went away (another request may still want it). */
export const isAbandoned = (e: unknown) => e instanceof ComputeFailedError && e.reason === "abandoned";
