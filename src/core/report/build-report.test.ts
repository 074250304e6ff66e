import { describe, expect, it } from "vitest";
import { AS_OF, example, notYetTaken, strongImg } from "../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { sourceRefs } from "../sources/index.ts";
import { parsePracticeLog } from "../study/index.ts";
import { flattenRow, runStrategy } from "./batch/run-strategy.ts";
import { buildReport } from "./build-report.ts";
import { renderReportHtml } from "./render-html.ts";
import { renderReportMarkdown } from "./render-markdown.ts";
import type { Report } from "./types.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();

function report(
  profile: Profile,
  extra: { log?: unknown; budgetUsd?: number | null; specialty?: string } = {},
): Report {
  const log = extra.log ? parsePracticeLog(rb, extra.log, AS_OF) : null;
  if (log && !log.ok) throw new Error("bad log");
  const r = buildReport(rb, data, {
    profile,
    specialty: extra.specialty ?? "diagnostic-radiology",
    asOf: AS_OF,
    log: log?.ok ? log.value : null,
    ...(extra.budgetUsd !== undefined ? { budgetUsd: extra.budgetUsd } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const practiceLog = [
  { date: "2026-10-01", kind: "nbme", form: 11, score: 231 },
  { date: "2026-10-20", kind: "nbme", form: 12, score: 236 },
  { date: "2026-11-10", kind: "uwsa", form: 1, score: 245 },
];

describe("the report model, section by section", () => {
  const r = report(example("non-us-img-dr"));

  it("names the specialty, the Match year and the as-of date in its title and header fields", () => {
    expect(r.specialty).toEqual({ id: "diagnostic-radiology", name: "Diagnostic Radiology" });
    expect(r.title).toContain("Diagnostic Radiology");
    expect(r.title).toContain(String(r.matchYear));
    expect(r.asOf).toBe(AS_OF);
  });

  it("standing: the band, the target and the full trace of rules behind them", () => {
    expect(r.standing.band).toMatchObject({ min: 230, max: 239, ruleId: "B1" });
    expect(r.standing.target).toMatchObject({ min: 245, max: 255 });
    expect(r.standing.because.length).toBeGreaterThan(3);
  });

  it("Step 2 CK: a score in hand means no study plan, and the note says the score and target", () => {
    expect(r.step2ck.status).toBe("in-hand");
    expect(r.step2ck.plan).toBeNull();
    expect(r.step2ck.notes[0]).toMatch(/236 against a target of 245–255/);
    expect(r.step2ck.distribution?.matched.median).toBe(250);
    expect(r.step2ck.distribution?.sources).toEqual(["nrmp-charting-outcomes-nonus-img-2026"]);
  });

  it("programs: P(match) inside its range, the curve, and a count no higher than the budget allows", () => {
    const p = r.programs;
    expect(p).not.toBeNull();
    expect(p?.pMatch?.low).toBeLessThanOrEqual(p?.pMatch?.estimate as number);
    expect(p?.pMatch?.estimate).toBeLessThanOrEqual(p?.pMatch?.high as number);
    expect(p?.marginal.length).toBeGreaterThanOrEqual(p?.recommendedCount as number);
    expect(p?.costUsd).toBeLessThanOrEqual(2500);
    expect(p?.programs.every((x) => ["reach", "target", "safety"].includes(x.tier))).toBe(true);
  });

  it("the timeline, narrative and backups are all present, with nothing left uncomputed", () => {
    expect(r.timeline.items.length).toBeGreaterThan(5);
    expect(r.narrative.letters.plan).not.toBeNull();
    // Borderline by its score: no backup by the guides, but its P(match) is below one half, which it says.
    expect(r.backups.level).toBe("none");
    expect(r.backups.reason).toMatch(/below 50\.0%, not matching is the likelier outcome/);
    expect(r.issues).toEqual([]);
  });

  it("with no practice log there is no forecast", () => {
    expect(r.forecast).toBeNull();
    expect(r.practiceLog).toBeNull();
  });
});

describe("sources", () => {
  for (const [name, build] of [
    ["the non-US IMG example", () => report(example("non-us-img-dr"))],
    ["the Step 1 failure example", () => report(example("step1-failure-dr"))],
    [
      "a planned exam with a practice log, in IR",
      () => report(notYetTaken(), { log: practiceLog, specialty: "interventional-radiology" }),
    ],
  ] as const) {
    it(`every source referenced anywhere in the report is listed in its sources section (${name})`, () => {
      const r = build();
      const listed = new Set(r.sources.flatMap((s) => s.refs));
      const ids = new Set(r.sources.map((s) => s.id));
      const referenced = sourceRefs({ ...r, sources: [] });
      expect(referenced.size).toBeGreaterThan(10);
      for (const ref of referenced) {
        expect(listed.has(ref), `${ref} is cited but not listed`).toBe(true);
        expect(ids.has(ref.split("#")[0] as string)).toBe(true);
      }
    });
  }

  it("each listing has its date and terms; match-statistics entries keep their metric, year, URL and confidence", () => {
    const r = report(example("step1-failure-dr"));
    for (const s of r.sources) {
      expect(s.retrieved, s.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.terms.length, s.id).toBeGreaterThan(0);
      expect(s.title.length).toBeGreaterThan(0);
    }
    const stats = r.sources.find((s) => s.id === "match-statistics");
    expect(stats?.entries.length).toBeGreaterThan(0);
    for (const e of stats?.entries ?? []) {
      expect(e.metric.length).toBeGreaterThan(0);
      expect(e.year).toBeGreaterThan(2000);
      expect(e.url.length).toBeGreaterThan(0);
      expect(["high", "medium", "low", "derived"]).toContain(e.confidence);
    }
    const refs = stats?.refs.filter((x) => x.includes("#")).map((x) => Number(x.split("#")[1]));
    expect(stats?.entries.map((e) => e.n)).toEqual(refs);
  });

  it("guide sections are listed with their titles", () => {
    const r = report(example("step1-failure-dr"));
    const guide = r.sources.find((s) => s.id === "seed-000");
    expect(guide?.sections.find((x) => x.key === "narrative")?.title).toMatch(/Narrative|Strengthen/);
  });
});

describe("Step 2 CK still to come, with a practice log", () => {
  const r = report(notYetTaken(), { log: practiceLog });

  it("the study calendar and the forecast are both in, against the same target", () => {
    expect(r.step2ck.status).toBe("planned");
    expect(r.step2ck.plan?.phases.length).toBeGreaterThan(0);
    expect(r.forecast?.target).toBe(r.step2ck.plan?.target.score);
    expect(r.forecast?.examDate).toBe(r.step2ck.plan?.examDate);
    expect(r.forecast?.low).toBeLessThanOrEqual(r.forecast?.estimate as number);
    expect(["go", "consider-postponing", "postpone"]).toContain(r.forecast?.decision);
  });

  it("a practice log given after the score is in is not forecast, and the report says why", () => {
    const done = report(example("non-us-img-dr"), { log: practiceLog });
    expect(done.forecast).toBeNull();
    expect(done.issues.map((i) => i.path)).toContain("forecast");
  });
});

describe("budgets", () => {
  it("an explicit budget overrides the profile's, and none means no limit", () => {
    expect(report(example("non-us-img-dr"), { budgetUsd: 500 }).programs?.costUsd).toBeLessThanOrEqual(500);
    expect(report(example("non-us-img-dr"), { budgetUsd: null }).programs?.budgetUsd).toBeNull();
  });

  it("a strong profile's report has no backup list and no explanation advice", () => {
    const r = report(strongImg());
    expect(r.backups.parallel).toBeNull();
    expect(r.narrative.explain.advised).toBe(false);
    expect(r.standing.recommendations.map((x) => x.code)).not.toContain("explain-briefly");
  });
});

describe("standing beside P(match) in the report's header", () => {
  it("says, under the line that shows both, why a strong standing sits beside a low P(match)", () => {
    const r = report(example("non-us-img-ir"), { specialty: "interventional-radiology" });
    const s = r.standing.vsOdds;
    expect(s?.direction).toBe("standing-above-odds");
    expect(s?.text).toContain(`the ${r.programs?.listed} programs on the list`);
    const md = renderReportMarkdown(r).split("\n\n");
    const line = md.findIndex((p) => p.startsWith("**Standing:**"));
    expect(md[line + 1]).toContain(s?.text ?? "no sentence");
    const html = renderReportHtml(r);
    const header = html.slice(html.indexOf("<header>"), html.indexOf("</header>"));
    expect(header).toContain('data-figure="standing-vs-odds"');
    expect(header).toContain("read different things");
  });

  it("is the same sentence in a batch row as in the report", () => {
    const profile = example("non-us-img-ir");
    const r = report(profile, { specialty: "interventional-radiology" });
    const row = runStrategy(
      { rb, data, schema: profileSchemaFor(rb), specialty: "interventional-radiology", asOf: AS_OF },
      { line: 1, id: "ir", profile, issues: [] },
    );
    if (!row.ok) throw new Error(JSON.stringify(row.issues));
    const s = r.standing.vsOdds;
    expect(row.result.standingVsOdds).toBe(`${s?.text} ${s?.comparison}`);
    expect(flattenRow(row).standingVsOdds).toBe(row.result.standingVsOdds);
  });

  it("adds no sentence where standing and P(match) agree or the standing is provisional", () => {
    const provisional = report(example("us-md-im"), { specialty: "internal-medicine" });
    expect(provisional.standing.provisional).toBe(true);
    expect(provisional.standing.vsOdds).toBeNull();
    expect(renderReportMarkdown(provisional)).not.toContain("read different things");
    expect(renderReportHtml(provisional)).not.toContain('data-figure="standing-vs-odds"');
  });
});
