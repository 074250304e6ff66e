import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/report/types.ts";
import { sourceRefs } from "../../src/core/sources/index.ts";
import { scratchDir } from "../support/scratch-dir.ts";
import { pdfContains, readPdf } from "./support/pdf-text.ts";

/**
 * The acceptance checks, through the `matchplan` command as a user runs it from a clean
 * clone. The commands run in parallel once, before the checks (each starts its own Node process).
 */
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const tmp = scratchDir("matchplan-report-");
const out = (name: string) => join(tmp, name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
const run = (args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });

const dr = ["--specialty", "diagnostic-radiology", "--as-of", "2026-11-22"];
const example = ["--profile", "examples/non-us-img-dr.json", ...dr];
const strongProfile = join(tmp, "strong.json");
writeFileSync(
  strongProfile,
  JSON.stringify({
    applicantType: "non-us-img",
    graduationYear: 2024,
    visa: "j1",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: 255, attempts: 1 },
    usce: { handsOnMonths: 4, observershipMonths: 2, specialtyMonths: 3 },
    letters: { total: 4, specialty: 3, us: 3 },
  }),
);

const runs: Record<string, Run> = {};
beforeAll(async () => {
  const jobs: Record<string, string[]> = {
    json: ["report", ...example, "--format", "json", "-o", out("report.json")],
    md: ["report", ...example, "--format", "md", "-o", out("report.md")],
    html: ["report", ...example, "--format", "html", "-o", out("report.html")],
    pdf: ["report", ...example, "--format", "pdf", "-o", out("report.pdf")],
    failure: ["report", "--profile", "examples/step1-failure-dr.json", ...dr, "--format", "json"],
    strong: ["report", "--profile", strongProfile, ...dr, "--format", "md"],
    irMd: [
      "report",
      "--profile",
      "examples/non-us-img-ir.json",
      "--specialty",
      "interventional-radiology",
      "--as-of",
      "2026-11-22",
      "--format",
      "md",
    ],
    badFormat: ["report", ...example, "--format", "docx"],
    pdfToStdout: ["report", ...example, "--format", "pdf"],
    ics: ["timeline", ...example, "--ics"],
    timeline: [
      "timeline",
      "--profile",
      "examples/step1-failure-dr.json",
      "--specialty",
      "interventional-radiology",
      "--as-of",
      "2026-11-22",
    ],
    batchJsonl: ["batch", "--in", "examples/batch-profiles.jsonl", ...dr, "--out", out("batch.csv")],
    batchCsv: ["batch", "--in", "examples/batch-profiles.csv", ...dr, "--out", out("batch.jsonl")],
    batchBadExt: ["batch", "--in", "examples/batch-profiles.txt", ...dr, "--out", out("x.csv")],
  };
  const results = await Promise.all(
    Object.entries(jobs).map(async ([k, args]) => [k, await run(args)] as const),
  );
  for (const [k, r] of results) runs[k] = r;
}, 300_000);

