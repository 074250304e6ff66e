import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { scratchDir } from "../support/scratch-dir.ts";

/**
 * `matchplan track` end to end: a spreadsheet's CSV with an unknown program and a bad date is
 * imported into a new tracker file with both problems reported by line and nothing else lost;
 * the season read from it, as of mid-December with no invitation, raises the SOAP note with the
 * published record's unfilled positions and says the states are unknown.
 */
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = scratchDir("matchplan-track-");
const programs = repositoryProgramData().bySpecialty.get("diagnostic-radiology") ?? [];
const [a, b, ...rest] = programs;

describe("matchplan track", () => {
  it("imports a spreadsheet: the unknown program and the bad date reported by line, the rest kept; then reads the season", () => {
    if (!a || !b) throw new Error("no DR programs");
    const sheet = join(tmp, "sheet.csv");
    writeFileSync(
      sheet,
      [
        "Program ID,Program,Date applied,Invited,Interview date,Notes",
        `,"${a.name}",2026-09-03,,,first choice`,
        ",Unknown Program Of Nowhere,2026-09-03,,,",
        `${b.id},,2026-09-31,,,typo`,
        ...rest.slice(0, 20).map((p) => `${p.id},,2026-09-03,,,`),
      ].join("\r\n"),
    );
    const tracker = join(tmp, "season.json");
    const imported = run([
      "track",
      "--tracker",
      tracker,
      "--specialty",
      "diagnostic-radiology",
      "--match-year",
      "2027",
      "--import",
      sheet,
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/line 3/);
    expect(imported.stderr).toMatch(/line 4: Applied/);
    expect(imported.stderr).toMatch(/line 3 kept aside: .*Unknown Program Of Nowhere/);
    const saved = JSON.parse(readFileSync(tracker, "utf8"));
    expect(saved.entries).toHaveLength(22);
    expect(saved.entries[0]).toMatchObject({ programId: a.id, applied: "2026-09-03", notes: "first choice" });
    expect(saved.entries[1]).toMatchObject({ programId: b.id, applied: null });
    expect(saved.entries[1].notes).toMatch(/typo.*Applied: 2026-09-31/);

    const season = run([
      "track",
      "--tracker",
      tracker,
      "--profile",
      "examples/non-us-img-dr.json",
      "--as-of",
      "2026-12-15",
      "--json",
    ]);
    expect(season.code).toBe(0);
    const r = JSON.parse(season.stdout);
    expect(r.pMatch.estimate).toBeLessThan(r.planPMatch.estimate);
    expect(r.soap.raised).toBe(true);
    expect(r.soap.unfilled.specialties[0].row).toBe("Family Medicine");
    expect(r.soap.unfilled.states).toBeNull();
    const text = run([
      "track",
      "--tracker",
      tracker,
      "--profile",
      "examples/non-us-img-dr.json",
      "--as-of",
      "2026-12-15",
    ]);
    expect(text.stdout).toMatch(/By state: unknown/);
  });

  it("reads P(match) as `programs` does for the same date — the PGY-1 year included — and with nothing recorded shows the plan's figure, not 0%", () => {
    const asOf = "2026-09-10";
    const planned = run([
      "programs",
      "--profile",
      "examples/non-us-img-dr.json",
      "--specialty",
      "diagnostic-radiology",
      "--as-of",
      asOf,
      "--json",
    ]);
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout);
    const shown = (x: number) => `${(x * 100).toFixed(1)}%`;
    const tracker = join(tmp, "as-planned.json");
    writeFileSync(
      tracker,
      JSON.stringify({
        specialty: "diagnostic-radiology",
        matchYear: plan.season,
        entries: plan.programs.map((p: { id: string; signal: string | null }, i: number) => ({
          programId: p.id,
          applied: "2026-09-03",
          signal: p.signal,
          invited: i < 6,
        })),
      }),
    );
    const season = run([
      "track",
      "--tracker",
      tracker,
      "--profile",
      "examples/non-us-img-dr.json",
      "--as-of",
      asOf,
    ]);
    expect(season.code).toBe(0);
    expect(season.stdout).toContain(`at plan time ${shown(plan.pMatch.estimate)};`);
    expect(season.stdout).toMatch(/advanced position and a PGY-1 year together/);
    expect(season.stdout).toContain(`supplemental PGY-1 list gives a ${shown(plan.pgy1.chance)} chance`);
    expect(season.stdout).not.toMatch(/\(\+0\.0 points\)/);

    const empty = join(tmp, "empty.json");
    writeFileSync(
      empty,
      JSON.stringify({ specialty: "diagnostic-radiology", matchYear: plan.season, entries: [] }),
    );
    const nothing = run([
      "track",
      "--tracker",
      empty,
      "--profile",
      "examples/non-us-img-dr.json",
      "--as-of",
      asOf,
    ]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain(`P(match) now ${shown(plan.pMatch.estimate)}`);
    expect(nothing.stdout).toMatch(/Nothing is recorded yet/);
    expect(nothing.stdout).not.toMatch(/P\(match\) now 0\.0%|That is what your plan expected/);
  });

  it("warns of a short rank list in percentages, as every other P(match) is shown", () => {
    const tracker = join(tmp, "ranked.json");
    const interviewed = programs.slice(0, 3).map((p, i) => ({
      programId: p.id,
      applied: "2026-09-03",
      invited: true,
      interviewDate: "2026-11-10",
      interviewed: true,
      rank: i === 0 ? 1 : null,
    }));
    writeFileSync(
      tracker,
      JSON.stringify({
        version: 1,
        specialty: "diagnostic-radiology",
        matchYear: 2027,
        entries: interviewed,
      }),
    );
    const text = run([
      "track",
      "--tracker",
      tracker,
      "--profile",
      "examples/non-us-img-dr.json",
      "--as-of",
      "2026-12-15",
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Your rank list has 1 program but 3 interviewed you/);
    expect(text.stdout).toMatch(/\(\d+\.\d% against \d+\.\d% with all of them\)/);
    expect(text.stdout).not.toMatch(/\b0\.\d\d against/);
  });
});
