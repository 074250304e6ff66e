import { execFile } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The trace, wherever the CLI shows it — `assess --explain` and the report's "why" tables in
 * Markdown and HTML — reads as sentences with the rule id and the sources, never as raw data.
 */
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });

/** Raw data in text (escaped or not), or an internal term of the model. */
const RAW = /\{"|\{&quot;|"\w+":|&quot;\w+&quot;:|logOdds|slopePerPoint/;
const dr = ["--specialty", "diagnostic-radiology", "--as-of", "2026-11-22"];
const img = ["--profile", "examples/non-us-img-dr.json", ...dr];
const failure = ["--profile", "examples/step1-failure-dr.json", ...dr];

const out: Record<string, string> = {};
beforeAll(async () => {
  const jobs: Record<string, string[]> = {
    explainImg: ["assess", ...img, "--explain"],
    explainFailure: ["assess", ...failure, "--explain"],
    md: ["report", ...img, "--format", "md"],
    html: ["report", ...failure, "--format", "html"],
  };
  await Promise.all(
    Object.entries(jobs).map(async ([k, args]) => {
      const r = await run(args);
      if (r.code !== 0) throw new Error(`${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      out[k] = r.stdout;
    }),
  );
}, 120_000);

/** The lines of `assess --explain`'s "Why" section. */
const whyLines = (text: string) => {
  const from = text.indexOf("Why — rules and sources used:");
  const to = text.indexOf("\nSources:", from);
  return text
    .slice(from, to)
    .split("\n")
    .slice(1)
    .filter((l) => l.trim());
};

describe("assess --explain", () => {
  it("says each rule as a sentence ending with its rule id and sources, never as raw JSON", () => {
    for (const text of [out.explainImg ?? "", out.explainFailure ?? ""]) {
      const lines = whyLines(text);
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) {
        expect(line).toMatch(/^ {2}- [A-Z].*\(rule [\w.-]+(; sources?: .+)?\)$/);
        expect(line).not.toMatch(RAW);
      }
    }
  });

  it("names the applicant's band, the specialty and the rules used", () => {
    const img = out.explainImg ?? "";
    expect(img).toContain(
      "Your Step 2 CK 236 is in the 230–239 band for Diagnostic Radiology, read as “Realistic with a strategic application",
    );
    expect(img).toContain("(rule B1; source: seed-000#step2-ranges)");
    expect(img).toMatch(/Programs that screen as “strict cutoff”: .*\(rule S3\.strict-cutoff; source: /);
    expect(out.explainFailure).toMatch(
      /Red flag: An exam failure is on record.*\(rule S4\.failure; sources: /,
    );
    expect(out.explainFailure).toMatch(/Standing is lowered from \w+ to [\w ]+\./);
  });
});

describe("the report's why tables", () => {
  it("Markdown: every row is a sentence, with the rule and sources in their columns", () => {
    const md = out.md ?? "";
    expect(md).not.toMatch(RAW);
    const table = md.slice(md.indexOf("Why — every rule the assessment read"));
    expect(table).toContain(
      "| B1 | Your Step 2 CK 236 is in the 230–239 band for Diagnostic Radiology, read as “Realistic",
    );
    expect(table).toContain(
      "| T1 | Step 2 CK target for Diagnostic Radiology: 245–255. | seed-000#targets |",
    );
  });

  it("HTML: the standing's and the program list's tables read as sentences, model terms as odds factors", () => {
    const html = out.html ?? "";
    expect(html).not.toMatch(RAW);
    expect(html).toContain("Your Step 2 CK 221 is in the");
    expect(html).toMatch(/<td>Your Step 2 CK 221 against the reference of [\d.]+: this multiplies your odds/);
    expect(html).toMatch(/<td>1 exam failure: each multiplies your odds of an interview by 0\.5\./);
  });
});
