import { describe, expect, it } from "vitest";
import { AS_OF, example, notYetTaken, profileOf, strongImg } from "../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { parsePracticeLog } from "../study/index.ts";
import { buildReport } from "./build-report.ts";
import { reportCharts } from "./charts/index.ts";
import { pct } from "./format.ts";
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

describe("both renderers say what the core says", () => {
  const build = (profile: Profile, specialty: string, log: unknown = null) => {
    const parsed = log ? parsePracticeLog(rb, log, AS_OF) : null;
    const r = buildReport(rb, data, {
      profile,
      specialty,
      asOf: AS_OF,
      log: parsed?.ok ? parsed.value : null,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };
  const both = (r: Report) => [renderReportMarkdown(r), renderReportHtml(r).replace(/&#39;/g, "'")];

  it("gives the assessment's own reason for a provisional standing (US MD in internal medicine: no cited bands)", () => {
    const r = build(example("us-md-im"), "internal-medicine");
    const why = r.standing.provisionalWhy ?? "";
    expect(why).toMatch(/no cited Step 2 CK bands for this specialty and applicant type/);
    for (const text of both(r)) {
      expect(text).toContain(`(provisional: ${why})`);
      expect(text).not.toMatch(/no Step 2 CK band yet/);
    }
  });

  it("gives the guides' program count as the assessment writes it, with its note (80–120+ for an IMG in DR)", () => {
    const r = build(example("non-us-img-dr"), "diagnostic-radiology");
    expect(r.standing.applicationCountNote).toMatch(/^80–120\+ programs/);
    for (const text of both(r)) {
      expect(text).toContain(r.standing.applicationCountNote);
      expect(text).toContain("The guides write 80–120+; apply to more when the budget allows.");
    }
  });

  it("says a practice log was given but not used when Step 2 CK is already in, and that none was given only when none was", () => {
    const log = [
      { date: "2026-10-01", kind: "nbme", form: 11, score: 231 },
      { date: "2026-11-10", kind: "uwsa", form: 1, score: 245 },
    ];
    const taken = build(example("non-us-img-dr"), "diagnostic-radiology", log);
    expect(taken.forecast).toBeNull();
    for (const text of both(taken)) {
      expect(text).not.toContain("No practice-exam log was given");
      expect(text).toMatch(
        /A practice-exam log was given, but no forecast was made from it: Step 2 CK is already in \(236\)/,
      );
    }
    for (const text of both(build(example("non-us-img-dr"), "diagnostic-radiology")))
      expect(text).toContain("No practice-exam log was given");
  });

  it("shows the alternative-pathway list (IR via DR) by its name, with its own P(match) and the either figure with their ranges, and its programs", () => {
    const r = build(example("non-us-img-ir"), "interventional-radiology");
    const l = r.programs?.pathwayList;
    if (!l?.pMatch || !r.programs?.pMatchAny)
      throw new Error("the IR example has no alternative-pathway list");
    const withRange = (m: { estimate: number; low: number; high: number }) =>
      `${pct(m.estimate)} (range ${pct(m.low)}–${pct(m.high)})`;
    for (const text of both(r)) {
      expect(text).toContain("Alternative-pathway list: Diagnostic Radiology");
      // The H-1B note asks where the applicant applies from in words, not by the profile's field name.
      expect(text).not.toContain("applyingFrom");
      expect(text).toContain("whether you apply from inside or outside the US");
      expect(text).not.toContain("diagnostic radiology");
      expect(text).toContain(`P(match) in this list alone: ${withRange(l.pMatch)}.`);
      expect(text).toContain(
        `P(match in Interventional Radiology (Integrated) or Diagnostic Radiology): ${withRange(r.programs.pMatchAny)}.`,
      );
      for (const x of l.programs.slice(0, 3))
        expect(text).toContain(x.name.replace(/&/g, "&amp;").replace(/'/g, "'"));
    }
  });

  it("writes no internal names: headings and notes in words, PGY-1 tracks by name, untiered allowances without gold or silver", () => {
    const r = build(example("non-us-img-dr"), "diagnostic-radiology");
    expect(r.programs?.pgy1Signals?.tracks.find((t) => t.specialty === "transitional-year")?.scheme).toBe(
      "single",
    );
    for (const text of both(r)) {
      expect(text).not.toMatch(/Step2ck|applyingFrom/);
      expect(text).toContain("Step 2 CK target");
      expect(text).toMatch(/Transitional Year: \d+ signals? spent/);
      expect(text).toMatch(/Preliminary Medicine \(PGY-1\): \d+ gold, \d+ silver spent/);
      expect(text).not.toMatch(/transitional-year|preliminary-surgery|preliminary medicine:/);
    }
    // A supplemental transitional-year program holds a "signal", not a "gold" one.
    const md = renderReportMarkdown(r);
    const ty = md.split("\n").filter((l) => /^\| .*\| transitional \|/.test(l));
    expect(ty.length).toBeGreaterThan(0);
    expect(ty.some((l) => l.endsWith("| signal |"))).toBe(true);
    expect(ty.some((l) => l.endsWith("| gold |") || l.endsWith("| silver |"))).toBe(false);
  });

  it("names the untaken score in the range's make-up only where the core's range has that part", () => {
    const untaken = "while Step 2 CK is untaken, the spread of the score to come";
    // A DO with Step 2 CK untaken in pediatrics: the core's range has no untaken-score part.
    const doPeds = build(
      profileOf({ ...example("us-md-im"), applicantType: "do", step2ck: { score: null } }),
      "pediatrics",
    );
    const parts = doPeds.programs?.pMatchRange?.parts.map((x) => x.part) ?? [];
    expect(parts.length).toBeGreaterThan(0);
    expect(parts).not.toContain("untaken-step2ck");
    for (const text of both(doPeds)) {
      expect(text).toContain("The range combines the spread of your unmeasured strength");
      expect(text).not.toContain(untaken);
    }
    // The DR example with Step 2 CK still to come: its range has the part, and says so.
    const dr = build(notYetTaken(), "diagnostic-radiology");
    expect(dr.programs?.pMatchRange?.parts.map((x) => x.part)).toContain("untaken-step2ck");
    for (const text of both(dr)) expect(text).toContain(untaken);
  });

  it("the PGY-1 options say each program's chance is of a position, and show it, rather than that no odds are given", () => {
    const r = build(example("non-us-img-dr"), "diagnostic-radiology");
    const first = r.backups.pgy1.programs[0];
    if (!first) throw new Error("DR has no PGY-1 list");
    for (const text of both(r)) {
      expect(text).not.toMatch(/no odds are given/);
      expect(text).toContain(
        "each program's chance is of a position, from the track's published PGY-1 match rate",
      );
    }
    const md = renderReportMarkdown(r);
    const options = md.slice(md.indexOf("### PGY-1 options"));
    expect(options).toMatch(/^\| Program \| State \| Track \| P\(position\) \| Near \|$/m);
    expect(options).toContain(`| ${pct(first.pPosition)} |`);
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
