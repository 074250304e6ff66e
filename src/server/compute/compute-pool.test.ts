import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { repositorySeasonData } from "../../io/load-season-model.ts";
import type { SavedPlan } from "../../store/store.ts";
import { requestSchemas } from "../schemas/request-schemas.ts";
import {
  type Compute,
  type ComputeAnswer,
  ComputeBusyError,
  ComputeFailedError,
  ComputePool,
  type ComputePoolOptions,
  InProcessCompute,
} from "./compute-pool.ts";
import type { TaskInput, TaskName } from "./compute-tasks.ts";
import { shareComputeData } from "./worker-data.ts";

/**
 * The worker pool answers exactly as computing in this thread does, refuses work at once when
 * its queue is full, and survives a worker that crashes, throws or hangs: the task that held
 * the worker fails, every other task is answered, and nothing waits forever. Failure cases use a
 * scripted worker that crashes or blocks on demand, so no test depends on how fast the machine is.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const schemas = requestSchemas(rb, data);
const programsById = new Map(data.catalog.programs.map((p) => [p.id, p]));
const profile = JSON.parse(
  readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
) as { step2ck: { score: number } };
const SPECIALTY = "diagnostic-radiology";
const AS_OF = "2026-06-01";
const drIds = (data.bySpecialty.get(SPECIALTY) ?? []).slice(0, 12).map((p) => p.id);

const scripted = new URL("../../../test/server/support/scripted-compute-worker.mjs", import.meta.url);
const startScripted = (opts: Partial<ComputePoolOptions> = {}) =>
  ComputePool.start({ size: 1, workerUrl: scripted, workerData: {}, ...opts });
/** Runs a task of the scripted worker by its behaviour name; a body comes back as text. */
const script = (pool: Compute, behaviour: string, input: unknown = {}) =>
  pool.run(behaviour as TaskName, input as never).then(asText);
const asText = (a: ComputeAnswer) => (a.ok ? { ok: true, text: new TextDecoder().decode(a.body) } : a);

/** A gate that holds a scripted `wait` task until it is opened. */
function gate() {
  const buffer = new SharedArrayBuffer(4);
  return {
    buffer,
    open: () => {
      const cell = new Int32Array(buffer);
      Atomics.store(cell, 0, 1);
      Atomics.notify(cell, 0);
    },
  };
}

