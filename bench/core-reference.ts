import { performance } from "node:perf_hooks";
import type { Profile } from "../src/core/profile/profile-schema.ts";
import { planProgramList } from "../src/core/programs/plan-program-list.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { AnswerBuffers } from "../src/server/compute/answer-buffers.ts";
import { answerRecordTexts } from "../src/server/compute/answer-records.ts";
import { type PlanRequest, programList } from "../src/server/compute/compute-tasks.ts";
import { jsonBytes } from "../src/server/compute/json-bytes.ts";
import { requestSchemas } from "../src/server/schemas/request-schemas.ts";
import type { PlanBody } from "./distinct-bodies.ts";

/**
 * The reference `npm run bench:load` sets its target from: the plan route's call into the core,
 * timed alone. `npm run bench:load` (and `npm run bench`) compile this module first
 * (scripts/build-bench.mjs, into dist/bench/) and time the compiled code, as the server runs
 * the core compiled (dist/server/): run through tsx, every function the core makes at run time
 * is also given its name (esbuild's keepNames), which cost 3–5% of the core call in turns with
 * the compiled code (2.31–2.60 ms against 2.43–2.59 ms, a slow hour) and made the target easier
 * by as much. The TypeScript module is the fallback where there is no current build.
 */

/** Bodies timed in-process for the core's median, after JIT warm-up on others. */
export const CORE_SAMPLES = 1_000;
/** Plans on other bodies before the core is timed, at the least. */
const CORE_WARMUP = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/**
 * The core alone, in this process: each body validated by the route's own schema (so the core
 * gets exactly what the route gives it), then the route's call into the core timed alone
 * (`programList`: `planApplication` for the list, then its list part), without the server,
 * the workers or the JSON. `planProgramList`, the list optimiser the target used to count on
 * its own, is timed on the same bodies too, so earlier figures can be read against this one.
 *
 * Timed warm, as the server is: plans on other bodies run for `warmupSeconds` first (at least
 * `CORE_WARMUP` of them), then the first `CORE_SAMPLES` bodies are timed.
 *
 * `answerJson` is not part of the target. It is the answer's JSON as a compute worker writes it
 * (`jsonBytes` into reused buffers, program facts kept across answers), timed right after each
 * plan on the same bodies, in a second pass so the core's own timing is not disturbed: a worker
 * writes an answer while the plan's objects are fresh, which costs more than writing the same
 * answers in a loop. Printed beside the target, it says how much of the gap the JSON is.
 */
export function coreMedianMs(
  bodies: readonly PlanBody[],
  warmupSeconds: number,
): { route: number; planProgramList: number; answerJson: number } {
  const rb = repositoryRulebook();
  const data = repositoryProgramData();
  const schema = requestSchemas(rb, data).planBody;
  const requests = bodies.map((b, i) => {
    const parsed = schema.safeParse(b);
    if (!parsed.success) throw new Error(`bench body ${i} is not a valid plan request`);
    return { body: b, request: parsed.data as PlanRequest, i };
  });
  const once = ({ body, request, i }: (typeof requests)[number]) => {
    let t = performance.now();
    const plan = programList(rb, data, request);
    const routeMs = performance.now() - t;
    if (!plan.ok) throw new Error(`bench body ${i} gives no plan`);
    t = performance.now();
    const optimised = planProgramList(rb, data, {
      profile: request.profile as Profile,
      specialty: request.specialty,
      asOf: request.asOf,
      budgetUsd: body.budgetUsd,
    });
    const listMs = performance.now() - t;
    if (!optimised.ok) throw new Error(`bench body ${i} gives no program list`);
    return { routeMs, listMs };
  };
  const timed = requests.slice(0, CORE_SAMPLES);
  const warm = requests.slice(CORE_SAMPLES);
  const started = performance.now();
  for (let k = 0; k < CORE_WARMUP || performance.now() - started < warmupSeconds * 1000; k++)
    once(warm[k % warm.length] as (typeof requests)[number]);
  const route: number[] = [];
  const list: number[] = [];
  for (const x of timed) {
    const { routeMs, listMs } = once(x);
    route.push(routeMs);
    list.push(listMs);
  }
  const buffers = new AnswerBuffers();
  const records = answerRecordTexts();
  const json: number[] = [];
  for (const { request } of timed) {
    const plan = programList(rb, data, request);
    const t = performance.now();
    const bytes = jsonBytes(plan.ok ? plan.value : plan, buffers.allocate, records);
    json.push(performance.now() - t);
    buffers.keep([bytes.buffer]);
  }
  return { route: median(route), planProgramList: median(list), answerJson: median(json) };
}
