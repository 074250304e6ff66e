import { parentPort, workerData } from "node:worker_threads";
import { answerOf, type TaskMessage, type WorkerMessage } from "./compute-pool.ts";
import { computeDataOf, runTask, type TaskName } from "./compute-tasks.ts";
import { readComputeData, type SharedComputeData } from "./worker-data.ts";

/**
 * One compute worker: copies the server's validated rulebook and catalog once, says it is
 * ready, then runs each task it is sent and posts back the response body. An exception from a
 * task is posted back as an error (the worker goes on); a crash ends the worker and the pool
 * replaces it.
 */
const port = parentPort;
if (!port) throw new Error("the compute worker must run in a worker thread");
const { rulebook, programData, season } = readComputeData(workerData as SharedComputeData);
const data = computeDataOf(rulebook, programData, season);

port.on("message", async (msg: TaskMessage) => {
  let reply: WorkerMessage;
  try {
    reply = { id: msg.id, answer: answerOf(await runTask(data, msg.name as TaskName, msg.input as never)) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error("non-error thrown");
    reply = {
      id: msg.id,
      error: { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) },
    };
  }
  // The body's buffer is moved to the server thread, not copied.
  port.postMessage(reply, "answer" in reply && reply.answer.ok ? [reply.answer.body.buffer] : []);
});
port.postMessage({ ready: true } satisfies WorkerMessage);
