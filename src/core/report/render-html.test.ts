import { describe, expect, it } from "vitest";
import { AS_OF, example, notYetTaken, strongImg } from "../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { parsePracticeLog } from "../study/index.ts";
import { buildReport } from "./build-report.ts";
import { reportCharts } from "./charts/index.ts";
import { renderReportHtml } from "./render-html.ts";
import { renderReportMarkdown } from "./render-markdown.ts";
import type { Report } from "./types.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();

function report(profile: Profile, log?: unknown): Report {
  const parsed = log ? parsePracticeLog(rb, log, AS_OF) : null;
  const r = buildReport(rb, data, {
    profile,
    specialty: "diagnostic-radiology",
    asOf: AS_OF,
    log: parsed?.ok ? parsed.value : null,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const planned = report(notYetTaken(), [
  { date: "2026-10-01", kind: "nbme", form: 11, score: 231 },
  { date: "2026-11-10", kind: "uwsa", form: 1, score: 245 },
]);
const html = renderReportHtml(planned);

describe("the HTML report", () => {
  it("is one self-contained document: no scripts, no stylesheets or images fetched from anywhere", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    // url(#…) references inside the SVGs (clip paths) are local; nothing may point outside the file.
    expect(html).not.toMatch(/@import|url\((?!["']?#)/i);
    expect(html).toContain("<style>");
  });

  it("has one h1 and a section with an h2 for each part of the strategy, in order", () => {
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const ids = [...html.matchAll(/<section id="([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      "standing",
      "step2ck",
      "forecast",
      "programs",
      "timeline",
      "narrative",
      "backups",
      "sources",
    ]);
    for (const id of ids) expect(html).toContain(`<h2 id="h-${id}">`);
  });

  it("draws all four charts as inline SVG, each a captioned figure with an SVG title and description", () => {
    const svgs = html.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const key of ["step2ck-distribution", "pmatch-curve", "practice-trend", "timeline-gantt"]) {
      expect(html).toContain(`<figure id="fig-${key}"`);
      expect(html).toContain(`<title id="${key}-title">`);
      expect(html).toContain(`<desc id="${key}-desc">`);
      expect(html).toContain(`aria-labelledby="${key}-title ${key}-desc"`);
    }
    for (const svg of svgs) expect(svg).toContain('role="img"');
  });

  it("gives every table header cells and a caption", () => {
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      expect(t).toMatch(/<caption>[^<]+/);
      expect(t).toContain('<th scope="col"');
    }
  });

  it("prints well: print CSS starts major sections on new pages and keeps figures and rows whole", () => {
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/section\.major \{ break-before: page; \}/);
    expect(html).toMatch(/figure, tr[^{]*\{ break-inside: avoid; \}/);
    expect(html).toMatch(/@page \{ size: Letter/);
  });

  it("links every citation to an entry of the sources section", () => {
    const anchors = new Set([...html.matchAll(/<div id="(src-[a-z0-9-]+)">/g)].map((m) => m[1]));
    const links = [...html.matchAll(/href="#(src-[a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(20);
    for (const l of links) expect(anchors.has(l), l).toBe(true);
  });

  it("ends with the credit line each data owner asks for, once per owner, for the sources it cites", () => {
    const footer = html.slice(html.lastIndexOf("<footer>"));
    const nrmp = planned.sources.filter((s) => s.publisher.startsWith("National Resident Matching Program"));
    expect(nrmp.length).toBeGreaterThan(1);
    const line = nrmp[0]?.attribution as string;
    expect(line).toMatch(/© NRMP; reproduction is prohibited without the written permission of the NRMP/);
    expect(footer.split(line.replace("'", "&#39;")).length - 1).toBe(1);
    const credited = [...footer.matchAll(/<p class="attribution">([^<]*)<\/p>/g)].map((m) => m[1]);
    const cited = new Set(planned.sources.map((s) => s.attribution).filter((a) => a !== null));
    expect(credited.length).toBe(cited.size);
    expect(credited.some((c) => c?.includes("AAMC Residency Explorer"))).toBe(true);
  });

  it("escapes what it prints: program names with ampersands come out as entities", () => {
    expect(html).not.toMatch(/&(?![a-z]+;|#\d+;)/);
  });

  // Scenario B needs a Step 2 CK to cite as proof (issue 12): 221 is low in DR, so C leads there.
  it("a Step 1 failure report says to explain briefly and shows scenario C (221 is low for DR), or B with a borderline score; a strong profile's report does not", () => {
    const failure = renderReportHtml(report(example("step1-failure-dr")));
    expect(failure).toMatch(/Scenario C( \(leads\))?:/);
    expect(failure).not.toContain("Scenario B");
    const improved = renderReportHtml(
      report({ ...example("step1-failure-dr"), step2ck: { score: 232, attempts: 1 } }),
    );
    expect(improved).toMatch(/Scenario B( \(leads\))?:/);
    expect(failure).toMatch(/Explain briefly — 2–4 sentences/);
    const strong = renderReportHtml(report(strongImg()));
    expect(strong).not.toMatch(/Explain briefly/);
    expect(strong).toContain("Nothing to explain");
  });

  it("shows a specialty's calibration note beside P(match), with its source, and none where there is no known miss", () => {
    // Which specialties carry a note is measured data (docs/calibration.md), so the cases are read from it.
    const misses = data.model.calibration.knownMisses;
    const candidates = [
      "psychiatry",
      "pathology",
      "diagnostic-radiology",
      "internal-medicine",
      "family-medicine",
    ];
    // The report's profile is a non-US IMG with Step 2 CK untaken: the type's overall figure (or interviews) leads.
    const lead = (s: string) => misses[s]?.["non-us-img"]?.overall ?? misses[s]?.["non-us-img"]?.interviews;
    const missed = candidates.find((s) => lead(s));
    const clean = candidates.find((s) => !misses[s]?.["non-us-img"]);
    expect(missed ?? clean).toBeDefined();
    const build = (specialty: string) => {
      const r = buildReport(rb, data, { profile: notYetTaken(), specialty, asOf: AS_OF, log: null });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value;
    };
    if (missed) {
      const r = build(missed);
      const reading = `Read P(match) here as a ${lead(missed)?.direction === "under" ? "floor" : "ceiling"}`;
      expect(r.programs?.calibration?.text ?? "").toContain(reading);
      expect(renderReportHtml(r)).toContain(reading);
      expect(renderReportMarkdown(r)).toContain(reading);
    }
    if (clean) expect(renderReportHtml(build(clean))).not.toContain("Read P(match) here");
  });

  it("marks estimated dates as estimated", () => {
    expect(html).toContain('<span class="est"');
  });
});

describe("the charts", () => {
  const charts = reportCharts(planned);

  it("the Step 2 CK chart marks the target and the forecast against the matched and unmatched curves", () => {
    expect(charts.step2ck?.svg).toContain("Matched");
    expect(charts.step2ck?.svg).toContain("Not matched");
    expect(charts.step2ck?.description).toMatch(/Forecast: \d+/);
    expect(charts.step2ck?.description).toMatch(/Target: 245/);
  });

  it("the P(match) chart marks the point of diminishing returns", () => {
    expect(charts.pMatch?.svg).toContain(`Diminishing returns: ${planned.programs?.diminishingReturnsAt}`);
  });

  it("a report without a practice log has no trend chart, and one without a specialty distribution no Step 2 CK chart", () => {
    const noLog = reportCharts(report(example("non-us-img-dr")));
    expect(noLog.practice).toBeNull();
    const noDistribution = reportCharts({ ...planned, step2ck: { ...planned.step2ck, distribution: null } });
    expect(noDistribution.step2ck).toBeNull();
  });
});

describe("the Markdown report", () => {
  const md = renderReportMarkdown(report(example("step1-failure-dr")));

  it("has the same sections as the HTML, as level-2 headings", () => {
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      "Where you stand, and why",
      "Step 2 CK: target and study calendar",
      "Practice-exam forecast: go or postpone",
      "Program list: tiers, odds, signals and cost",
      "Application timeline",
      "Narrative and letters",
      "Backup and parallel plans",
      "Sources",
    ]);
  });

  it("writes tables with a header row and a separator, and cites sources inline", () => {
    expect(md).toMatch(/^\| # \| Program \|/m);
    expect(md).toMatch(/^\| --- \|/m);
    expect(md).toMatch(/\[seed-000#narrative/);
    expect(md).toContain("**match-statistics**");
  });

  it("ends with the data owners' credit lines above the version line", () => {
    const tail = md.slice(md.lastIndexOf("\n---\n"));
    expect(tail).toMatch(/Data from the National Resident Matching Program \(NRMP\), © NRMP;[^\n]*\n/);
    expect(tail.indexOf("© NRMP")).toBeLessThan(tail.indexOf("MatchPlan report v"));
    expect(tail.split("© NRMP;").length - 1).toBe(1);
  });

  it("says explain briefly, scenario C (221 is low for DR), and backups are to be planned now", () => {
    expect(md).toMatch(/\*\*Scenario C( \(leads\))?:\*\*/);
    expect(md).not.toMatch(/\*\*Scenario B/);
    expect(md).toMatch(/Explain briefly — 2–4 sentences/);
    expect(md).toContain("**Plan a backup actively, now.**");
  });
});

describe("screening verdicts and target readings in the report", () => {
  it("with no Step 2 CK score, the screens that read it say unknown until the score is in, in both formats", () => {
    const md = renderReportMarkdown(planned);
    expect(md).toMatch(/\| Strict cutoff \| Not known yet \| Unknown until the Step 2 CK score is in/);
    expect(html).toContain("Not known yet");
    expect(md).not.toMatch(/Likely screened out where a strict cutoff applies/);
  });

  it("a passed score below its target says it cannot be retaken (G4) beside the target, in both formats", () => {
    const passed = report({ ...notYetTaken(), step2ck: { score: 221, attempts: 1 } } as Profile);
    expect(renderReportMarkdown(passed)).toMatch(
      /cannot be retaken for a higher score \(G4\).*\(G4\.target\)/,
    );
    expect(renderReportHtml(passed)).toContain("cannot be retaken for a higher score (G4)");
  });
});
