import { type ResourceLimits, Worker } from "node:worker_threads";
import type { Issue } from "../../core/index.ts";
import { answerRecordTexts } from "./answer-records.ts";
import {
  type ComputeData,
  runTask,
  type TaskInput,
  type TaskName,
  type TaskOutcome,
} from "./compute-tasks.ts";
import { type AllocateBytes, jsonBytes, type RecordTexts } from "./json-bytes.ts";

/**
 * Where the compute routes run their heavy part. `ComputePool` spreads tasks over worker
 * threads, so distinct requests use every core while the server's own thread only does HTTP
 * and stays free to answer `/healthz`; `InProcessCompute` runs them in the calling thread
 * (COMPUTE_WORKERS=0, and the tests that build an app in-process).
 *
 * The pool. Each worker takes a copy of the rulebook and catalog once at start, then runs one
 * task at a time, with the next one already in its inbox. Tasks wait in one first-in first-out
 * queue in this thread and go to whichever worker has room. The queue is bounded: past `maxQueued` waiting tasks a request is refused at once
 * (`ComputeBusyError`, a 503 with Retry-After) instead of waiting behind work that would take
 * longer than a client waits. A worker that dies (a bug, memory past its limit) or runs a task
 * past `taskTimeoutMs` is replaced; the task it was running fails with `ComputeFailedError` (a
 * 500) and is not retried, since the same input would likely fail again; the one in its inbox,
 * not started, goes back to the head of the queue; every other task goes on.
 *
 * An answer's buffer moves to this thread without a copy; once its response is sent and nothing
 * else holds it, `recycle` queues it to travel back to a worker with a later task, and the worker
 * writes a later answer into it (answer-buffers.ts says why that matters).
 */
export interface Compute {
  /** `signal`: the client went away; a task still waiting for a worker is dropped (one already running finishes). */
  run<N extends TaskName>(name: N, input: TaskInput<N>, signal?: AbortSignal): Promise<ComputeAnswer>;
  /**
   * Hands back the memory of an answer's body that nothing will read again (its response is
   * sent, no cache holds it), for a worker to write a later answer into. The body must not be
   * used afterwards: its buffer is moved away and reads as empty.
   */
  recycle(body: Uint8Array<ArrayBuffer>): void;
  close(): Promise<void>;
}

/**
 * A task's answer: the response body as UTF-8, or the issues of an expected failure. Bytes
 * rather than text: a worker's bytes move to the server thread without a copy, and the server
 * writes them to the socket as they are, so the ~50 KB of a plan never becomes a string in the
 * server thread's heap (under load, strings there and in the workers cost 100+ MB more memory).
 */
export type ComputeAnswer = { ok: true; body: Uint8Array<ArrayBuffer> } | { ok: false; issues: Issue[] };

const utf8 = new TextEncoder();

/**
 * A task's outcome as an answer; a JSON body is written into memory from `allocate`, with the
 * program facts' text kept in `records` (answer-records.ts).
 */
export function answerOf(
  outcome: TaskOutcome,
  allocate?: AllocateBytes,
  records?: RecordTexts,
): ComputeAnswer {
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    body: "json" in outcome ? jsonBytes(outcome.json, allocate, records) : utf8.encode(outcome.text),
  };
}

/** The queue is full: the caller should answer 503 and ask the client to come back later. */
export class ComputeBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("every compute worker is busy and the queue is full");
    this.name = "ComputeBusyError";
  }
}

/**
 * The task's worker died or overran its time; the pool is closed or cannot start workers; or the
 * client went away before the task reached a worker.
 */
export class ComputeFailedError extends Error {
  constructor(
    readonly reason: "crashed" | "timed-out" | "closed" | "unavailable" | "abandoned",
    detail: string,
  ) {
    super(detail);
    this.name = "ComputeFailedError";
  }
}

/** Runs tasks in this thread: no queue, no workers. */
export class InProcessCompute implements Compute {
  private readonly records = answerRecordTexts();

