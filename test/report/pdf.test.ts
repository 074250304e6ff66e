import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/core/report/build-report.ts";
import { renderReportHtml } from "../../src/core/report/render-html.ts";
import { parsePracticeLog } from "../../src/core/study/index.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { printPdf } from "../../src/io/report/print-pdf.ts";
import { pdfContains, readPdf } from "./support/pdf-text.ts";
import { AS_OF, notYetTaken } from "./support/profiles.ts";

/**
 * The PDF is printed by headless Chromium in the test run (npm test installs Debian's chromium
 * when it is missing and sets CHROMIUM_PATH) and read back with a small PDF parser: pages,
 * tagging, and the text of every section and chart.
 */
const rb = repositoryRulebook();

describe("the PDF report (a planned exam with a practice log: all four charts)", async () => {
  const log = parsePracticeLog(
    rb,
    [
      { date: "2026-10-01", kind: "nbme", form: 11, score: 231 },
      { date: "2026-11-10", kind: "uwsa", form: 1, score: 245 },
    ],
    AS_OF,
  );
  if (!log.ok) throw new Error("bad log");
  const built = buildReport(rb, repositoryProgramData(), {
    profile: notYetTaken(),
    specialty: "diagnostic-radiology",
    asOf: AS_OF,
    log: log.value,
  });
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  const report = built.value;
  const pdf = await printPdf(renderReportHtml(report));
  const doc = readPdf(pdf);

  it("is a PDF with pages", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(doc.pages).toBeGreaterThan(3);
  });

  it("is tagged and has an outline, so its text and structure are accessible", () => {
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/Outlines/);
  });

  it("has extractable text naming the specialty, every section and the sources", () => {
    expect(pdfContains(doc, "Application strategy — Diagnostic Radiology")).toBe(true);
    for (const heading of [
      "Where you stand, and why",
      "Step 2 CK: target and study calendar",
      "Practice-exam forecast: go or postpone",
      "Program list: tiers, odds, signals and cost",
      "Application timeline",
      "Narrative and letters",
      "Backup and parallel plans",
      "Sources",
    ])
      expect(pdfContains(doc, heading), heading).toBe(true);
    for (const s of report.sources) expect(pdfContains(doc, `${s.id} — `), s.id).toBe(true);
  });

  it("renders all four charts: their axis names and marks are in the PDF's text", () => {
    expect(pdfContains(doc, "% of applicants per point")).toBe(true);
    expect(pdfContains(doc, "Programs applied to")).toBe(true);
    expect(pdfContains(doc, `Diminishing returns: ${report.programs?.diminishingReturnsAt}`)).toBe(true);
    expect(pdfContains(doc, "Step 2 CK scale")).toBe(true);
    expect(pdfContains(doc, `As of ${AS_OF}`)).toBe(true);
  });

  it("puts the sources section last, after the backups", () => {
    const last = doc.pageTexts.findLastIndex((t) => pdfContains({ text: t }, "Backup and parallel plans"));
    const sources = doc.pageTexts.findIndex((t) =>
      pdfContains({ text: t }, "Every source this report cites"),
    );
    expect(sources).toBeGreaterThan(last);
  });
});
