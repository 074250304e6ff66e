import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { distinctPlanBodies, PLAN_AS_OF } from "../bench/distinct-bodies.ts";
import { planApplication } from "../src/core/index.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { repositorySeasonData } from "../src/io/load-season-model.ts";
import { applicationRequest, computeDataOf, computeTasks } from "../src/server/compute/compute-tasks.ts";
import { requestSchemas } from "../src/server/schemas/request-schemas.ts";

/**
 * One SHA-256 over the plans a speed change must leave untouched, byte for byte: for each body,
 * the plan route's response text (`computeTasks.plan`, as the server sends it) and the whole plan
 * (`planApplication` with every part) as JSON. The bodies are the load bench's first 600 (DR,
 * varied profiles and budgets) and, for every specialty, the repository's example profiles with
 * no budget limit, plus signals off, preferences ignored, a parallel specialty and an untaken
 * Step 2 CK. Run before and after a change and compare the digests; `--out FILE` also writes one
 * line per body (its label and digest), so two runs can be diffed to find the body that moved.
 *
 * `npx tsx scripts/plan-digest.ts [--out FILE]`
 */
const BENCH_BODIES = 600;

const rb = repositoryRulebook();
const data = repositoryProgramData();
const schemas = requestSchemas(rb, data);
const compute = computeDataOf(rb, data, repositorySeasonData());

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;
const profiles: Array<[string, Record<string, unknown>]> = [
  ["non-us-img-dr", example("non-us-img-dr.json")],
  ["us-md-im", example("us-md-im.json")],
  ["do-fm", example("do-fm.json")],
  ["step1-failure-dr", example("step1-failure-dr.json")],
  ["non-us-img-ir", example("non-us-img-ir.json")],
  ["untaken", { ...example("non-us-img-dr.json"), step2ck: { score: null, attempts: 0 } }],
  ["h1b", { ...example("non-us-img-dr.json"), visa: "h1b" }],
];

const bodies: Array<[string, Record<string, unknown>]> = distinctPlanBodies(BENCH_BODIES).map((b, i) => [
  `bench-${i}`,
  b as unknown as Record<string, unknown>,
]);
const specialties = [...rb.specialties.keys()];
for (const sp of specialties)
  for (const [name, profile] of profiles)
    bodies.push([`${sp}/${name}/no-budget`, { profile, specialty: sp, budgetUsd: null, asOf: PLAN_AS_OF }]);
for (const sp of [
  "internal-medicine",
  "diagnostic-radiology",
  "interventional-radiology",
  "family-medicine",
]) {
  const profile = profiles[0]?.[1];
  bodies.push([`${sp}/signals-none`, { profile, specialty: sp, signals: "none", asOf: PLAN_AS_OF }]);
  bodies.push([
    `${sp}/anywhere`,
    { profile, specialty: sp, anywhere: true, budgetUsd: 4000, asOf: PLAN_AS_OF },
  ]);
  bodies.push([
    `${sp}/parallel`,
    { profile, specialty: sp, parallelSpecialty: "internal-medicine", budgetUsd: 6000, asOf: PLAN_AS_OF },
  ]);
  bodies.push([`${sp}/other-date`, { profile, specialty: sp, asOf: "2026-06-01" }]);
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const all = createHash("sha256");
const lines: string[] = [];
for (const [label, raw] of bodies) {
  const parsed = schemas.planBody.safeParse(raw);
  if (!parsed.success) throw new Error(`${label}: not a valid plan body: ${parsed.error.message}`);
  const b = { ...parsed.data, asOf: parsed.data.asOf ?? PLAN_AS_OF };
  const route = computeTasks.plan(compute, b);
  // The route's answer as it is sent: a value the compute worker writes as JSON, or text.
  const routeText = !route.ok
    ? JSON.stringify(route.issues)
    : "text" in route
      ? route.text
      : JSON.stringify(route.json);
  const whole = planApplication(rb, data, applicationRequest(b));
  const wholeText = JSON.stringify(whole);
  all.update(`${label}\n${routeText}\n${wholeText}\n`);
  lines.push(`${label} ${sha(routeText).slice(0, 16)} ${sha(wholeText).slice(0, 16)}`);
}
const out = process.argv.indexOf("--out");
if (out > 0) writeFileSync(process.argv[out + 1] as string, `${lines.join("\n")}\n`);
console.log(`${bodies.length} bodies: sha256 ${all.digest("hex")}`);