  constructor(private readonly data: ComputeData) {}

  async run<N extends TaskName>(name: N, input: TaskInput<N>): Promise<ComputeAnswer> {
    return answerOf(await runTask(this.data, name, input), undefined, this.records);
  }

  recycle(): void {
    // Bodies made in this thread are ordinary garbage once sent.
  }

  async close(): Promise<void> {}
}

/**
 * Tasks sent to a worker at once: the one it runs and the next, already in its inbox, so it
 * starts that one without waiting for this thread to hear of the first and send another (a wait
 * that grows when this thread is busy with HTTP or the machine with other work).
 */
const IN_FLIGHT_PER_WORKER = 2;

/** Tasks allowed to wait per worker. At a few ms per plan that is well under a second of work. */
export const MAX_QUEUED_PER_WORKER = 64;

/**
 * Far above the slowest valid request measured (a what-if over a whole specialty's catalog,
 * about a second): a task past it is stuck, and its worker is replaced.
 */
export const TASK_TIMEOUT_MS = 30_000;

/** What a full queue tells the client to wait: the queue drains in well under this at plan speeds. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * Each worker's heap: the loaded rulebook and catalog take about 25 MB, a plan's working set a
 * few MB. The cap keeps one runaway computation from taking the machine's memory: the worker
 * stops with an out-of-memory error, its request gets a 500, and a new worker takes its place.
 * The young generation (where each plan's short-lived objects are made) is held to 32 MB. A plan
 * makes about 1.3 MB of objects, most alive until it ends, so each young collection copies a plan
 * in progress; a larger young generation collects (and copies) less often. Two pools of two
 * workers fed the same plans in turns: 32 MB took 0.82 of the time per plan of the code before
 * (16 MB), 16 MB took 0.88, 48 MB took 0.90. Under the load bench 32 MB served 455–474 req/s
 * against 411 at 16 MB, for 35–40 MB more at the peak (464–470 MB in all, with the WebAssembly
 * setting of engine-flags.mjs). V8's own default would let it grow further, memory every worker
 * keeps for its life.
 */
const WORKER_OLD_GENERATION_MB = 256; // not a score: megabytes
const WORKER_YOUNG_GENERATION_MB = 32; // not a score: megabytes
export const WORKER_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB,
  maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
};

/**
 * Sent answers' buffers held for the workers to reuse. Each is the size of one answer (40–250 KB),
 * and at most a few answers are being written to sockets at once, so a handful covers the steady
 * state; beyond it a buffer is left to the garbage collector as before.
 */
export const MAX_SPARE_BUFFERS = 16;
/** Spare buffers sent along with one task: enough to replace the one its answer will take. */
const SPARES_PER_TASK = 2;

/** Replacements that may fail to start in a row before the pool stops trying (broken data, no memory). */
const MAX_START_FAILURES = 3;

export interface ComputePoolOptions {
  /** Worker threads; at least 1. */
  size: number;
  /** Tasks that may wait for a worker; default `size × MAX_QUEUED_PER_WORKER`. */
  maxQueued?: number;
  taskTimeoutMs?: number;
  /** The worker script; the compute worker by default (tests pass their own). */
  workerUrl?: URL;
  /** Given to every worker at start: for the compute worker, `shareComputeData`'s result. */
  workerData: unknown;
  /** Heap limits per worker, so one runaway task cannot take the machine's memory. */
  resourceLimits?: ResourceLimits;
  /** Told when a worker dies or is replaced (its reason, never task input). */
  onWorkerExit?: (reason: string) => void;
}

/** Messages from a worker. */
export type WorkerMessage =
  | { ready: true }
  | { id: number; answer: ComputeAnswer }
  | { id: number; error: { name: string; message: string; stack?: string } };

/** Messages to a worker. */
export interface TaskMessage {
  id: number;
  name: string;
  input: unknown;
  /** Buffers of answers already sent, moved to the worker to write later answers into. */
  spare?: ArrayBuffer[];
}

