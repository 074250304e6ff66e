import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Issue } from "../issues.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { forecastScore } from "./forecast-score.ts";
import { planStudy } from "./plan-study.ts";
import { parsePracticeLog } from "./practice-log.ts";
import type { StudyRequest } from "./types.ts";

/**
 * The study planner, the practice-exam log and the forecast stay inside the input limits of
 * data/facts/input-limits.yaml, so the CLI, the API and the page refuse the same input with an
 * issue naming the field, and every accepted request is bounded. (Issue 11: 0.01 study hours a
 * day planned a thousand years and answered 19 MB; asOf 0001-01-01 threw a RangeError.)
 */
const rb = repositoryRulebook();
const L = rb.limits;
const fixture = JSON.parse(
  readFileSync(new URL("../../../test/study/fixtures/dr-2027.json", import.meta.url), "utf8"),
);
const profile = profileSchemaFor(rb).parse(fixture);
const dr = "diagnostic-radiology";
const request = (over: Partial<StudyRequest> = {}): StudyRequest => ({
  profile,
  specialtyId: dr,
  asOf: "2026-01-05",
  ...over,
});
const issuesOf = (r: { ok: true } | { ok: false; issues: Issue[] }) => (r.ok ? [] : r.issues);
const at = (issues: Issue[], path: string) => issues.find((i) => i.path === path);

describe("study plan inputs inside the limits", () => {
  it("the issue's request — part-time, baseline 200, 0.01 h a day — is refused at hoursPerDay at once", () => {
    const r = planStudy(rb, request({ mode: "part-time", baseline: 200, hoursPerDay: 0.01 }));
    expect(issuesOf(r)).toEqual([expect.objectContaining({ path: "hoursPerDay", code: "out_of_range" })]);
    expect(at(issuesOf(r), "hoursPerDay")?.allowed).toBe(
      `${L.study.hoursPerDay.value.min}–${L.study.hoursPerDay.value.max}`,
    );
  });

  it("hours a day from the limits: the minimum is accepted, anything below, NaN or Infinity is not", () => {
    const { min, max } = L.study.hoursPerDay.value;
    expect(planStudy(rb, request({ hoursPerDay: min })).ok).toBe(true);
    expect(planStudy(rb, request({ hoursPerDay: max })).ok).toBe(true);
    for (const h of [min / 2, 1e-308, 0, -1, max + 1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(at(issuesOf(planStudy(rb, request({ hoursPerDay: h }))), "hoursPerDay")).toBeDefined();
  });

  it("a part-time stretch past the longest plan is refused at hoursPerDay with the fewest hours that fit", () => {
    const r = planStudy(rb, request({ mode: "part-time", baseline: 200, hoursPerDay: 1 }));
    const issue = at(issuesOf(r), "hoursPerDay");
    expect(issue?.message).toMatch(new RegExp(`more than the ${L.study.weeks.value.max} weeks`));
    const fewest = Number(/at least ([\d.]+) h/.exec(issue?.allowed ?? "")?.[1]);
    expect(fewest).toBeGreaterThan(1);
    const ok = planStudy(rb, request({ mode: "part-time", baseline: 200, hoursPerDay: fewest }));
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.value.weeks.needed.max).toBeLessThanOrEqual(L.study.weeks.value.max);
      expect(ok.value.days.length).toBeLessThanOrEqual(L.study.weeks.value.max * 7 + 1);
    }
  });

  it("dates outside the window the data cover are refused at their field, never thrown", () => {
    const { from, to } = L.dates.value;
    for (const d of ["0000-01-01", "0001-01-01", "1900-01-01", "9999-12-31"]) {
      expect(at(issuesOf(planStudy(rb, request({ asOf: d }))), "asOf")?.code).toBe("out_of_range");
      expect(at(issuesOf(planStudy(rb, request({ examDate: d }))), "examDate")).toBeDefined();
      expect(at(issuesOf(planStudy(rb, request({ usceStart: d }))), "usceStart")).toBeDefined();
      expect(
        at(issuesOf(planStudy(rb, request({ busy: [{ start: "2026-02-01", end: d }] }))), "busy[0].end"),
      ).toBeDefined();
    }
    expect(planStudy(rb, request({ asOf: from })).ok).toBe(true);
    expect(planStudy(rb, request({ asOf: to })).ok).toBe(true);
  });

  it("an exam date at the end of the window, years after the as-of date, is planned for the Match after its score, never thrown", () => {
    const { to } = L.dates.value;
    // API fuzz, seed 7: as of 2026-12-06 the exam's Match year lies more than ten years past the first open one.
    for (const asOf of ["2026-12-06", "2026-01-05", L.dates.value.from]) {
      const r = planStudy(rb, request({ asOf, examDate: to }));
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.examDate).toBe(to);
      expect(r.value.timing.cycle.matchYear).toBeGreaterThan(Number(to.slice(0, 4)));
    }
  });

  it("lists over their limit are one issue, their entries not checked one by one", () => {
    const weak = L.study.weakSystems.value;
    const many = Array.from({ length: 10_000 }, () => "\u0000");
    const r = issuesOf(planStudy(rb, request({ weakSystems: many })));
    expect(r).toEqual([expect.objectContaining({ path: "weakSystems", code: "out_of_range" })]);
    expect(planStudy(rb, request({ weakSystems: Array(weak.maxItems).fill("renal") })).ok).toBe(true);
    const busy = Array.from({ length: L.study.busy.value.maxItems + 1 }, () => ({
      start: "2026-02-01",
      end: "2026-02-02",
    }));
    expect(at(issuesOf(planStudy(rb, request({ busy }))), "busy")).toBeDefined();
    const daysOff = Array(8).fill("mon");
    expect(at(issuesOf(planStudy(rb, request({ daysOff }))), "daysOff")).toBeDefined();
    const diagnoses = Array(Object.keys(rb.study.plan.diagnoses).length + 1).fill("content-gaps");
    expect(at(issuesOf(planStudy(rb, request({ diagnoses }))), "diagnoses")).toBeDefined();
  });

  it("text refuses NUL and unpaired surrogates, and names repeated on every day stay short", () => {
    for (const bad of ["a\u0000b", "\ud800", "x\udc00y"]) {
      expect(
        at(issuesOf(planStudy(rb, request({ weakSystems: ["renal", bad] }))), "weakSystems[1]"),
      ).toMatchObject({ code: "invalid_value" });
      const busy = [{ start: "2026-02-01", end: "2026-02-02", label: bad }];
      expect(at(issuesOf(planStudy(rb, request({ busy }))), "busy[0].label")).toBeDefined();
    }
    // A paired surrogate is one character (an emoji): it is text.
    expect(planStudy(rb, request({ weakSystems: ["renal 🫀"] })).ok).toBe(true);
    const long = "x".repeat(L.study.weakSystems.value.maxLength + 1);
    expect(at(issuesOf(planStudy(rb, request({ weakSystems: [long] }))), "weakSystems[0]")?.code).toBe(
      "out_of_range",
    );
  });
});

