import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Profile } from "../src/core/profile/profile-schema.ts";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { feeScheduleFor, specialtyFee } from "../src/core/programs/application-fees.ts";
import { planProgramList } from "../src/core/programs/plan-program-list.ts";
import { buildReport } from "../src/core/report/build-report.ts";
import { renderReportMarkdown } from "../src/core/report/render-markdown.ts";
import { planTimeline } from "../src/core/timeline/plan-timeline.ts";
import { repositoryProgramData } from "../src/io/load-program-data.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";
import { scratchDir } from "./support/scratch-dir.ts";

/**
 * Issue 15's acceptance lines: this cycle's reality — both application services, the H-1B
 * proclamation and the travel bans, and a confidence on every date and fee of a 2027 plan.
 */
const rb = repositoryRulebook();
const data = repositoryProgramData();
const schema = profileSchemaFor(rb);
const root = new URL("..", import.meta.url).pathname;
const AS_OF = "2026-05-01"; // the 2027 Match is the next open one
const profile = (over: Record<string, unknown> = {}): Profile =>
  schema.parse({
    applicantType: "non-us-img",
    graduationYear: 2022,
    visa: "j1",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: 245, attempts: 1 },
    usce: { handsOnMonths: 3, observershipMonths: 0, specialtyMonths: 2 },
    letters: { total: 3, specialty: 2, us: 2 },
    ...over,
  });
