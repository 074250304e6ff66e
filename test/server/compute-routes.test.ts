import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { assessProfile } from "../../src/core/assess/assess-profile.ts";
import { calendarEntries } from "../../src/core/calendars.ts";
import { searchPrograms } from "../../src/core/catalog/search-programs.ts";
import { profileSchemaFor } from "../../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../../src/core/profile/validate-profile.ts";
import { feeScheduleFor, specialtyFee } from "../../src/core/programs/application-fees.ts";
import { omittedInputWarnings } from "../../src/core/programs/omitted-inputs.ts";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import {
  assessmentSchema,
  forecastSchema,
  listEvaluationSchema,
  programPlanSchema,
  programSearchSchema,
  specialtiesSchema,
  studyPlanSchema,
  validationSchema,
  whatIfSchema,
} from "../../src/server/schemas/result-schemas.ts";
import { send, TODAY, testApp } from "./support/test-app.ts";

/**
 * The computing routes give what the core gives, in the shapes the OpenAPI document describes,
 * and touch no storage (the test app's store fails on any use).
 */
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"));
const profile = example("non-us-img-dr.json");
const SPECIALTY = "diagnostic-radiology";
const rb = repositoryRulebook();
const data = repositoryProgramData();
const { app } = testApp();
const post = (path: string, body: unknown) => send(app, "POST", path, body);

function conforms(
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  body: unknown,
): void {
  const r = schema.safeParse(body);
  expect(r.success, JSON.stringify(r.error)).toBe(true);
}

