import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerStudy } from "../src/cli/commands/study.ts";
import { registerTimeline } from "../src/cli/commands/timeline.ts";
import type { Profile } from "../src/core/profile/profile-schema.ts";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { runStrategy } from "../src/core/report/batch/run-strategy.ts";
import { buildReport } from "../src/core/report/build-report.ts";
import { renderReportHtml } from "../src/core/report/render-html.ts";
import { renderReportMarkdown } from "../src/core/report/render-markdown.ts";
import { planTimeline } from "../src/core/timeline/plan-timeline.ts";
import type { Timeline } from "../src/core/timeline/types.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { computePlan } from "../web/src/engine/run-plan.ts";
import { example, profileOf } from "./report/support/profiles.ts";
import { send, testApp } from "./server/support/test-app.ts";
import { scratchDir } from "./support/scratch-dir.ts";

/**
 * The timeline through every surface — the CLI's `timeline` and `study plan`, the API, the report,
 * the batch and the page — for one profile and date. Before one function decided whether a study plan feeds
 * the timeline, the CLI and API ignored a failed Step 2 CK and the report planned for any exam
 * failure; these tests hold them to `planTimeline`.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-12-06";
const dr = "diagnostic-radiology";
const tmp = scratchDir("matchplan-timeline-");

/** Step 2 CK failed once (205, below every passing standard on record): the exam is still ahead. */
const failed = () =>
  profileOf({ ...example("non-us-img-dr"), step2ck: { score: 205, attempts: 1 }, targetMatchYear: 2027 });
const passed = () => profileOf({ ...example("non-us-img-dr"), targetMatchYear: 2027 });
const notTaken = () =>
  profileOf({ ...example("non-us-img-dr"), step2ck: { score: null }, targetMatchYear: 2027 });

