import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";

const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = scratchDir("matchplan-study-");
const write = (name: string, text: string) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};
const plan = [
  "study",
  "plan",
  "--profile",
  "test/study/fixtures/dr-2027.json",
  "--specialty",
  "diagnostic-radiology",
];

describe("matchplan study", () => {
  it("plan: short, readable text with the exam date, phases and self-assessments", () => {
    const r = run([...plan, "--as-of", "2026-01-05", "--baseline", "215"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exam: 2026-04-13 \(recommended\)/);
    expect(r.stdout).toMatch(/Phases \(P3\):/);
    // Phases and weak systems in words, not as ids.
    expect(r.stdout).toMatch(/^ {2}Baseline foundations +\d{4}-/m);
    expect(r.stdout).not.toMatch(/baseline-foundations|intensive-qbank|us-preventive-care/);
    expect(r.stdout).toMatch(/Self-assessments:/);
    expect(r.stdout).toMatch(/Checks: the plan keeps all its own rules\./);
    expect(r.stdout.split("\n").length).toBeLessThan(60);
  });

  it("plan: bad dates, scores off the USMLE scale and unknown options exit 2, each naming its field", () => {
    const r = run([...plan, "--as-of", "2026-01-05", "--exam-date", "2026-02-30"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--exam-date: "2026-02-30" is not a date/);
    const s = run([...plan, "--as-of", "2026-01-05", "--baseline", "400", "--target", "abc"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--target: "abc" is not a number/);
    const t = run([...plan, "--as-of", "2026-01-05", "--baseline", "400"]);
    expect(t.stderr).toMatch(/--baseline: 400 is not a score on the USMLE scale .*1–300/);
    expect(run([...plan, "--as-of", "2026-01-05", "--exam-date", "2025-12-01"]).stderr).toMatch(
      /--exam-date: the exam date/,
    );
    expect(run([...plan, "--json", "--ics"]).code).toBe(2);
    expect(run([...plan, "--no-such-option"]).code).toBe(2);
  });

  it("forecast: log problems name their entry and field; malformed JSON and unknown kinds exit 2", () => {
    const bad = write(
      "bad.json",
      JSON.stringify([
        { date: "2026-05-01", kind: "nbme", form: 12, score: 240 },
        { date: "2026-05-08", kind: "nbme", form: 13, score: 245 },
        { date: "2026-05-09", kind: "nbme", form: 14, score: 310 },
        { date: "2026-05-10", kind: "kaplan", score: 240 },
      ]),
    );
    const r = run(["study", "forecast", "--log", bad, "--target", "250", "--as-of", "2026-05-19"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/log\[2\]\.score: 310 is not a three-digit score/);
    expect(r.stderr).toMatch(/log\[3\]\.kind: unknown kind "kaplan"/);
    const broken = write("broken.json", "[{");
    const j = run(["study", "forecast", "--log", broken, "--target", "250"]);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/--log: .* is not valid JSON/);
    expect(
      run(["study", "forecast", "--log", "examples/practice-log-short.json", "--target", "999"]).code,
    ).toBe(2);
  });

  it("forecast: readable text with the band, the decision and what would tighten it", () => {
    const r = run([
      "study",
      "forecast",
      "--log",
      "examples/practice-log-short.json",
      "--target",
      "250",
      "--as-of",
      "2026-05-19",
      "--exam-date",
      "2026-05-29",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Forecast for 2026-05-29: \d+ \(80% band \d+–\d+\)/);
    expect(r.stdout).toMatch(/Decision: CONSIDER POSTPONING/);
    expect(r.stdout).toMatch(/What would tighten the estimate:\n {2}- Take /);
  });
});