const plan = (specialty: string, p: Profile = profile(), parallelSpecialty: string | null = null) => {
  const r = planProgramList(rb, data, { profile: p, specialty, asOf: AS_OF, parallelSpecialty });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.value;
};
const tmp = scratchDir("matchplan-cycle-");
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, "bin/matchplan.js"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("an EM and an OB/GYN plan are billed and dated by ResidencyCAS", () => {
  for (const specialty of ["emergency-medicine", "obstetrics-gynecology"]) {
    it(`${specialty}: ResidencyCAS fees, ResidencyCAS dates (programs view from 1 October)`, () => {
      const p = plan(specialty);
      expect(p.season).toBe(2027);
      expect(p.service).toMatchObject({ id: "residencycas", name: "ResidencyCAS" });
      const main = p.fees.find((f) => f.list === "main");
      expect(main).toMatchObject({ service: "residencycas", serviceName: "ResidencyCAS" });
      expect(main?.usd).toBe(specialtyFee(feeScheduleFor(rb, specialty, 2027), p.programs.length));
      expect(main?.text).toMatch(/^ResidencyCAS fees, .*: \$99 for programs 1–18/);
      expect(p.cost.lines.map((l) => l.item)).toContain("USMLE/COMLEX transcript via ResidencyCAS");

      const t = planTimeline(rb, { profile: profile(), specialtyId: specialty, asOf: AS_OF });
      if (!t.ok) throw new Error("no timeline");
      const tl = t.value.timeline;
      expect(tl.service.name).toBe("ResidencyCAS");
      const ev = (id: string) => tl.events.find((e) => e.id === id);
      expect(ev("programsReview")?.date).toBe("2026-10-01");
      expect(ev("erasOpens")?.label).toBe("ResidencyCAS opens");
      expect(ev("applicationDeadline")).toMatchObject({
        date: "2026-09-24",
        label: "ResidencyCAS application deadline",
      });
    });
  }

  it("an ERAS specialty keeps ERAS fees and dates in the same cycle", () => {
    const p = plan("internal-medicine");
    expect(p.fees[0]).toMatchObject({ service: "eras", serviceName: "ERAS" });
    const t = planTimeline(rb, { profile: profile(), specialtyId: "internal-medicine", asOf: AS_OF });
    if (!t.ok) throw new Error("no timeline");
    expect(t.value.timeline.events.find((e) => e.id === "programsReview")?.date).toBe("2026-09-24");
  });

  it("a DR plan with an EM backup shows both bills, each explained, on the plan and on the command line", () => {
    const p = plan("diagnostic-radiology", profile(), "emergency-medicine");
    const dr = p.fees.find((f) => f.list === "main");
    const em = p.fees.find((f) => f.list === "parallel");
    expect(dr).toMatchObject({ specialty: "diagnostic-radiology", service: "eras" });
    expect(em).toMatchObject({ specialty: "emergency-medicine", service: "residencycas" });
    expect(dr?.text).toMatch(/^ERAS fees, Diagnostic Radiology \(\d+ programs\): \d+ × \$11/);
    expect(em?.text).toMatch(
      /^ResidencyCAS fees, Emergency Medicine \(\d+ programs\): \$99 for programs 1–18/,
    );
    expect(p.costUsd).toBeCloseTo(
      p.fees.reduce((s, f) => s + f.usd, 0),
      2,
    );
    expect(p.cost.lines.filter((l) => l.kind === "transcript").map((l) => l.item)).toEqual([
      "USMLE/COMLEX transcript via ERAS",
      "USMLE/COMLEX transcript via ResidencyCAS",
    ]);

    const file = join(tmp, "dr.json");
    writeFileSync(file, JSON.stringify(profile()));
    const r = cli([
      "programs",
      "--profile",
      file,
      "--specialty",
      "diagnostic-radiology",
      "--parallel",
      "emergency-medicine",
      "--as-of",
      AS_OF,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ERAS fees, Diagnostic Radiology \(\d+ programs\)/);
    expect(r.stdout).toMatch(/ResidencyCAS fees, Emergency Medicine \(\d+ programs\)/);
    expect(r.stdout).toMatch(/Season cost for the 2027 Match: US\$/);
  }, 60_000);
});

describe("visa and travel reality in a plan", () => {
  it("a non-US IMG outside the US needing an H-1B sees the proclamation note with its source and date, and lower H-1B odds", () => {
    const abroad = plan("internal-medicine", profile({ visa: "h1b", applyingFrom: "outside-us" }));
    const home = plan("internal-medicine", profile({ visa: "h1b", applyingFrom: "inside-us" }));
    const note = abroad.visaNotes.find((n) => n.kind === "h1b-proclamation");
    expect(note?.points[0]).toMatch(/US\$100,000/);
    expect(note?.provenance).toMatch(/Sources: .*law firm.*Last verified \d{4}-\d{2}-\d{2}/);
    expect(note?.sources.length).toBeGreaterThan(0);
    expect(abroad.pMatch?.estimate ?? 1).toBeLessThan(home.pMatch?.estimate ?? 0);
    expect(abroad.because.some((b) => b.ruleId === "visa.h1b-from-abroad")).toBe(true);
    expect(home.because.some((b) => b.ruleId === "visa.h1b-from-abroad")).toBe(false);
  });

  it("a listed nationality sees the travel note, on the plan and on the command line", () => {
    const p = profile({ visa: "j1", citizenship: "SN", applyingFrom: "outside-us" });
    const note = plan("internal-medicine", p).visaNotes.find((n) => n.kind === "travel-ban");
    expect(note?.title).toBe("Travel restriction: Senegal");
    expect(note?.points.join(" ")).toMatch(/J-1 is blocked/);
    const file = join(tmp, "sn.json");
    writeFileSync(file, JSON.stringify(p));
    const r = cli(["programs", "--profile", file, "--specialty", "internal-medicine", "--as-of", AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Travel restriction: Senegal:/);
    expect(r.stdout).toMatch(/NRMP: Programs with matched applicants from restricted countries/);
  }, 60_000);
});

describe("every date and fee in a 2027 plan shows its confidence", () => {
  const r = buildReport(rb, data, {
    profile: profile({ targetMatchYear: 2027, preferences: { currency: { code: "INR", perUsd: 83.5 } } }),
    specialty: "diagnostic-radiology",
    asOf: AS_OF,
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  const report = r.value;

  it("every cycle date is official, secondary (its label says so) or estimated (with what it rests on)", () => {
    expect(report.matchYear).toBe(2027);
    expect(report.timeline.events.length).toBeGreaterThan(10);
    for (const e of report.timeline.events) {
      expect(["official", "secondary", "estimated"]).toContain(e.confidence);
      expect(e.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.confidence === "estimated") expect(e.basis).toMatch(/estimated from the \d{4} Match date/);
      if (e.restsOn === "secondary") expect(e.label).toMatch(/secondary source/);
    }
    const opens = report.timeline.events.find((e) => e.id === "erasOpens");
    expect(opens).toMatchObject({ date: "2026-06-03", confidence: "secondary" });
    expect(report.timeline.freshness.text).toMatch(/^Dates last verified on \d{4}-\d{2}-\d{2}\.$/);
  });

  it("every fee and cost line carries its confidence, and the rendered report marks the estimated ones", () => {
    const fees = report.programs?.fees ?? [];
    expect(fees.length).toBeGreaterThan(0);
    for (const f of fees) {
      expect(f.confidence).toBe("estimated");
      expect(f.text).toMatch(/\(estimated — carried from the 2026 Match/);
    }
    for (const l of report.cost?.lines ?? []) {
      expect(["official", "secondary", "estimated", "unknown"]).toContain(l.confidence);
      expect(l.text).toMatch(l.confidence === "unknown" ? /unknown/ : /\((estimated|secondary)|US\$/);
    }
    expect(report.cost?.text).toMatch(/US\$[\d,]+ \(INR [\d,.]+\)/);
    expect(report.programs?.signalAllowance.text).toMatch(
      /6 gold \+ 6 silver.*\(estimated — carried from the 2025 Match/,
    );
    const md = renderReportMarkdown(report);
    expect(md).toMatch(/ERAS fees, Diagnostic Radiology .*\(estimated — carried from the 2026 Match/);
    expect(md).toMatch(/Dates and fees last verified on \d{4}-\d{2}-\d{2}\./);
    expect(md).toMatch(/NRMP registration: unknown/);
  });

  it("`npm run data:check -- --as-of 2026-12-06` prints the facts by confidence and age", () => {
    const out = spawnSync("npm", ["run", "-s", "data:check", "--", "--as-of", "2026-12-06"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Cycle facts as of 2026-12-06: \d+ facts/);
    const headings = [...out.stdout.matchAll(/^(official|secondary|estimated|unknown) \(\d+\)$/gm)].map(
      (m) => m[1],
    );
    expect(headings).toEqual(["official", "secondary", "estimated", "unknown"]);
    expect(out.stdout).toMatch(
      /^\s+\d+d\s+\d{4}-\d{2}-\d{2}\s+2027\.yaml services\.eras\.events\.opens\s+2026-06-03/m,
    );
  }, 60_000);
});

describe("figures are cited where they stand", () => {
  it("the DR positions note's 1,057 and 151 are the entries it cites (PGY-2 and PGY-1 positions offered), not the applicant counts", () => {
    const dr = rb.specialties.get("diagnostic-radiology");
    const note = dr?.positions.note ?? "";
    expect(note).toMatch(/1,057 vs 151/);
    const cited = (dr?.positions.sources ?? []).map((s) => rb.statistics[Number(s.split("#")[1])]);
    expect(cited.map((e) => e?.metric)).toEqual([
      "PGY-2 (advanced DR) positions filled/offered",
      "PGY-1 (categorical DR) positions filled/offered",
    ]);
    expect(cited.map((e) => String(e?.value).split("/")[1])).toEqual(["1057", "151"]);
  });

  it("a transcript fee is charged for each transcript sent (USMLE or COMLEX), as the sources say, not once for the season", () => {
    const p = plan("emergency-medicine");
    const rcas = p.cost.lines.find((l) => l.item === "USMLE/COMLEX transcript via ResidencyCAS");
    expect(rcas?.text).toMatch(/US\$80 — for each transcript sent \(USMLE or COMLEX\), once per season/);
    expect(rcas?.text).not.toMatch(/— once per season/);
  });
});

describe("a fact past its known end or review is flagged wherever freshness is shown", () => {
  const late = "2026-12-07";
  const h1b = profile({ visa: "h1b", applyingFrom: "outside-us" });

  it("the plan's freshness warning and the report say the H-1B term ended, beside 'last verified'", () => {
    const r = buildReport(rb, data, { profile: h1b, specialty: "internal-medicine", asOf: late });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
    expect(r.value.programs?.freshness.lapsed.map((l) => l.date)).toEqual(["2026-09-21"]);
    const md = renderReportMarkdown(r.value);
    expect(md).toMatch(
      /Past a known end or review on 2026-12-07: .*12-month term ended on 2026-09-21; whether it was extended is unknown/,
    );
    expect(md).toMatch(/Last verified 2026-12-06 .*But the proclamation's 12-month term ended on 2026-09-21/);
  });

  it("the CLI's program list warns of it, and `data:check` marks both facts", () => {
    const file = join(tmp, "h1b-late.json");
    writeFileSync(file, JSON.stringify(h1b));
    const r = cli(["programs", "--profile", file, "--specialty", "internal-medicine", "--as-of", late]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Warning: .*the proclamation's 12-month term ended on 2026-09-21/);
    const out = spawnSync("npm", ["run", "-s", "data:check", "--", "--as-of", late], {
      cwd: root,
      encoding: "utf8",
    });
    expect(out.stdout).toMatch(/⚑ .*visa\.h1bProclamation\.durationMonths .*term ended on 2026-09-21/);
    expect(out.stdout).toMatch(/⚑ .*visa\.travelBans\.1 .*came due for review on 2026-06-30/);
  }, 60_000);
});