describe("practice logs and the forecast inside the limits", () => {
  const entry = { date: "2026-05-01", kind: "nbme", form: 12, score: 240 };
  const asOf = "2026-05-19";

  it("a log longer than the limit is one issue at the log", () => {
    const max = L.practiceLog.entries.value.max;
    expect(parsePracticeLog(rb, Array(max).fill(entry), asOf).ok).toBe(true);
    const r = parsePracticeLog(rb, Array(max + 1).fill({ ...entry, score: 999 }), asOf);
    expect(issuesOf(r)).toEqual([expect.objectContaining({ path: "log", code: "out_of_range" })]);
    const many = Array(max + 1).fill({ date: "2026-05-01", kind: "nbme" as const, form: 12, score: 240 });
    expect(at(issuesOf(forecastScore(rb, { log: many, target: 250, asOf })), "log")).toBeDefined();
  });

  it("dates, form numbers and form names outside the limits are named", () => {
    const max = L.practiceLog.form.value.maxNumber;
    const r = parsePracticeLog(
      rb,
      [
        { ...entry, date: "0000-01-01" },
        { ...entry, form: 1e308 },
        { ...entry, form: max + 1 },
        { ...entry, kind: "other", form: "a\u0000" },
        { ...entry, kind: "other", form: "\ud83d" },
        { ...entry, kind: "other", form: -1e308 },
        { ...entry, kind: "other", form: "y".repeat(L.practiceLog.form.value.maxLength + 1) },
      ],
      asOf,
    );
    expect(issuesOf(r).map((i) => i.path)).toEqual([
      "log[0].date",
      "log[1].form",
      "log[2].form",
      "log[3].form",
      "log[4].form",
      "log[5].form",
      "log[6].form",
    ]);
    expect(parsePracticeLog(rb, [{ ...entry, form: max }], asOf).ok).toBe(true);
  });

  it("the forecast refuses an as-of date, exam date or Match year outside the window", () => {
    const log = [{ date: "2026-05-01", kind: "nbme" as const, form: 12, score: 240 }];
    const f = (over: object) => issuesOf(forecastScore(rb, { log, target: 250, asOf, ...over }));
    expect(at(f({ asOf: "9999-12-31" }), "asOf")).toBeDefined();
    expect(at(f({ examDate: "9999-12-31" }), "examDate")).toBeDefined();
    expect(at(f({ matchYear: 1e308 }), "matchYear")).toBeDefined();
    expect(at(f({ matchYear: 2_147_483_648 }), "matchYear")).toBeDefined();
    expect(f({ matchYear: Number(L.dates.value.to.slice(0, 4)) })).toEqual([]);
  });
});
