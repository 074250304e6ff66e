import { issuesProblem } from "../problem.ts";
import type { Compute } from "./compute-pool.ts";
import type { TaskInput, TaskName } from "./compute-tasks.ts";

/** A task's response text, or its issues on their way to `onError` as a problem. */
export async function computeText<N extends TaskName>(
  compute: Compute,
  name: N,
  input: TaskInput<N>,
): Promise<string> {
  const outcome = await compute.run(name, input);
  if (!outcome.ok) throw issuesProblem(outcome.issues);
  return outcome.text;
}
