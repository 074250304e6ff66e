import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { repositorySeasonData } from "../src/io/load-season-model.ts";
import { computeDataOf, programList } from "../src/server/compute/compute-tasks.ts";
import { requestSchemas } from "../src/server/schemas/request-schemas.ts";
import { distinctPlanBodies } from "./distinct-bodies.ts";
const rb = repositoryRulebook();
const data = repositoryProgramData();
const schemas = requestSchemas(rb, data);
computeDataOf(rb, data, repositorySeasonData());
const bodies = distinctPlanBodies(3000).map((raw) => ({ ...schemas.planBody.parse(raw), asOf: raw.asOf }));
const t0 = performance.now();
let n = 0;
while (performance.now() - t0 < 20000) { programList(rb, data, bodies[n % bodies.length] as never); n++; }
console.log(n, "plans", ((performance.now() - t0) / n).toFixed(2), "ms each");