interface Job {
  id: number;
  name: string;
  input: unknown;
  resolve: (answer: ComputeAnswer) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Tasks sent to this worker, in order: the first is running, the others wait in its inbox. */
  jobs: Job[];
  /** The running task's time limit. */
  timer: NodeJS.Timeout | null;
  timedOut: boolean;
  lastError: Error | null;
}

export class ComputePool implements Compute {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  /** Buffers handed back by `recycle`, waiting to travel to a worker with its next task. */
  private readonly spare: ArrayBuffer[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;
  /** Whether any worker has been ready: failures before that are `start`'s to report. */
  private everReady = false;
  private readonly maxQueued: number;
  private readonly taskTimeoutMs: number;
  private readonly workerUrl: URL;

  private constructor(private readonly opts: ComputePoolOptions) {
    this.maxQueued = opts.maxQueued ?? opts.size * MAX_QUEUED_PER_WORKER;
    this.taskTimeoutMs = opts.taskTimeoutMs ?? TASK_TIMEOUT_MS;
    this.workerUrl = opts.workerUrl ?? new URL("./compute-worker-entry.mjs", import.meta.url);
  }

  /** Starts `size` workers and resolves once every one has loaded its data; rejects with the first start error. */
  static async start(opts: ComputePoolOptions): Promise<ComputePool> {
    if (!Number.isInteger(opts.size) || opts.size < 1)
      throw new RangeError("a compute pool needs at least one worker");
    const pool = new ComputePool(opts);
    try {
      await Promise.all(Array.from({ length: opts.size }, () => pool.spawn()));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Workers alive now (starting or ready). */
  get size(): number {
    return this.slots.size;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  run<N extends TaskName>(name: N, input: TaskInput<N>, signal?: AbortSignal): Promise<ComputeAnswer> {
    if (signal?.aborted) return Promise.reject(abandoned());
    if (this.closed) return Promise.reject(new ComputeFailedError("closed", "the compute pool is closed"));
    if (this.slots.size === 0)
      return Promise.reject(new ComputeFailedError("unavailable", "no compute worker could be started"));
    const idle = this.idleSlot();
    if (!idle && this.queue.length >= this.maxQueued)
      return Promise.reject(new ComputeBusyError(RETRY_AFTER_SECONDS));
    return new Promise<ComputeAnswer>((resolve, reject) => {
      const job: Job = { id: this.nextId++, name, input, resolve, reject };
      if (idle) {
        this.dispatch(idle, job);
        return;
      }
      this.queue.push(job);
      // A request whose client has gone would only delay the ones behind it.
      signal?.addEventListener(
        "abort",
        () => {
          const at = this.queue.indexOf(job);
          if (at === -1) return;
          this.queue.splice(at, 1);
          reject(abandoned());
        },
        { once: true },
      );
    });
  }

  recycle(body: Uint8Array<ArrayBuffer>): void {
    const buffer = body.buffer;
    // Only whole buffers a worker made for one answer (a view at offset 0); never twice.
    if (body.byteOffset !== 0 || buffer.byteLength === 0 || this.closed) return;
    if (this.spare.length >= MAX_SPARE_BUFFERS || this.spare.includes(buffer)) return;
    this.spare.push(buffer);
  }

  /** Stops every worker; tasks still waiting or running fail with `ComputeFailedError`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.reject(new ComputeFailedError("closed", "the compute pool closed before the task ran"));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
  }

  /** The ready worker with the fewest tasks, if it can take one more. */
  private idleSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots)
      if (s.ready && s.jobs.length < IN_FLIGHT_PER_WORKER && (!best || s.jobs.length < best.jobs.length))
        best = s;
    return best;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    if (slot.jobs.length === 1) this.startClock(slot);
    const spare = this.spare.splice(0, SPARES_PER_TASK);
    const message: TaskMessage = { id: job.id, name: job.name, input: job.input };
    if (spare.length === 0) slot.worker.postMessage(message);
    else slot.worker.postMessage({ ...message, spare }, spare);
  }

  /** Times the task now running on `slot` (the first it holds). */
  private startClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer =
      slot.jobs.length === 0
        ? null
        : setTimeout(() => {
            slot.timedOut = true;
            void slot.worker.terminate();
          }, this.taskTimeoutMs);
  }

  /** Fills the worker's inbox from the queue. */
  private refill(slot: Slot): void {
    while (slot.jobs.length < IN_FLIGHT_PER_WORKER) {
      const job = this.queue.shift();
      if (!job) return;
      this.dispatch(slot, job);
    }
  }

  /** Starts one worker; resolves when it is ready, rejects if it dies first. */
  private spawn(): Promise<void> {
    return new Promise<void>((resolveReady, rejectReady) => {
      const worker = new Worker(this.workerUrl, {
        workerData: this.opts.workerData,
        // The entry script registers the TypeScript loader itself; inheriting the server's `--import tsx` would load it twice.
        execArgv: process.execArgv.filter((a, i, all) => a !== "--import" && all[i - 1] !== "--import"),
        ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
      });
      const slot: Slot = { worker, ready: false, jobs: [], timer: null, timedOut: false, lastError: null };
      this.slots.add(slot);

      worker.on("message", (msg: WorkerMessage) => {
        if ("ready" in msg) {
          slot.ready = true;
          this.everReady = true;
          this.startFailures = 0;
          resolveReady();
          this.refill(slot);
          return;
        }
        // A worker answers its tasks in the order it was sent them.
        const job = slot.jobs[0];
        if (!job || job.id !== msg.id) return;
        slot.jobs.shift();
        this.startClock(slot);
        if ("answer" in msg) job.resolve(msg.answer);
        else job.reject(revive(msg.error));
        this.refill(slot);
      });
      worker.on("error", (e) => {
        slot.lastError ??= e;
      });
      worker.on("exit", (code) => {
        this.slots.delete(slot);
        if (slot.timer) clearTimeout(slot.timer);
        const [job, ...unstarted] = slot.jobs.splice(0);
        if (!slot.ready) {
          rejectReady(
            slot.lastError ?? new Error(`a compute worker exited with code ${code} before it was ready`),
          );
          if (!this.closed) this.replaceAfterStartFailure();
          return;
        }
        if (this.closed) {
          for (const j of [job, ...unstarted])
            j?.reject(new ComputeFailedError("closed", "the compute pool closed while the task ran"));
          return;
        }
        const reason = slot.timedOut
          ? `a compute task ran past ${this.taskTimeoutMs} ms; its worker was stopped and replaced`
          : `a compute worker exited (code ${code}${slot.lastError ? `, ${slot.lastError.name}` : ""}); it was replaced`;
        this.opts.onWorkerExit?.(reason);
        job?.reject(new ComputeFailedError(slot.timedOut ? "timed-out" : "crashed", reason));
        // Tasks still in the dead worker's inbox never started: they go back to the head of the queue.
        this.queue.unshift(...unstarted);
        for (const s of this.slots) if (s.ready) this.refill(s);
        this.respawn();
      });
    });
  }

  private respawn(): void {
    this.spawn().catch(() => {
      // Counted and retried (or given up) by the exit handler.
    });
  }

  private replaceAfterStartFailure(): void {
    if (!this.everReady) return;
    this.startFailures++;
    if (this.startFailures < MAX_START_FAILURES) {
      this.respawn();
      return;
    }
    this.opts.onWorkerExit?.(
      `${MAX_START_FAILURES} compute workers in a row failed to start; not trying again`,
    );
    if (this.slots.size === 0)
      for (const job of this.queue.splice(0))
        job.reject(new ComputeFailedError("unavailable", "no compute worker could be started"));
  }
}

const abandoned = () => new ComputeFailedError("abandoned", "the client went away before the task ran");

/** An error thrown inside a worker, rebuilt with its name and stack so the server logs where it was thrown. */
function revive(e: { name: string; message: string; stack?: string }): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}
