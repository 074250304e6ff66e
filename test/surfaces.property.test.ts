import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { registerAssess } from "../src/cli/commands/assess.ts";
import { registerPrograms } from "../src/cli/commands/programs.ts";
import {
  type Assessment,
  type MatchEstimate,
  type Profile,
  type ProgramPlan,
  profileSchemaFor,
  type Report,
  summariseList,
} from "../src/core/index.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { computePlan } from "../web/src/engine/run-plan.ts";
import { pctRange } from "../web/src/format.ts";
import { send, testApp } from "./server/support/test-app.ts";
import { type PlanCase, planCases } from "./support/plan-profiles.ts";

/**
 * One request, one answer: for generated applicants, specialties and dates, the command line's
 * JSON (`programs --json`, `assess --json`), the API's JSON (`/programs/plan`, `/assess`,
 * `/report`) and the page's engine (the plan it shows and the list it holds) give the same
 * P(match) with its range, the same list, cost and Match year, and the same standing. Before
 * `planApplication`, the page re-scored the planner's list with every signal of a scheme the
 * parallel DR list shares (IR: 59.7% on the page, 51.7% in its announcement and the report), and
 * the list and the assessment used the asked-for Match year while the timeline moved on.
 * The browser half — the page's displayed P(match) against the API's — is test/web/surfaces.test.ts.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const engine = { rb, data, schema: profileSchemaFor(rb), loadMs: 0 };
const { app } = testApp();
const tmp = mkdtempSync(join(tmpdir(), "matchplan-surfaces-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Generated cases per run; each runs seven surfaces, a few tens of milliseconds in all. */
const RUNS = Number(process.env.SURFACE_RUNS ?? 1000);

/** Runs one CLI command in-process, as `matchplan <command> --profile <file> … --json` does, and parses what it printed. */
async function cli<T>(command: "programs" | "assess", file: string, c: PlanCase): Promise<T> {
  const out: string[] = [];
  const program = new Command("matchplan").exitOverride();
  const ctx = { rulebook: () => rb, out: (s: string) => out.push(s), err: () => {}, isTTY: false };
  if (command === "programs") registerPrograms(program, ctx, () => data);
  else registerAssess(program, ctx);
  await program.parseAsync(
    [command, "--profile", file, "--specialty", c.specialty, "--as-of", c.asOf, "--json"],
    {
      from: "user",
    },
  );
  return JSON.parse(out.join("\n")) as T;
}

const figures = (pm: MatchEstimate | null | undefined) => (pm ? [pm.estimate, pm.low, pm.high] : null);

/** The same figure, up to the last bits of a sum taken in another order (a list re-scored program by program). */
function sameFigure(a: MatchEstimate | null, b: MatchEstimate | null): void {
  if (a === null || b === null) {
    expect(a).toEqual(b);
    return;
  }
  for (const k of ["estimate", "low", "high"] as const) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-12);
}

describe("every surface gives the same figures for one request", () => {
  it(`CLI JSON, API JSON, the report and the page agree (${RUNS} generated applicants)`, async () => {
    let withPMatch = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(planCases(rb, data), async (c) => {
        const file = join(tmp, "profile.json");
        writeFileSync(file, JSON.stringify(c.profile));
        const body = { profile: c.profile, specialty: c.specialty, asOf: c.asOf };

        const cliList = await cli<ProgramPlan>("programs", file, c);
        const cliAssessment = await cli<Assessment>("assess", file, c);
        const apiList = await send(app, "POST", "/api/v1/programs/plan", body);
        const apiAssessment = await send(app, "POST", "/api/v1/assess", body);
        const apiReport = await send(app, "POST", "/api/v1/report?format=json", body);
        expect(apiList.status).toBe(200);
        expect(apiAssessment.status).toBe(200);
        expect(apiReport.status).toBe(200);
        const report = apiReport.body as Report;
        const page = computePlan(engine, body, () => 0);
        if (!page.plan.ok) throw new Error(JSON.stringify(page.plan.issues));
        const plan = page.plan.value;

        // The list: P(match) with its range, the programs, the cost, the fee season.
        const lists = [cliList, apiList.body as ProgramPlan, report.programs];
        for (const l of lists) {
          expect(figures(l?.pMatch)).toEqual(figures(plan.list?.pMatch));
          expect(figures(l?.pMatchAny)).toEqual(figures(plan.list?.pMatchAny));
          expect(l?.programs.map((p) => p.id)).toEqual(plan.list?.programs.map((p) => p.id));
          expect(l?.costUsd).toBe(plan.list?.costUsd);
        }
        expect(cliList.season).toBe(plan.matchYear.matchYear);

        // The page holds the plan's list: the figure it shows, and announces, is the plan's.
        const ids = plan.list?.programs.map((p) => p.id) ?? [];
        const shown = page.held ? summariseList(page.held, ids).pMatch : null;
        sameFigure(shown, plan.list?.pMatch ?? null);
        if (shown && plan.list?.pMatch) expect(pctRange(shown)).toBe(pctRange(plan.list.pMatch));

        // One Match year and one assessment.
        for (const a of [cliAssessment, apiAssessment.body as Assessment]) {
          expect(a.cycle.matchYear).toBe(plan.matchYear.matchYear);
          expect(a.standing).toBe(plan.assessment.standing);
          expect(a.step2ck).toEqual(JSON.parse(JSON.stringify(plan.assessment.step2ck)));
        }
        expect(report.matchYear).toBe(plan.matchYear.matchYear);
        expect(report.timeline.matchYear).toBe(plan.matchYear.matchYear);
        expect(report.standing.standing).toBe(plan.assessment.standing);
        expect(plan.timeline?.matchYear).toBe(plan.matchYear.matchYear);

        if (plan.list?.pMatch) withPMatch++;
        seen.add(c.specialty);
      }),
      { numRuns: RUNS },
    );
    // The property was about P(match): most cases must have one, over many specialties.
    expect(withPMatch).toBeGreaterThan(RUNS / 2);
    expect(seen.size).toBeGreaterThan(5);
  }, 1_800_000);

  it("the Interventional Radiology profile of issue 12: the page's list shows the report's P(match), not a re-score with the parallel DR list's signals", async () => {
    const profile = JSON.parse(
      readFileSync(new URL("../examples/non-us-img-dr.json", import.meta.url), "utf8"),
    );
    const body = { profile, specialty: "interventional-radiology", asOf: "2026-06-01" };
    const report = (await send(app, "POST", "/api/v1/report?format=json", body)).body as Report;
    const page = computePlan(
      engine,
      { ...body, profile: profileSchemaFor(rb).parse(profile) as Profile },
      () => 0,
    );
    if (!page.plan.ok || !page.held) throw new Error("no plan");
    const list = page.plan.value.list as ProgramPlan;
    // The DR list shares IR's signals: the IR list holds only what the plan left it.
    expect(list.parallel?.programs.some((p) => p.signal !== null)).toBe(true);
    const shown = summariseList(
      page.held,
      list.programs.map((p) => p.id),
    ).pMatch;
    expect(shown && pctRange(shown)).toBe(report.programs?.pMatch && pctRange(report.programs.pMatch));
  });
});