describe("the compute pool with the real worker", () => {
  let pool: ComputePool;
  const season = repositorySeasonData();
  const here = new InProcessCompute({ rulebook: rb, programData: data, season, programsById });
  beforeAll(async () => {
    pool = await ComputePool.start({ size: 2, workerData: shareComputeData(rb, data, season) });
  }, 120_000);
  afterAll(() => pool?.close());

  const plan = (score: number, extra: object = {}) => ({
    ...schemas.planBody.parse({
      profile: { ...profile, step2ck: { score, attempts: 1 } },
      specialty: SPECIALTY,
      ...extra,
    }),
    asOf: AS_OF,
  });
  const untaken = { ...profile, step2ck: { score: null, attempts: 0 } };
  const saved: SavedPlan = {
    id: "p_test",
    version: 3,
    createdAt: "2026-05-01T10:00:00.000Z",
    updatedAt: "2026-05-02T10:00:00.000Z",
    profile: profile as never,
    specialty: SPECIALTY,
    tracker: [],
    practiceLog: [],
    programs: drIds
      .slice(0, 4)
      .map((programId, i) => ({ programId, status: i === 0 ? "withdrawn" : "applied" })),
  };
  const cases: Array<[string, TaskName, TaskInput<TaskName>]> = [
    ["a plan", "plan", plan(236)],
    ["a plan with another score", "plan", plan(252)],
    ["a plan with no budget limit and signals off", "plan", plan(221, { budgetUsd: null, signals: "none" })],
    [
      "a what-if sweep",
      "whatIf",
      {
        ...schemas.whatIfBody.parse({
          profile,
          specialty: SPECIALTY,
          programIds: drIds,
          scores: [220, 240, 260],
        }),
        asOf: AS_OF,
      },
    ],
    [
      "a what-if naming an unknown program (issues)",
      "whatIf",
      {
        ...schemas.whatIfBody.parse({
          profile,
          specialty: SPECIALTY,
          programIds: ["no-such-program"],
          scores: [230],
        }),
        asOf: AS_OF,
      },
    ],
    [
      "an evaluated list",
      "evaluate",
      { ...schemas.evaluateBody.parse({ profile, specialty: SPECIALTY, programIds: drIds }), asOf: AS_OF },
    ],
    [
      "a study plan",
      "studyPlan",
      {
        body: { ...schemas.studyPlanBody.parse({ profile: untaken, specialty: SPECIALTY }), asOf: AS_OF },
        format: "json",
      },
    ],
    [
      "a study plan as iCalendar",
      "studyPlan",
      {
        body: { ...schemas.studyPlanBody.parse({ profile: untaken, specialty: SPECIALTY }), asOf: AS_OF },
        format: "ics",
      },
    ],
    [
      "a report",
      "report",
      {
        body: { ...schemas.reportBody.parse({ profile, specialty: SPECIALTY }), asOf: AS_OF },
        format: "json",
      },
    ],
    [
      "a report in Markdown",
      "report",
      { body: { ...schemas.reportBody.parse({ profile, specialty: SPECIALTY }), asOf: AS_OF }, format: "md" },
    ],
    ["a saved plan's results", "savedPlanResults", { plan: saved, asOf: AS_OF }],
  ];

  it.each(cases)("gives %s exactly as computing in this thread does", async (_, name, input) => {
    const [pooled, inThread] = await Promise.all([pool.run(name, input), here.run(name, input)]);
    expect(pooled).toEqual(inThread);
  });

  it("moves a recycled answer's memory to a worker, which writes later answers into it, unchanged", async () => {
    const first = await pool.run("plan", plan(240));
    if (!first.ok) throw new Error("no plan");
    const buffer = first.body.buffer;
    const size = buffer.byteLength;
    pool.recycle(first.body);
    // Sent with the next task: gone from this thread (the old view reads as empty).
    const inputs = [241, 242, 243, 244].map((s) => plan(s));
    const later = await Promise.all(inputs.map((i) => pool.run("plan", i)));
    expect(buffer.byteLength).toBe(0);
    expect(first.body.length).toBe(0);
    expect(later).toEqual(await Promise.all(inputs.map((i) => here.run("plan", i))));
    // One of the later answers was written into it: a buffer of the recycled size came back.
    expect(later.some((a) => a.ok && a.body.buffer.byteLength === size)).toBe(true);
    // Recycling the same memory twice, or a view that does not start the buffer, is ignored.
    const again = later[0];
    if (!again?.ok) throw new Error("no plan");
    pool.recycle(again.body);
    pool.recycle(again.body);
    pool.recycle(again.body.subarray(1));
    await pool.run("plan", plan(245));
    expect(again.body.buffer.byteLength).toBe(0);
  });

  it("spreads simultaneous tasks over its workers and answers each one", async () => {
    const inputs = [230, 231, 232, 233, 234, 235].map((s) => plan(s));
    const answers = await Promise.all(inputs.map((i) => pool.run("plan", i)));
    const expected = await Promise.all(inputs.map((i) => here.run("plan", i)));
    expect(answers).toEqual(expected);
    expect(new Set(answers.map((a) => asText(a)).map((a) => ("text" in a ? a.text : ""))).size).toBe(
      inputs.length,
    );
  });
});

