import { performance } from "node:perf_hooks";
import type { Profile } from "../src/core/profile/profile-schema.ts";
import { planProgramList } from "../src/core/programs/plan-program-list.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { repositorySeasonData } from "../src/io/load-season-model.ts";
import { computeDataOf, computeTasks } from "../src/server/compute/compute-tasks.ts";
import { jsonBytes } from "../src/server/compute/json-bytes.ts";
import { requestSchemas } from "../src/server/schemas/request-schemas.ts";
import { distinctPlanBodies } from "./distinct-bodies.ts";

/**
 * The plan route's CPU per distinct request, in this process: the median over the load bench's
 * bodies of `planProgramList` alone and of the whole computation the route's worker runs
 * (`computeTasks.plan`: the plan with its assessment and the list part, then the answer's bytes
 * by `jsonBytes`). `bench:load` sets its target from the route's core call (`programList`). Validation is done before timing. Prints figures;
 * never fails. `npx tsx bench/plan-route.ts [rounds]` — rounds repeat the pass and keep each
 * body's fastest time, which steadies the figure on a shared machine.
 */
const SAMPLES = 1_000;
const WARMUP = 200;

const rb = repositoryRulebook();
const data = repositoryProgramData();
const schemas = requestSchemas(rb, data);
const compute = computeDataOf(rb, data, repositorySeasonData());
const bodies = distinctPlanBodies(WARMUP + SAMPLES).map((raw, i) => {
  const parsed = schemas.planBody.safeParse(raw);
  if (!parsed.success) throw new Error(`bench body ${i} is not a valid plan body`);
  return { ...parsed.data, asOf: raw.asOf };
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const rounds = Number(process.argv[2] ?? 3);
const listMs = new Array<number>(SAMPLES).fill(Number.POSITIVE_INFINITY);
const routeMs = new Array<number>(SAMPLES).fill(Number.POSITIVE_INFINITY);
// Each round times the route over every body, then `planProgramList` over every body: one body's
// two computations never run back to back, so neither finds the other's work in a memo.
for (let r = 0; r < rounds; r++) {
  for (const [i, b] of bodies.entries()) {
    const t = performance.now();
    const out = computeTasks.plan(compute, b);
    if (!out.ok || !("json" in out)) throw new Error(`bench body ${i} gives no route answer`);
    jsonBytes(out.json);
    const ms = performance.now() - t;
    if (i >= WARMUP) routeMs[i - WARMUP] = Math.min(routeMs[i - WARMUP] as number, ms);
  }
  for (const [i, b] of bodies.entries()) {
    const t = performance.now();
    const plan = planProgramList(rb, data, {
      profile: b.profile as Profile,
      specialty: b.specialty,
      asOf: b.asOf,
      budgetUsd: b.budgetUsd ?? null,
    });
    const ms = performance.now() - t;
    if (!plan.ok) throw new Error(`bench body ${i} gives no plan`);
    if (i >= WARMUP) listMs[i - WARMUP] = Math.min(listMs[i - WARMUP] as number, ms);
  }
}
console.log(
  `planProgramList: median ${median(listMs).toFixed(3)} ms; plan route (planApplication + planPart + JSON): median ${median(routeMs).toFixed(3)} ms — ${SAMPLES} distinct bodies, fastest of ${rounds} rounds each`,
);
