import type { Context } from "hono";
import { HTTP } from "../http-status.ts";
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

/** The Node response behind a request, when the app is served by Node's HTTP server (not in `app.request` tests). */
interface NodeResponse {
  once(event: "close", listener: () => void): unknown;
}

/**
 * Answers 200 with a computed JSON body. When nothing else holds the body (`shared` false: no
 * cache kept it and no other request received it), its memory goes back to the compute workers
 * once the response is closed — by then Node has handed every byte to the operating system, or
 * the connection is gone — so the next answer is written into it instead of a new buffer
 * (answer-buffers.ts says why that matters).
 */
export function sendComputed(
  c: Context,
  compute: Compute,
  body: Uint8Array<ArrayBuffer>,
  shared: boolean,
): Response {
  const outgoing = (c.env as { outgoing?: NodeResponse } | undefined)?.outgoing;
  if (!shared && outgoing) outgoing.once("close", () => compute.recycle(body));
  return c.body(body, HTTP.ok, { "content-type": "application/json" });
}
