import { parentPort, workerData } from "node:worker_threads";
import { AnswerBuffers } from "./answer-buffers.ts";
import { answerRecordTexts } from "./answer-records.ts";
import { answerOf, type TaskMessage, type WorkerMessage } from "./compute-pool.ts";
import { computeDataOf, runTask, type TaskName } from "./compute-tasks.ts";
import { lowerThreadPriority } from "./thread-priority.ts";
import { readComputeData, type SharedComputeData } from "./worker-data.ts";

/**
 * How far a compute worker lowers its own scheduling priority (nice 0 → this). A plan is a few
 * milliseconds of CPU and the server's thread a fraction of one per request: with every core
 * busy computing, the server's thread waited behind the workers for the CPU, and every reply it
 * had to write waited with it. Any positive value puts it first; 10 is the conventional "background" step.
 */
const WORKER_NICENESS = 10;

/**
 * One compute worker: copies the server's validated rulebook and catalog once, says it is
 * ready, then runs each task it is sent and posts back the response body. An exception from a
 * task is posted back as an error (the worker goes on); a crash ends the worker and the pool
 * replaces it.
 */
const port = parentPort;
if (!port) throw new Error("the compute worker must run in a worker thread");
if (WORKER_NICENESS > 0) lowerThreadPriority(WORKER_NICENESS);
const { rulebook, programData, season } = readComputeData(workerData as SharedComputeData);
const data = computeDataOf(rulebook, programData, season);
const buffers = new AnswerBuffers();
const records = answerRecordTexts();

port.on("message", async (msg: TaskMessage) => {
  buffers.keep(msg.spare);
  let reply: WorkerMessage;
  try {
    const outcome = await runTask(data, msg.name as TaskName, msg.input as never);
    reply = { id: msg.id, answer: answerOf(outcome, buffers.allocate, records) };
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
