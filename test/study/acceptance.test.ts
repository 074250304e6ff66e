import { spawnSync } from "node:child_process";
import { join } from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";

/**
 * The issue's acceptance checks, run through the `matchplan` command as a user would from a
 * clean clone: the DR 2027 plan, the two practice logs, and the calendar parsed back with a real
 * iCalendar parser.
 */
const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "bin/matchplan.js");
const run = (args: string[], tz?: string) => {
  const env = tz ? { ...process.env, TZ: tz } : process.env;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const planArgs = [
  "study",
  "plan",
  "--profile",
  "test/study/fixtures/dr-2027.json",
  "--specialty",
  "diagnostic-radiology",
  "--as-of",
  "2026-01-05",
  "--baseline",
  "215",
  "--target",
  "245",
];

interface PlanJson {
  examDate: string;
  studyStart: string;
  phases: Array<{ name: string; start: string; end: string }>;
  days: Array<{ date: string; kind: string; questions: number; hours: number; activities: string[] }>;
  selfAssessments: Array<{ date: string; kind: string; label: string }>;
  reminders: Array<{ date: string; text: string }>;
  asOf: string;
  issues: unknown[];
  timing: {
    cycle: { matchYear: number; programsReview: { date: string } };
    scoreReported: { latest: string };
  };
  weeks: { planned: number };
}

const planned = (() => {
  const r = run([...planArgs, "--json"]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as PlanJson;
})();

describe("Step 2 CK planner — acceptance", () => {
  it("as of 2026-01-05, baseline 215, target 245, full-time, DR, 2027 cycle: a 10–14-week-or-longer plan (P2)", () => {
    expect(planned.timing.cycle.matchYear).toBe(2027);
    expect(planned.phases[0]?.start).toBe(planned.studyStart);
    const days = planned.days.filter((d) => d.kind !== "exam").length;
    expect(days).toBeGreaterThanOrEqual(10 * 7);
    expect(planned.weeks.planned).toBeGreaterThanOrEqual(10);
  });

  it("the exam is early enough for the score to be reported before programs review applications", () => {
    expect(planned.timing.scoreReported.latest < planned.timing.cycle.programsReview.date).toBe(true);
  });

  it("at least 3 self-assessments, a light day every week, nothing after the exam, no issues", () => {
    expect(planned.selfAssessments.length).toBeGreaterThanOrEqual(3);
    const study = planned.days.filter((d) => d.kind !== "exam");
    for (let i = 0; i + 7 <= study.length; i += 7)
      expect(study.slice(i, i + 7).some((d) => d.kind === "light")).toBe(true);
    expect(planned.days.every((d) => d.date <= planned.examDate)).toBe(true);
    expect(planned.days.at(-1)).toMatchObject({ date: planned.examDate, kind: "exam" });
    expect(planned.issues).toEqual([]);
  });

  it("the JSON has the documented fields", () => {
    expect(planned.phases[0]).toEqual(
      expect.objectContaining({
        name: expect.any(String),
        start: expect.any(String),
        end: expect.any(String),
      }),
    );
    expect(planned.days[0]).toEqual(
      expect.objectContaining({
        date: expect.any(String),
        questions: expect.any(Number),
        hours: expect.any(Number),
        activities: expect.any(Array),
      }),
    );
    expect(planned.selfAssessments[0]).toEqual(
      expect.objectContaining({ date: expect.any(String), kind: expect.any(String) }),
    );
  });

  const forecast = (log: string) => {
    const r = run([
      "study",
      "forecast",
      "--log",
      log,
      "--target",
      "250",
      "--as-of",
      "2026-05-19",
      "--exam-date",
      "2026-05-29",
      "--json",
    ]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as {
      forecast: { estimate: number; low: number; high: number };
      decision: string;
      because: Array<{ ruleId: string; note?: string }>;
    };
  };

  it("NBMEs 228 → 236 → 241, target 250, exam in 10 days: consider-postponing or postpone, with the reason", () => {
    const f = forecast("examples/practice-log-short.json");
    expect(["consider-postponing", "postpone"]).toContain(f.decision);
    expect(f.because.some((b) => /below the target 250/.test(b.note ?? ""))).toBe(true);
    expect(f.forecast.low).toBeLessThanOrEqual(f.forecast.estimate);
    expect(f.forecast.high).toBeGreaterThanOrEqual(f.forecast.estimate);
  });

  it("NBMEs 248 → 252 → 255, target 250: go", () => {
    expect(forecast("examples/practice-log-rising.json").decision).toBe("go");
  });

  it("the .ics imports with a real iCalendar parser and matches the JSON plan", () => {
    const r = run([...planArgs, "--ics"]);
    expect(r.code).toBe(0);
    const cal = new ICAL.Component(ICAL.parse(r.stdout));
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    // The page's and the API's calendar: what lies ahead of the as-of date, one-day entries.
    const asOf = planned.asOf;
    const ahead = <T extends { date: string }>(xs: readonly T[]) => xs.filter((x) => x.date >= asOf);
    const phases = planned.phases.filter((p) => p.start >= asOf);
    expect(events).toHaveLength(
      phases.length + ahead(planned.selfAssessments).length + ahead(planned.reminders).length + 1,
    );
    const iso = (t: ICAL.Time) => t.toString().slice(0, 10);
    for (const e of events) {
      expect(e.startDate.isDate).toBe(true);
      expect(iso(e.startDate) >= asOf).toBe(true);
    }
    for (const p of phases) {
      const e = events.find((x) => x.uid.includes(`phase-${p.name}`));
      expect(e && iso(e.startDate)).toBe(p.start);
      expect(e?.summary).toMatch(/begins$/);
    }
    for (const s of ahead(planned.selfAssessments)) {
      const e = events.find((x) => x.uid.includes(`self-assessment-${s.date}`));
      expect(e?.summary).toContain(s.label);
    }
    const exam = events.find((x) => x.uid.endsWith("-exam@matchplan"));
    expect(exam && iso(exam.startDate)).toBe(planned.examDate);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    // Stable: the same plan gives the same file, byte for byte, whatever the time zone.
    expect(run([...planArgs, "--ics"], "Pacific/Kiritimati").stdout).toBe(r.stdout);
    expect(run([...planArgs, "--ics"], "America/Adak").stdout).toBe(r.stdout);
  });
});