describe("the compute pool when work piles up or fails", () => {
  it("refuses a task at once when every worker is busy and the queue is full, and runs what it accepted", async () => {
    const pool = await startScripted({ maxQueued: 1 });
    try {
      const g = gate();
      const running = script(pool, "wait", { gate: g.buffer });
      // The next task waits in the worker's inbox, the one after in the pool's queue.
      const inbox = script(pool, "echo", { n: 1 });
      const queued = script(pool, "echo", { n: 2 });
      expect(pool.queued).toBe(1);
      await expect(script(pool, "echo", { n: 3 })).rejects.toBeInstanceOf(ComputeBusyError);
      g.open();
      expect(await running).toEqual({ ok: true, text: "released" });
      expect(await inbox).toEqual({ ok: true, text: '{"n":1}' });
      expect(await queued).toEqual({ ok: true, text: '{"n":2}' });
      // With the queue drained, work is accepted again.
      expect(await script(pool, "echo", { n: 4 })).toEqual({ ok: true, text: '{"n":4}' });
    } finally {
      await pool.close();
    }
  });

  it("drops a waiting task whose client went away, so it delays nothing behind it", async () => {
    const pool = await startScripted({ maxQueued: 2 });
    try {
      const g = gate();
      const running = script(pool, "wait", { gate: g.buffer });
      const inbox = script(pool, "echo", { n: 0 });
      const client = new AbortController();
      const gone = pool.run("echo" as TaskName, { n: 1 } as never, client.signal);
      const behind = script(pool, "echo", { n: 2 });
      expect(pool.queued).toBe(2);
      client.abort();
      // Rejected while the worker is still held: it left the queue without running.
      await expect(gone).rejects.toMatchObject({ name: "ComputeFailedError", reason: "abandoned" });
      expect(pool.queued).toBe(1);
      await expect(pool.run("echo" as TaskName, {} as never, AbortSignal.abort())).rejects.toMatchObject({
        reason: "abandoned",
      });
      g.open();
      expect(await running).toEqual({ ok: true, text: "released" });
      expect(await inbox).toEqual({ ok: true, text: '{"n":0}' });
      expect(await behind).toEqual({ ok: true, text: '{"n":2}' });
    } finally {
      await pool.close();
    }
  });

  it("fails the task whose worker crashed, replaces the worker, and answers the tasks behind it", async () => {
    const exits: string[] = [];
    const pool = await startScripted({ onWorkerExit: (r) => exits.push(r) });
    try {
      const crashed = script(pool, "crash");
      // One in the crashed worker's inbox (never started), one in the queue.
      const inbox = script(pool, "echo", { after: "crash" });
      const behind = script(pool, "echo", { after: "that" });
      const failure = await crashed.then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(ComputeFailedError);
      expect((failure as ComputeFailedError).reason).toBe("crashed");
      expect(await inbox).toEqual({ ok: true, text: '{"after":"crash"}' });
      expect(await behind).toEqual({ ok: true, text: '{"after":"that"}' });
      expect(await script(pool, "echo", { n: 1 })).toEqual({ ok: true, text: '{"n":1}' });
      expect(pool.size).toBe(1);
      expect(exits).toHaveLength(1);
      expect(exits[0]).toMatch(/exited \(code 7/);
    } finally {
      await pool.close();
    }
  });

  it("passes on a task's exception as that task's error and keeps the worker", async () => {
    const exits: string[] = [];
    const pool = await startScripted({ onWorkerExit: (r) => exits.push(r) });
    try {
      await expect(script(pool, "throw")).rejects.toMatchObject({
        name: "TypeError",
        message: "a task failed",
      });
      expect(await script(pool, "issues")).toEqual({
        ok: false,
        issues: [{ code: "invalid_value", path: "profile", message: "scripted" }],
      });
      expect(exits).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it("stops a task that never ends after the time limit and answers the next one", async () => {
    // Far longer than an echo takes on any machine; the hanging task never ends at all.
    const pool = await startScripted({ taskTimeoutMs: 1_000 });
    try {
      const hung = script(pool, "hang");
      const next = script(pool, "echo", { n: 1 });
      await expect(hung).rejects.toMatchObject({ name: "ComputeFailedError", reason: "timed-out" });
      expect(await next).toEqual({ ok: true, text: '{"n":1}' });
    } finally {
      await pool.close();
    }
  });

  it("on close, fails the tasks running or waiting instead of leaving them pending, and refuses new ones", async () => {
    const pool = await startScripted();
    const g = gate();
    const settled = Promise.allSettled([
      script(pool, "wait", { gate: g.buffer }),
      script(pool, "echo", { in: "inbox" }),
      script(pool, "echo", { in: "queue" }),
    ]);
    await pool.close();
    for (const outcome of await settled)
      expect(outcome).toMatchObject({ status: "rejected", reason: { reason: "closed" } });
    await expect(script(pool, "echo", {})).rejects.toMatchObject({ reason: "closed" });
  });

  it("does not start when a worker cannot start, and says why", async () => {
    await expect(startScripted({ size: 2, workerData: { failStart: true } })).rejects.toThrow(
      "this worker was told not to start",
    );
  });
});
