import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWebData } from "../../scripts/build-web-data.ts";
import {
  type Catalog,
  expandValidatedCatalog,
  groupBySpecialty,
  type ProgramData,
  type Rulebook,
  validateProfile,
} from "../../src/core/index.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { defaultDataDir, repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { type Engine, loadEngine } from "../../web/src/engine/load-engine.ts";
import { computePlan, firstParts, type PlanInputs, planLoading } from "../../web/src/engine/run-plan.ts";
import { EXAMPLES } from "../../web/src/profile/examples.ts";
import { planCases } from "../support/plan-profiles.ts";

/**
 * The catalog in parts (src/core/programs/catalog-parts.ts), as the page loads it: the build's
 * files (scripts/build-web-data.ts, written to a temporary folder), fetched by the page's own
 * loader (web/src/engine/load-engine.ts) as plans ask for them. A plan made on the parts it
 * fetched is the plan the whole catalog gives — every figure, program and sentence — and a first
 * plan fetches its specialty's parts, not the catalog.
 */
let dir: string;
let rb: Rulebook;
let whole: ProgramData;

/** The page's engine on the built files, counting what it fetches. */
async function pageEngine(): Promise<{ engine: Engine; fetched: string[] }> {
  const fetched: string[] = [];
  const engine = await loadEngine(
    () => 0,
    async (url) => {
      fetched.push(url);
      return JSON.parse(readFileSync(join(dir, url.replace(/^data\//, "")), "utf8"));
    },
  );
  return { engine, fetched };
}

const partsFetched = (fetched: string[]) =>
  fetched.flatMap((u) => /^data\/catalog\/(.+)\.json$/.exec(u)?.[1] ?? []).filter((id) => id !== "index");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "matchplan-web-data-"));
  buildWebData(defaultDataDir(), dir);
  rb = repositoryRulebook();
  // The whole catalog as the page read it before it came in parts: the file, expanded.
  const file = JSON.parse(readFileSync(join(defaultDataDir(), "catalog/programs.json"), "utf8"));
  const catalog = expandValidatedCatalog(file) as Catalog;
  whole = { catalog, model: repositoryProgramData().model, bySpecialty: groupBySpecialty(catalog) };
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("plans on the parts the page fetched", () => {
  /** The plan and the list held against it, without the data they were made on (a part, or the whole). */
  const shown = (r: ReturnType<typeof computePlan>) => ({
    ...r,
    data: null,
    ms: 0,
    held: r.held ? { ...r.held, data: null } : null,
  });
  const samePlan = (page: ReturnType<typeof computePlan>, inputs: PlanInputs) => {
    expect(shown(page)).toEqual(shown(computePlan({ rb, data: whole }, inputs, () => 0)));
  };

  it("plans each example as the whole catalog does, a first plan fetching its specialty's parts only", async () => {
    for (const ex of EXAMPLES) {
      const { engine, fetched } = await pageEngine();
      const v = validateProfile(engine.schema, ex.profile);
      if (!v.ok) throw new Error(`example ${ex.id} is invalid`);
      const inputs = { profile: v.value, specialty: ex.specialty, asOf: "2026-06-01" };
      samePlan(await planLoading(engine, inputs), inputs);
      const parts = partsFetched(fetched);
      expect(parts.length).toBeLessThan(engine.catalog.index.specialties.length);
      expect(parts).toEqual(expect.arrayContaining(firstParts(rb, ex.specialty)));
      // The first non-US IMG in DR: Diagnostic Radiology and its three PGY-1 tracks, nothing else.
      if (ex.id === "non-us-img-dr") expect(parts.sort()).toEqual(firstParts(rb, ex.specialty).sort());
    }
  }, 120_000);

  it("fetches a backup specialty a plan asks for, and plans again with it", async () => {
    const ex = EXAMPLES.find((e) => e.id === "step1-failure-dr");
    if (!ex) throw new Error("no step1-failure-dr example");
    const { engine, fetched } = await pageEngine();
    const v = validateProfile(engine.schema, ex.profile);
    if (!v.ok) throw new Error("invalid example");
    const inputs = { profile: v.value, specialty: ex.specialty, asOf: "2026-06-01" };
    const plan = await planLoading(engine, inputs);
    samePlan(plan, inputs);
    expect(plan.plan.ok && plan.plan.value.backups).toBeTruthy();
    expect(partsFetched(fetched).length).toBeGreaterThan(firstParts(rb, ex.specialty).length);
  }, 60_000);

  it("gives generated applicants in every specialty the whole catalog's plan", async () => {
    const { engine } = await pageEngine();
    await fc.assert(
      fc.asyncProperty(planCases(rb, whole), async (c) => {
        samePlan(await planLoading(engine, c), c);
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
