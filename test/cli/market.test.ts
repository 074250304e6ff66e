import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("matchplan market simulate", () => {
  it("prints a JSON summary of the simulated seasons: fill, match rate by type, the model against the market", () => {
    const r = run(["market", "simulate", "--specialty", "pathology", "--runs", "2", "--seed", "5"]);
    expect(r.code).toBe(0);
    const { summary } = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ specialty: "pathology", runs: 2, seed: 5, positions: 636 });
    expect(summary.fillRate.mean).toBeGreaterThan(0);
    expect(summary.fillRate.mean).toBeLessThanOrEqual(1);
    expect(Object.keys(summary.matchRate)).toEqual(["us-md", "do", "us-img", "non-us-img"]);
    expect(summary.model.byType["non-us-img"].applicants).toBe(summary.applicants["non-us-img"]);
    // Not a terminal: no progress bar on standard error.
    expect(r.stderr).not.toContain("seasons ·");
  }, 60_000);

  it("with --profile: the applicant's P(match) by rank-list length beside the model's figure", () => {
    const r = run([
      "market",
      "simulate",
      "--specialty",
      "diagnostic-radiology",
      "--runs",
      "1",
      "--profile",
      "examples/non-us-img-dr.json",
      "--max-length",
      "3",
    ]);
    expect(r.code).toBe(0);
    const { applicant } = JSON.parse(r.stdout);
    expect(applicant.byListLength.map((x: { length: number }) => x.length)).toEqual([1, 2, 3]);
    for (const row of applicant.byListLength) expect(row.model).toBeGreaterThan(0);
    expect(applicant.pMatch.model).toBeGreaterThan(0);
    expect(applicant.pMatch.simulated).toBeGreaterThanOrEqual(0);
    // Beside the two figures: which is higher and why the one-specialty market differs.
    expect(applicant.notes).toHaveLength(2);
    expect(applicant.notes[1]).toContain("backup");
  }, 60_000);

  it("refuses bad options, naming each", () => {
    const runs = run(["market", "simulate", "--specialty", "pathology", "--runs", "0"]);
    expect(runs.code).toBe(2);
    expect(runs.stderr).toContain("--runs");
    const sp = run(["market", "simulate", "--specialty", "thoracic-surgery"]);
    expect(sp.code).toBe(2);
    expect(sp.stderr).toContain("--specialty");
    expect(sp.stderr).toContain("diagnostic-radiology");
  });
});
