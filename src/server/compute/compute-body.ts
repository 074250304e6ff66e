import { issuesProblem } from "../problem.ts";
import type { Compute } from "./compute-pool.ts";
import type { TaskInput, TaskName } from "./compute-tasks.ts";

/** A task's response body (UTF-8), or its issues on their way to `onError` as a problem. */
export async function computeBody<N extends TaskName>(
  compute: Compute,
  name: N,
  input: TaskInput<N>,
): Promise<Uint8Array<ArrayBuffer>> {
  const answer = await compute.run(name, input);
  if (!answer.ok) throw issuesProblem(answer.issues);
  return answer.body;
}