describe("the computing routes", () => {
  it("POST /api/v1/profile/validate says a valid profile is valid", async () => {
    const a = await post("/api/v1/profile/validate", { profile });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ ok: true, issues: [], warnings: [] });
    conforms(validationSchema, a.body);
  });

  it("POST /api/v1/profile/validate warns of each odds input a valid profile leaves out, as `matchplan validate` does", async () => {
    const { usce: _usce, letters, ...rest } = profile;
    const sparse = { ...rest, letters: { total: letters.total, us: letters.us } };
    const a = await post("/api/v1/profile/validate", { profile: sparse });
    expect(a.status).toBe(200);
    const p = validateProfile(profileSchemaFor(rb), sparse);
    if (!p.ok) throw new Error("sparse profile invalid");
    expect(a.body).toEqual({ ok: true, issues: [], warnings: omittedInputWarnings(data.model, p.value) });
    expect(a.body.warnings.map((w: { path: string }) => w.path)).toEqual(["usce", "letters.specialty"]);
    expect(a.body.warnings[0].message).toMatch(/^USCE not given: counted as none/);
    conforms(validationSchema, a.body);
  });

  it("POST /api/v1/assess gives the core's assessment, as of today unless told otherwise", async () => {
    const a = await post("/api/v1/assess", { profile, specialty: SPECIALTY });
    expect(a.status).toBe(200);
    const p = validateProfile(profileSchemaFor(rb), profile);
    if (!p.ok) throw new Error("example profile invalid");
    const core = assessProfile(rb, p.value, SPECIALTY, TODAY);
    expect(core.ok && a.body).toEqual(core.ok && JSON.parse(JSON.stringify(core.value)));
    conforms(assessmentSchema, a.body);
    expect(a.body.because.length).toBeGreaterThan(0);

    const later = await post("/api/v1/assess", { profile, specialty: SPECIALTY, asOf: "2027-03-01" });
    expect(later.body.asOf).toBe("2027-03-01");
  });

  it("POST /api/v1/programs/plan builds a list within the budget, with P(match) and its range", async () => {
    const a = await post("/api/v1/programs/plan", { profile, specialty: SPECIALTY, budgetUsd: 1500 });
    expect(a.status).toBe(200);
    conforms(programPlanSchema, a.body);
    expect(a.body.programs.length).toBeGreaterThan(0);
    expect(a.body.costUsd).toBeLessThanOrEqual(1500);
    expect(a.body.pMatch.low).toBeLessThanOrEqual(a.body.pMatch.estimate);
    expect(a.body.pMatch.estimate).toBeLessThanOrEqual(a.body.pMatch.high);

    const unlimited = await post("/api/v1/programs/plan", { profile, specialty: SPECIALTY, budgetUsd: null });
    expect(unlimited.body.budgetUsd).toBeNull();
    expect(unlimited.body.programs.length).toBeGreaterThanOrEqual(a.body.programs.length);
  });

  it("POST /api/v1/programs/evaluate prices a hand-made list as the plan prices it and gives its P(match)", async () => {
    const plan = await post("/api/v1/programs/plan", { profile, specialty: SPECIALTY });
    const ids: string[] = plan.body.programs.map((p: { id: string }) => p.id);
    const a = await post("/api/v1/programs/evaluate", { profile, specialty: SPECIALTY, programIds: ids });
    expect(a.status).toBe(200);
    conforms(listEvaluationSchema, a.body);
    expect(a.body.programs).toBe(ids.length);
    // The plan's own list costs what the plan says: its bill with the PGY-1 list's that go with it.
    expect(a.body.costUsd).toBe(plan.body.costUsd);
    expect(a.body.fees[0].usd).toBe(
      specialtyFee(feeScheduleFor(rb, "internal-medicine", a.body.season), ids.length),
    );
    // The same programs, with signals spent the same way, give the planner's P(match) and P(≥ 1 interview).
    expect(a.body.pMatch.estimate).toBeCloseTo(plan.body.pMatch.estimate, 2);
    expect(a.body.pAtLeastOneInterview).toBeCloseTo(plan.body.pAtLeastOneInterview, 12);
    // DR starts at PGY-2: the list is scored with the plan's PGY-1 list, as the plan scores its own.
    expect(a.body.notes.join(" ")).toMatch(/with the plan's supplemental PGY-1 list/);

    const fewer = await post("/api/v1/programs/evaluate", {
      profile,
      specialty: SPECIALTY,
      programIds: ids.slice(0, 3),
    });
    expect(fewer.body.pMatch.estimate).toBeLessThanOrEqual(a.body.pMatch.estimate);
  });

  it("POST /api/v1/programs/what-if gives P(match) per score, rising with the score", async () => {
    const plan = await post("/api/v1/programs/plan", { profile, specialty: SPECIALTY });
    const programIds = plan.body.programs.map((p: { id: string }) => p.id);
    const a = await post("/api/v1/programs/what-if", {
      profile,
      specialty: SPECIALTY,
      programIds,
      range: { from: 220, to: 260, step: 10 },
    });
    expect(a.status).toBe(200);
    conforms(whatIfSchema, a.body);
    expect(a.body.points.map((p: { score: number }) => p.score)).toEqual([220, 230, 240, 250, 260]);
    const estimates = a.body.points.map((p: { pMatch: { estimate: number } }) => p.pMatch.estimate);
    expect([...estimates].sort((x, y) => x - y)).toEqual(estimates);
    expect(a.body.reference).toBe(profile.step2ck.score);

    const listed = await post("/api/v1/programs/what-if", {
      profile,
      specialty: SPECIALTY,
      programIds,
      scores: [250, 230],
    });
    expect(listed.body.points.map((p: { score: number }) => p.score)).toEqual([250, 230]);
  });

  it("GET /api/v1/programs/search gives the core's search, filters applied", async () => {
    const a = await send(
      app,
      "GET",
      `/api/v1/programs/search?specialty=${SPECIALTY}&state=oh&visa=j1&minImgRate=0.05`,
    );
    expect(a.status).toBe(200);
    conforms(programSearchSchema, a.body);
    const core = searchPrograms(data.catalog, {
      specialty: SPECIALTY,
      state: "oh",
      visa: "j1",
      minImgRate: 0.05,
    });
    expect(a.body.count).toBe(core.length);
    expect(a.body.programs.map((p: { id: string }) => p.id)).toEqual(core.map((p) => p.id));
  });

  it("GET /api/v1/specialties lists every registered specialty", async () => {
    const a = await send(app, "GET", "/api/v1/specialties");
    expect(a.status).toBe(200);
    conforms(specialtiesSchema, a.body);
    expect(a.body.specialties.map((s: { id: string }) => s.id)).toEqual([...rb.specialties.keys()]);
  });

  it("POST /api/v1/study/plan gives a dated plan, and the same plan as an iCalendar file", async () => {
    const body = { profile: { ...profile, step2ck: { score: null, attempts: 0 } }, specialty: SPECIALTY };
    const a = await post("/api/v1/study/plan", body);
    expect(a.status).toBe(200);
    conforms(studyPlanSchema, a.body);
    expect(a.body.asOf).toBe(TODAY);
    expect(a.body.examDate > TODAY).toBe(true);

    const ics = await send(app, "POST", "/api/v1/study/plan?format=ics", body);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents("vevent");
    const exam = events.find(
      (e) =>
        String(e.getFirstPropertyValue("summary")).includes("Step 2 CK") &&
        String(e.getFirstPropertyValue("uid")).includes("exam"),
    );
    expect(String(exam?.getFirstPropertyValue("dtstart"))).toBe(a.body.examDate);
    // The page's calendar of the same plan: nothing before the as-of date, one-day entries, and
    // reminders before the exam and each self-assessment.
    expect(events.map((v) => String(v.getFirstPropertyValue("uid")))).toEqual(
      calendarEntries({ asOf: TODAY, timeline: null, study: a.body }).map((e) => e.uid),
    );
    for (const v of events) {
      const e = new ICAL.Event(v);
      expect(e.startDate.toString() >= TODAY).toBe(true);
      expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(86_400_000);
    }
    expect(exam?.getAllSubcomponents("valarm").length).toBeGreaterThan(0);
  });

  it("POST /api/v1/study/forecast forecasts from practice exams with a decision", async () => {
    const log = example("practice-log-rising.json");
    const a = await post("/api/v1/study/forecast", { log, target: 250, asOf: TODAY });
    expect(a.status).toBe(200);
    conforms(forecastSchema, a.body);
    expect(a.body.forecast.low).toBeLessThanOrEqual(a.body.forecast.estimate);
    expect(a.body.forecast.estimate).toBeLessThanOrEqual(a.body.forecast.high);
    expect(a.body.readings).toHaveLength(log.length);
  });
});