describe("matchplan report — standing beside P(match)", () => {
  it("prints, right under the line with both, why a strong IR standing sits beside a low P(match) for an H-1B applicant", () => {
    expect(runs.irMd?.code, runs.irMd?.stderr).toBe(0);
    const paras = (runs.irMd?.stdout ?? "").split("\n\n");
    const i = paras.findIndex((p) => p.startsWith("**Standing:** Strong"));
    expect(i).toBeGreaterThan(0);
    expect(paras[i + 1]).toMatch(/^Strong standing and a P\(match\) of [\d.]+% read different things\./);
    expect(paras[i + 1]).toMatch(/band 245\+ \(B5: strong\)/);
    expect(paras[i + 1]).toMatch(/sponsors the H-1B you need \(\d+ say they do/);
    expect(paras[i + 1]).toMatch(/matched non-US IMGs' median \d+/);
  });
});

describe("matchplan report — acceptance (examples/non-us-img-dr.json, DR)", () => {
  it("writes each format: JSON, Markdown, HTML and PDF", () => {
    for (const k of ["json", "md", "html", "pdf"]) expect(runs[k]?.code, `${k}: ${runs[k]?.stderr}`).toBe(0);
    expect(JSON.parse(readFileSync(out("report.json"), "utf8")).specialty.id).toBe("diagnostic-radiology");
    expect(readFileSync(out("report.md"), "utf8")).toMatch(/^# Application strategy — Diagnostic Radiology/);
    expect(readFileSync(out("report.html"), "utf8")).toMatch(/^<!doctype html>/);
    expect(readFileSync(out("report.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(runs.pdf?.stderr).toMatch(/Wrote .*report\.pdf \(pdf, \d+ bytes\)/);
  });

  it("the PDF has pages and renders every chart of the report (text of each chart is in it)", () => {
    const doc = readPdf(readFileSync(out("report.pdf")));
    expect(doc.pages).toBeGreaterThan(0);
    expect(pdfContains(doc, "Diagnostic Radiology")).toBe(true);
    expect(pdfContains(doc, "Every source this report cites")).toBe(true);
    expect(pdfContains(doc, "Step 2 CK score")).toBe(true);
    expect(pdfContains(doc, "Programs applied to")).toBe(true);
    expect(pdfContains(doc, "As of 2026-11-22")).toBe(true);
    const html = readFileSync(out("report.html"), "utf8");
    expect((html.match(/<svg\b/g) ?? []).length).toBe(3);
  });

  it("every source that any number or piece of advice cites is listed in the sources section", () => {
    const r = JSON.parse(readFileSync(out("report.json"), "utf8")) as Report;
    const listed = new Set(r.sources.flatMap((s) => s.refs));
    const cited = sourceRefs({ ...r, sources: [] });
    expect(cited.size).toBeGreaterThan(10);
    for (const ref of cited) expect(listed.has(ref), ref).toBe(true);
    const html = readFileSync(out("report.html"), "utf8");
    for (const s of r.sources) expect(html).toContain(`<div id="src-${s.id}">`);
  });

  // 221 after a Step 1 failure is low for DR: scenario C, not B's improvement story (issue 12).
  it("a Step 1 failure with a low Step 2 CK gets scenario C and advice to explain briefly; a strong profile gets neither", () => {
    expect(runs.failure?.code).toBe(0);
    const r = JSON.parse(runs.failure?.stdout ?? "{}") as Report;
    expect(r.narrative.lead).toBe("C");
    expect(r.narrative.explain.advised).toBe(true);
    expect(r.standing.recommendations.map((x) => x.code)).toContain("explain-briefly");
    expect(runs.strong?.code).toBe(0);
    expect(runs.strong?.stdout).not.toMatch(/Explain briefly/);
    expect(runs.strong?.stdout).not.toMatch(/explain the failure/i);
    expect(runs.strong?.stdout).toContain("Nothing to explain");
  });

  it("bad options exit 2 and name the option: an unknown format, a PDF with nowhere to go", () => {
    expect(runs.badFormat?.code).toBe(2);
    expect(runs.badFormat?.stderr).toMatch(
      /--format: "docx" is not a report format \(allowed: json, md, html, pdf\)/,
    );
    expect(runs.pdfToStdout?.code).toBe(2);
    expect(runs.pdfToStdout?.stderr).toMatch(/--out: is required for a PDF/);
  });
});

describe("matchplan timeline", () => {
  it("--ics parses back with a real iCalendar parser, with stable UIDs per Match year", () => {
    expect(runs.ics?.code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(runs.ics?.stdout ?? ""))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) expect(e.uid).toMatch(/^timeline-2028-[A-Za-z0-9-]+@matchplan$/);
    expect(events.find((e) => e.uid === "timeline-2028-event-matchDay@matchplan")?.summary).toBe(
      "Match Day (estimated)",
    );
  });

  it("prints the IR stage plan as a table, estimated rows marked", () => {
    expect(runs.timeline?.code).toBe(0);
    expect(runs.timeline?.stdout).toMatch(/Stage plan D7\.ir, anchored on Match Day/);
    expect(runs.timeline?.stdout).toMatch(/^~ \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/m);
  });
});

describe("matchplan batch", () => {
  it("keeps going past bad rows, reports each by line and field, and exits 2", () => {
    const r = runs.batchJsonl;
    expect(r?.code).toBe(2);
    expect(r?.stdout).toMatch(/^8 rows: 5 ok, 3 failed · [\d.]+ s \(\d+ rows\/s\)/);
    expect(r?.stderr).toMatch(/line 4: step2ck\.score: must be at most 300/);
    expect(r?.stderr).toMatch(/line 6: applicantType: must be one of/);
    expect(r?.stderr).toMatch(/line 7: not valid JSON/);
    const csv = readFileSync(out("batch.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(9);
    expect(csv[0]).toMatch(/^line,id,ok,error,specialty,/);
    // The alternative-pathway list's figures have their columns (empty for DR, which has none).
    expect(csv[0]).toContain(
      ",signalsSilver,parallelSpecialty,parallelPrograms,parallelPMatch,parallelPMatchLow,parallelPMatchHigh,pMatchEither,pMatchEitherLow,pMatchEitherHigh,",
    );
    expect(csv[4]).toMatch(/^4,A-004,false,"?step2ck\.score: must be at most 300/);
  });

  it("reads CSV with dotted column names and writes JSON Lines, one result a row", () => {
    const r = runs.batchCsv;
    expect(r?.code).toBe(2);
    expect(r?.stderr).toMatch(/line 5: step2ck\.score: must be at most 300/);
    expect(r?.stderr).toMatch(/line 7: step1\.outcome/);
    expect(r?.stderr).toMatch(/line 8: step2ck\.score: must be a number/);
    const rows = readFileSync(out("batch.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ line: 2, id: "B-001", ok: true, result: { standing: "borderline" } });
    expect(rows[1].result.narrative).toEqual({ lead: "C", explain: true });
  });

  it("an input that is neither .jsonl nor .csv exits 2 naming --in", () => {
    expect(runs.batchBadExt?.code).toBe(2);
    expect(runs.batchBadExt?.stderr).toMatch(/--in: .* is neither \.jsonl nor \.csv/);
  });
});
