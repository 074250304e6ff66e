// A stand-in compute worker for the pool's tests: it speaks the compute worker's protocol, but
// each task does what its name (or `workerData.behaviours[name]`) says, so crashes, hangs,
// errors and a busy worker can be produced on demand and without timing.
import { parentPort, workerData } from "node:worker_threads";

const options = workerData ?? {};
if (options.failStart) throw new Error("this worker was told not to start");

const body = (text) => ({ ok: true, body: new TextEncoder().encode(text) });

const behaviours = {
  // The input back, as JSON.
  echo: (input) => body(JSON.stringify(input)),
  // Blocks this worker until the test sets `input.gate[0]` and notifies it.
  wait: (input) => {
    Atomics.wait(new Int32Array(input.gate), 0, 0);
    return body("released");
  },
  // Ends the worker as a fatal error would.
  crash: () => process.exit(7),
  // A bug in a task: an exception, not a crash.
  throw: () => {
    throw new TypeError("a task failed");
  },
  // Never returns.
  hang: () => {
    for (;;);
  },
  // An expected failure, as the core reports one.
  issues: () => ({ ok: false, issues: [{ code: "invalid_value", path: "profile", message: "scripted" }] }),
};

parentPort.on("message", (msg) => {
  const behaviour = behaviours[options.behaviours?.[msg.name] ?? msg.name];
  try {
    parentPort.postMessage({ id: msg.id, answer: behaviour(msg.input) });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
parentPort.postMessage({ ready: true });
