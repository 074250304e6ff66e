import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../support/scratch-dir.ts";

const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = scratchDir("matchplan-cli-");
const write = (name: string, text: string) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};
const dr = ["--specialty", "diagnostic-radiology", "--as-of", "2026-11-22"];

describe("matchplan CLI", () => {
  it("assess --json: a non-US IMG with Step 2 CK 236 sits in the DR 230–239 band cited to the DR guide", () => {
    const r = run(["assess", "--profile", "examples/non-us-img-dr.json", ...dr, "--json"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.specialty).toBe("diagnostic-radiology");
    expect(a.step2ck.band).toMatchObject({ min: 230, max: 239 });
    expect(a.step2ck.band.sources[0]).toMatch(/^seed-000/);
    expect(a.step2ck.target).toMatchObject({ min: 245, max: 255 });
    for (const key of [
      "standing",
      "redFlags",
      "recommendations",
      "applicationCount",
      "backupSpecialties",
      "because",
    ])
      expect(a).toHaveProperty(key);
  });

  it("assess: a Step 1 failure and Step 2 CK 221 in DR is low or very-low, flagged, broad, with backups", () => {
    const r = run(["assess", "--profile", "examples/step1-failure-dr.json", ...dr, "--json"]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(["low", "very-low"]).toContain(a.standing);
    expect(a.redFlags.map((f: { code: string }) => f.code)).toContain("exam-failure");
    expect(a.applicationCount.min).toBeGreaterThanOrEqual(80);
    expect(a.recommendations.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(["apply-broadly", "backup-specialty"]),
    );
    expect(a.backupSpecialties.length).toBeGreaterThan(0);
  });

  it("assess sets the score against the published medians of the applicant's own kind, or says nothing", () => {
    const md = run(["assess", "--profile", "examples/us-md-im.json", "--specialty", "internal-medicine"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/your 244 is \d+ points below matched US MD seniors' median \d+/);
    expect(md.stdout).not.toMatch(/IMGs' median/);
    // Its standing rests on no band: the line says why.
    expect(md.stdout).toMatch(
      /^Standing: BORDERLINE \(provisional: no cited Step 2 CK bands for this specialty/m,
    );
    const img = run(["assess", "--profile", "examples/non-us-img-dr.json", ...dr]);
    expect(img.stdout).toMatch(/your 236 is \d+ points? (below|above) matched non-US IMGs' median \d+/);
    const profile = JSON.parse(readFileSync(join(root, "examples/us-md-im.json"), "utf8"));
    const dO = run(
      ["assess", "--profile", "-", "--specialty", "internal-medicine"],
      JSON.stringify({ ...profile, applicantType: "do" }),
    );
    expect(dO.code).toBe(0);
    expect(dO.stdout).not.toMatch(/median/);
  });

  it("assess names each guidance topic in words, with its rule", () => {
    const r = run(["assess", "--profile", "examples/step1-failure-dr.json", ...dr]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Step 2 CK target \(T1\.weak-step1\):$/m);
    expect(r.stdout).toMatch(/^Logistics \(D8\):$/m);
    expect(r.stdout).not.toMatch(/step2ck-target|Note \(/);
  });

  it("assess --explain lists the rules and the sources used", () => {
    const r = run(["assess", "--profile", "examples/non-us-img-dr.json", ...dr, "--explain"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Why — rules and sources used:");
    expect(r.stdout).toMatch(/\(rule B1; source: seed-000#step2-ranges\)/);
    expect(r.stdout).toContain("IMG Residency Guide: Mastering Step Score Strategy for Radiology");
  });

  it("reads the profile from standard input", () => {
    const r = run(
      ["assess", "--profile", "-", ...dr, "--json"],
      JSON.stringify({
        applicantType: "us-md",
        graduationYear: 2027,
        visa: "none-needed",
        step1: { outcome: "pass", attempts: 1 },
        step2ck: { score: 250, attempts: 1 },
      }),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).applicantType).toBe("us-md");
  });

  it("a score of 320 exits 2 naming the field and the allowed range, without a stack trace", () => {
    const f = write(
      "score.json",
      JSON.stringify({
        applicantType: "non-us-img",
        graduationYear: 2021,
        visa: "j1",
        step1: { outcome: "pass", attempts: 1 },
        step2ck: { score: 320, attempts: 1 },
      }),
    );
    const r = run(["assess", "--profile", f, ...dr]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("step2ck.score");
    expect(r.stderr).toMatch(/1–300/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("a negative attempt count exits 2 naming the field", () => {
    const f = write(
      "attempts.json",
      JSON.stringify({
        applicantType: "non-us-img",
        graduationYear: 2021,
        visa: "j1",
        step1: { outcome: "pass", attempts: -1 },
        step2ck: { score: 230, attempts: 1 },
      }),
    );
    const r = run(["validate", "--profile", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("step1.attempts");
  });

  it("validate --json answers an invalid profile with its issues as JSON on standard output, exit 2", () => {
    const f = write(
      "no-step2.json",
      JSON.stringify({
        ...JSON.parse(readFileSync("examples/non-us-img-dr.json", "utf8")),
        step2ck: undefined,
      }),
    );
    const r = run(["validate", "--profile", f, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("step2ck");
    const out = JSON.parse(r.stdout) as { ok: boolean; issues: Array<{ path: string; code: string }> };
    expect(out.ok).toBe(false);
    expect(out.issues).toEqual([expect.objectContaining({ path: "step2ck", code: "missing_field" })]);
    // As text: the field, what it takes, said once.
    const text = run(["validate", "--profile", f]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/step2ck: is required: must be an object: .*null if not taken yet/);
    expect(text.stderr).not.toContain("(allowed:");
  });

  it("malformed JSON exits 2 and says so", () => {
    const r = run(["validate", "--profile", write("bad.json", "{ not json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile: .*not valid JSON/);
  });

  it("an unknown specialty exits 2 and lists the allowed ids", () => {
    const r = run(["assess", "--profile", "examples/non-us-img-dr.json", "--specialty", "radiology"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--specialty");
    expect(r.stderr).toContain("diagnostic-radiology");
  });

  it("a bad --as-of date and a missing file exit 2", () => {
    expect(
      run([
        "assess",
        "--profile",
        "examples/non-us-img-dr.json",
        "--specialty",
        "pediatrics",
        "--as-of",
        "2026-02-30",
      ]).code,
    ).toBe(2);
    expect(run(["validate", "--profile", join(tmp, "nope.json")]).stderr).toContain("file not found");
  });

  it("validate accepts every example profile", () => {
    for (const f of ["examples/non-us-img-dr.json", "examples/step1-failure-dr.json"])
      expect(run(["validate", "--profile", f]).code).toBe(0);
  });

  it("validate warns, without failing, of odds inputs left out and what the odds assume", () => {
    const {
      usce: _u,
      letters: _l,
      ...bare
    } = JSON.parse(readFileSync("examples/non-us-img-dr.json", "utf8"));
    const f = write("no-usce-letters.json", JSON.stringify(bare));
    const r = run(["validate", "--profile", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Profile is valid.");
    expect(r.stdout).toMatch(/Warning: usce: USCE not given: counted as none/);
    expect(r.stdout).toMatch(/Warning: letters\.specialty: Specialty letters not given: counted as none/);
    const j = JSON.parse(run(["validate", "--profile", f, "--json"]).stdout);
    expect(j).toMatchObject({ ok: true, issues: [] });
    expect(j.warnings.map((w: { path: string }) => w.path)).toEqual(["usce", "letters.specialty"]);
    expect(run(["validate", "--profile", "examples/non-us-img-dr.json"]).stdout.trim()).toBe(
      "Profile is valid.",
    );
  });

  it("specialties lists the registry, and --help works everywhere", () => {
    const s = run(["specialties"]);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain("interventional-radiology");
    for (const cmd of [[], ["assess"], ["validate"], ["specialties"], ["schema"]]) {
      const h = run([...cmd, "--help"]);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain("Usage: matchplan");
    }
  });

  it("schema prints a JSON Schema of the profile", () => {
    const s = JSON.parse(run(["schema"]).stdout);
    expect(s.properties.step2ck.properties.score).toBeDefined();
    expect(s.additionalProperties).toBe(false);
  });
});

describe("matchplan programs", () => {
  it("--json: a DR list within a $2,500 budget, with tiers, odds, signals, supplemental PGY-1 and P(match)", () => {
    const r = run([
      "programs",
      "--profile",
      "examples/non-us-img-dr.json",
      ...dr,
      "--budget",
      "2500",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.costUsd).toBeLessThanOrEqual(2500);
    expect(p.programs.length).toBe(p.recommendedCount);
    for (const key of ["id", "name", "state", "tier", "pInterview", "signal", "sources"])
      expect(p.programs[0]).toHaveProperty(key);
    expect(p.pMatch).toMatchObject({
      estimate: expect.any(Number),
      low: expect.any(Number),
      high: expect.any(Number),
    });
    expect(p.marginal.length).toBeGreaterThan(0);
    expect(p.supplementalPgy1.length).toBeGreaterThan(0);
  });

  it("--csv prints one row per program with a header", () => {
    const r = run([
      "programs",
      "--profile",
      "examples/non-us-img-dr.json",
      ...dr,
      "--budget",
      "1000",
      "--csv",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^id,name,city,state,tier,pInterview/);
    expect(lines.length).toBeGreaterThan(2);
  });

  it("as text: the specialty by its name, and amounts written as every other line writes them", () => {
    const r = run(["programs", "--profile", "examples/non-us-img-dr.json", ...dr, "--budget", "2500"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^Diagnostic Radiology · non-us-img · \d{4} Match$/);
    expect(lines.find((l) => l.startsWith("Application fees:"))).toMatch(
      /^Application fees: \$\d,\d{3} of a \$2,500 budget/,
    );
  });

  it("as text: a parallel list gives its own P(match) and the either figure with ranges, its rows their visa, and the (est.) key", () => {
    const r = run([
      "programs",
      "--profile",
      "examples/non-us-img-dr.json",
      ...dr,
      "--parallel",
      "internal-medicine",
      "--budget",
      "none",
    ]);
    expect(r.code).toBe(0);
    const range = String.raw`\d+\.\d% \(range \d+\.\d%–\d+\.\d%\)`;
    expect(r.stdout).toMatch(
      new RegExp(
        `^P\\(match\\), the parallel Internal Medicine list alone: ${range} with \\d+ programs$`,
        "m",
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(`^P\\(match in Diagnostic Radiology or Internal Medicine\\): ${range}$`, "m"),
    );
    const lines = r.stdout.split("\n");
    const start = lines.findIndex((l) => l.startsWith("Parallel list — Internal Medicine"));
    expect(start).toBeGreaterThan(0);
    const after = lines.slice(start + 1);
    const rows = after.slice(
      0,
      after.findIndex((l) => !l.startsWith("  ")),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/ · visa (listed|inferred|unknown)/);
    if (lines.some((l) => l.includes("(est.) ")))
      expect(r.stdout).toContain("(est.): the program reports no interview rate");
  });

  it("as text: PGY-1 signals by the tracks' names, in their own terms (no gold/silver where the allowance has no tiers)", () => {
    const r = run(["programs", "--profile", "examples/non-us-img-dr.json", ...dr]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Transitional Year: \d+ signals? spent — \d+ signals for the/m);
    expect(r.stdout).toMatch(/^ {2}Preliminary Medicine \(PGY-1\): \d+ gold, \d+ silver spent/m);
    expect(r.stdout).not.toMatch(/transitional-year|preliminary-surgery|preliminary-medicine/);
    expect(r.stdout).not.toMatch(/Transitional Year .*\[(gold|silver)\]/);
    expect(r.stdout).toMatch(/Transitional Year .*\[signal\]/);
  });

  it("search filters by state, visa and non-US IMG interview rate", () => {
    const r = run([
      "programs",
      "search",
      "--specialty",
      "internal-medicine",
      "--state",
      "OH",
      "--visa",
      "h1b",
      "--min-img-rate",
      "0.05",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout);
    expect(found.count).toBeGreaterThan(0);
    for (const p of found.programs) {
      expect(p.state).toBe("OH");
      expect(p.visa.h1b).toBe(true);
      expect(p.interviewRates.nonUsImg).toBeGreaterThanOrEqual(0.05);
    }
  });

  it("bad options exit 2 naming the option", () => {
    expect(
      run(["programs", "--profile", "examples/non-us-img-dr.json", ...dr, "--budget", "-5"]).stderr,
    ).toContain("--budget");
    expect(run(["programs", "search", "--specialty", "internal-medicine", "--visa", "f1"]).code).toBe(2);
    expect(run(["programs", "search", "--specialty", "nope"]).code).toBe(2);
  });

  it("timeline --ics and study plan --ics are the API's calendars: nothing before the as-of date, one-day entries, reminders", () => {
    const asOf = "2026-11-22";
    for (const args of [
      ["timeline", "--profile", "examples/non-us-img-dr.json", ...dr, "--ics"],
      [
        "study",
        "plan",
        "--profile",
        "examples/do-fm.json",
        "--specialty",
        "family-medicine",
        "--as-of",
        asOf,
        "--target",
        "235",
        "--ics",
      ],
    ]) {
      const r = run(args);
      expect(r.code, r.stderr).toBe(0);
      const starts = [...r.stdout.matchAll(/^DTSTART;VALUE=DATE:(\d{8})/gm)].map((m) => m[1] as string);
      expect(starts.length, args[0]).toBeGreaterThan(0);
      for (const d of starts) expect(d >= asOf.replaceAll("-", ""), `${args[0]} ${d}`).toBe(true);
      expect(r.stdout).toContain("BEGIN:VALARM");
    }
  });
});