function planned(profile: Profile) {
  const r = planTimeline(rb, { profile, specialtyId: dr, asOf });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

/** Runs one CLI command in-process and returns what it printed. */
async function cli(register: typeof registerTimeline, args: string[]): Promise<string> {
  const out: string[] = [];
  const program = new Command("matchplan").exitOverride();
  register(program, { rulebook: () => rb, out: (s) => out.push(s), err: () => {}, isTTY: false });
  await program.parseAsync(args, { from: "user" });
  return out.join("\n");
}

describe("one rule for whether a study plan feeds the timeline (planTimeline)", () => {
  it("a failed Step 2 CK is still ahead: the planner's retake plan feeds the timeline", () => {
    const { study, timeline } = planned(failed());
    if (!study?.ok) throw new Error("expected a retake plan");
    expect(timeline.items.find((i) => i.id === "step2ck-exam")?.start).toBe(study.value.examDate);
    expect(timeline.matchYear).toBe(study.value.timing.cycle.matchYear);
  });

  it("a passed Step 2 CK is in hand: no plan, no exam rows, and the notes say so", () => {
    const { study, timeline } = planned(passed());
    expect(study).toBeNull();
    expect(timeline.items.some((i) => i.id.startsWith("step2ck"))).toBe(false);
    expect(timeline.notes.join(" ")).toMatch(/score in hand \(236\)/);
  });

  const { app } = testApp();
  for (const [name, profile] of [
    ["not taken", notTaken],
    ["failed", failed],
    ["passed", passed],
  ] as const)
    it(`Step 2 CK ${name}: the CLI, the API, the report, the batch and the page give planTimeline's timeline and year`, async () => {
      const p = profile();
      const { timeline, study } = planned(p);
      const file = join(tmp, `${name.replace(" ", "-")}.json`);
      writeFileSync(file, JSON.stringify(p));

      const fromCli = JSON.parse(
        await cli(registerTimeline, [
          "timeline",
          "--profile",
          file,
          "--specialty",
          dr,
          "--as-of",
          asOf,
          "--json",
        ]),
      ) as Timeline;
      expect(fromCli).toEqual(timeline);

      const fromApi = await send(app, "POST", "/api/v1/timeline", { profile: p, specialty: dr, asOf });
      expect(fromApi.status).toBe(200);
      expect(fromApi.body).toEqual(JSON.parse(JSON.stringify(timeline)));

      const report = buildReport(rb, data, { profile: p, specialty: dr, asOf });
      if (!report.ok) throw new Error(JSON.stringify(report.issues));
      expect(report.value.timeline).toEqual(timeline);
      expect(report.value.matchYear).toBe(timeline.matchYear);
      expect(report.value.title).toContain(`${timeline.matchYear} Match`);
      expect(report.value.step2ck.plan?.examDate ?? null).toBe(study?.ok ? study.value.examDate : null);

      const engine = { rb, data, schema: profileSchemaFor(rb), loadMs: 0 };
      const page = computePlan(engine, { profile: p, specialty: dr, asOf }, () => 0);
      expect(page.plan.ok && page.plan.value.timeline).toEqual(timeline);

      const row = runStrategy(
        { rb, data, schema: engine.schema, specialty: dr, asOf },
        { line: 1, id: name, profile: p, issues: [] },
      );
      if (!row.ok) throw new Error(JSON.stringify(row.issues));
      expect(row.result.matchYear).toBe(timeline.matchYear);
      expect(row.result.study?.examDate ?? null).toBe(study?.ok ? study.value.examDate : null);
    });

  it("`study plan` as of 2026-12-06 for the 2027 Match plans the 2028 Match and prints why", async () => {
    const file = join(tmp, "study.json");
    writeFileSync(file, JSON.stringify(notTaken()));
    const json = JSON.parse(
      await cli(registerStudy, [
        "study",
        "plan",
        "--profile",
        file,
        "--specialty",
        dr,
        "--as-of",
        asOf,
        "--json",
      ]),
    );
    expect(json.timing.cycle.matchYear).toBe(2028);
    expect(json.timing.scoreReported.latest <= json.timing.cycle.programsReview.date).toBe(true);
    const text = await cli(registerStudy, [
      "study",
      "plan",
      "--profile",
      file,
      "--specialty",
      dr,
      "--as-of",
      asOf,
    ]);
    expect(text).toMatch(/The 2027 Match is out of reach/);
    expect(text).not.toMatch(/score pending/);
  });
});

describe("a row worked out from a secondary-source date is marked on every surface", () => {
  // The 2027 Match as of 2026-03-01: ERAS opens 2026-06-03 only by a secondary source, so the
  // letters (2–3 months before it) and the electives rest on it.
  const at = "2026-03-01";
  const p = () => profileOf({ ...example("non-us-img-dr"), targetMatchYear: 2027 });

  it("the CLI's table, its --ics, and the report (Markdown and HTML) mark the letters row", async () => {
    const file = join(tmp, "secondary.json");
    writeFileSync(file, JSON.stringify(p()));
    const args = ["timeline", "--profile", file, "--specialty", dr, "--as-of", at];
    const text = await cli(registerTimeline, args);
    expect(text).toMatch(/^\* 2026-03-03 – 2026-04-03 +\S+ +Request letters of recommendation/m);
    expect(text).toMatch(/\* = rests on a date only a secondary source states/);
    const ics = await cli(registerTimeline, [...args, "--ics"]);
    expect(ics).toMatch(/SUMMARY:Starts: Request letters of recommendation \(secondary source\)/);

    const report = buildReport(rb, data, { profile: p(), specialty: dr, asOf: at });
    if (!report.ok) throw new Error(JSON.stringify(report.issues));
    const letters = report.value.timeline.items.find((i) => i.id === "milestone-request-letters");
    expect(letters?.confidence).toBe("secondary");
    expect(renderReportMarkdown(report.value)).toMatch(
      /\| 2026-03-03 – 2026-04-03 \(secondary source\) \| Request letters of recommendation/,
    );
    expect(renderReportHtml(report.value)).toMatch(
      /2026-03-03 – 2026-04-03 <span class="est"[^>]*>\(secondary source\)<\/span>/,
    );
  });
});

describe("the timeline follows the applicant's own record on every surface", () => {
  it("an applicant who scored 236 is not told to prepare for Step 2 CK in the report, and an IMG's report shows the Pathways", () => {
    const report = buildReport(rb, data, { profile: passed(), specialty: dr, asOf });
    if (!report.ok) throw new Error(JSON.stringify(report.issues));
    const md = renderReportMarkdown(report.value);
    expect(md).not.toMatch(/Dedicated Step 2 CK preparation/);
    expect(md).toMatch(/Step 2 CK: done — your score \(236\) is in hand/);
    expect(md).toMatch(/Meet ECFMG's clinical-skills and communication-skills requirements \(the Pathways\)/);
    expect(md).toMatch(
      /ECFMG Pathways for the 2028 Match open: unknown — .*the 2026 Pathways opened 2025-08-19/,
    );
  });
});
