import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { cycleFor } from "../assess/application-cycle.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { phaseSpans } from "./allocate-phases.ts";
import { addDays, daysBetween, weekdayOf } from "./dates.ts";
import { planStudy } from "./plan-study.ts";
import type { StudyRequest } from "./types.ts";
import { WEEKDAYS } from "./vocabulary.ts";

const rb = repositoryRulebook();
const schema = profileSchemaFor(rb);
const scale = rb.exam.usmle.scale.value;
const specialties = [...rb.specialties.keys()];
const diagnoses = Object.keys(rb.study.plan.diagnoses);
const systems = ["cardiology", "renal", "obstetrics", "psychiatry", "endocrine", "pulmonology"];
const day0 = "2025-01-01";

const request = fc
  .record({
    asOffset: fc.integer({ min: 0, max: 900 }),
    applicantType: fc.constantFrom("us-md", "do", "us-img", "non-us-img"),
    step1: fc.constantFrom(
      { outcome: "pass", attempts: 1 },
      { outcome: "pass", attempts: 2 },
      { outcome: "pass", attempts: 1, score: 205 - 0 },
      { outcome: "not-taken", attempts: 0 },
    ),
    matchYearAhead: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    specialty: fc.constantFrom(...specialties),
    baseline: fc.option(fc.integer({ min: scale.min + 140, max: scale.max - 20 }), { nil: null }),
    target: fc.integer({ min: scale.min + 200, max: scale.max - 30 }),
    partTime: fc.boolean(),
    hours: fc.option(
      fc.integer({ min: 4, max: 48 }).map((q) => q / 4),
      { nil: undefined },
    ),
    daysOff: fc.subarray([...WEEKDAYS], { maxLength: 3 }),
    diagnoses: fc.subarray(diagnoses),
    weak: fc.subarray(systems, { maxLength: 4 }),
    examAhead: fc.option(fc.integer({ min: 1, max: 320 }), { nil: undefined }),
    busy: fc.array(
      fc.record({ from: fc.integer({ min: 0, max: 300 }), length: fc.integer({ min: 0, max: 40 }) }),
      {
        maxLength: 2,
      },
    ),
  })
  .map((g): StudyRequest => {
    const asOf = addDays(day0, g.asOffset);
    const profile = schema.parse({
      applicantType: g.applicantType,
      graduationYear: 2024,
      visa: g.applicantType === "non-us-img" ? "j1" : "none-needed",
      step1: g.step1,
      step2ck: { score: null },
      ...(g.matchYearAhead ? { targetMatchYear: Number(asOf.slice(0, 4)) + g.matchYearAhead } : {}),
    });
    return {
      profile,
      specialtyId: g.specialty,
      asOf,
      baseline: g.baseline,
      target: g.target,
      mode: g.partTime ? "part-time" : "full-time",
      ...(g.hours !== undefined ? { hoursPerDay: g.hours } : {}),
      daysOff: g.daysOff,
      diagnoses: g.diagnoses,
      weakSystems: g.weak,
      ...(g.examAhead !== undefined ? { examDate: addDays(asOf, g.examAhead) } : {}),
      busy: g.busy.map((b) => ({ start: addDays(asOf, b.from), end: addDays(asOf, b.from + b.length) })),
    };
  });

describe("study plans for generated requests", () => {
  it("every plan keeps its own rules: the checker finds nothing but, when study time is below the phases' minimums, that shortfall", () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = planStudy(rb, req);
        // The one refusal a generated request may get: a part-time day so short that the plan
        // would run past the longest the input limits allow; the issue names the fewest hours.
        if (!r.ok) {
          expect(req.mode).toBe("part-time");
          expect(r.issues).toEqual([expect.objectContaining({ path: "hoursPerDay", code: "out_of_range" })]);
          const fewest = Number(/at least ([\d.]+) h/.exec(r.issues[0]?.allowed ?? "")?.[1]);
          const again = planStudy(rb, { ...req, hoursPerDay: fewest });
          expect(again.ok).toBe(true);
          return;
        }
        const p = r.value;
        const model = rb.study.plan.phaseModels.find((m) => m.rule === p.phaseRule);
        const minDays = model ? phaseSpans(rb.rules, model).reduce((s, x) => s + x.min, 0) : 0;
        const short = daysBetween(p.studyStart, p.examDate) < minDays;
        expect(p.issues).toEqual(
          short ? [expect.objectContaining({ path: "phases", code: "out_of_range" })] : [],
        );
      }),
      { numRuns: 150 },
    );
  });

  it("a plan's calendar is never longer than the input limits' longest plan", () => {
    const longest = rb.limits.study.weeks.value.max * 7;
    fc.assert(
      fc.property(request, (req) => {
        const r = planStudy(rb, req);
        if (!r.ok) return;
        // Study days up to the exam, and the exam day itself.
        expect(r.value.days.length).toBeLessThanOrEqual(longest + 1);
      }),
      { numRuns: 100 },
    );
  });

  it("no study day after the exam, and the exam closes the calendar", () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = planStudy(rb, req);
        if (!r.ok) return;
        const p = r.value;
        expect(p.days.every((d) => d.date <= p.examDate)).toBe(true);
        expect(p.days.at(-1)).toMatchObject({ date: p.examDate, kind: "exam", hours: 0, questions: 0 });
        expect(p.studyStart >= req.asOf).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("never plans more hours than are available, nor study on a day off", () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = planStudy(rb, req);
        if (!r.ok) return;
        const p = r.value;
        for (const d of p.days) {
          const limit =
            d.kind === "self-assessment" ? p.availability.fullLengthDayHours : p.availability.hoursPerDay;
          expect(d.hours).toBeLessThanOrEqual(limit + 1e-9);
          if (p.availability.daysOff.includes(weekdayOf(d.date)) && d.kind !== "exam")
            expect(d.hours).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("no plan, recommended or given, has a score reported after its Match's programs start reviewing — nor, for an IMG, after ECFMG's last weekly check before the rank-list deadline; a later year says why", () => {
    fc.assert(
      fc.property(request, (req) => {
        const r = planStudy(rb, req);
        if (!r.ok) return;
        const t = r.value.timing;
        expect(t.pendingAtReview).not.toBe(true);
        const cycle = cycleFor(rb, t.cycle.matchYear);
        if (cycle.programsReview) expect(t.scoreReported.latest <= cycle.programsReview.date).toBe(true);
        const ecfmg = rb.cycles.ecfmgVerification;
        const by = cycle[ecfmg.by];
        if (by && ecfmg.applicantTypes.includes(req.profile.applicantType))
          expect(t.scoreReported.latest <= addDays(by.date, -ecfmg.exchangeEveryDays)).toBe(true);
        expect(t.year.matchYear).toBeGreaterThanOrEqual(t.year.requested);
        if (t.year.moved) {
          expect(t.messages[0]).toMatch(new RegExp(`^The ${t.year.requested} Match is out of reach`));
          expect(
            r.value.because.filter((b) => b.ruleId !== "D5" && b.sources.length > 0).length,
          ).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a recommended exam date leaves at least the minimum study weeks, unless it says time is short", () => {
    fc.assert(
      fc.property(request, (req) => {
        const { examDate: _, ...rest } = req;
        const r = planStudy(rb, rest);
        if (!r.ok) return;
        const p = r.value;
        expect(daysBetween(req.asOf, p.examDate)).toBeGreaterThanOrEqual(Math.ceil(p.weeks.needed.min * 7));
        if (p.timing.status !== "too-short" && p.timing.latestExamForReview)
          expect(p.examDate <= p.timing.latestExamForReview).toBe(true);
        if (p.timing.status === "too-short") expect(p.timing.messages.join(" ")).toMatch(/D5/);
      }),
      { numRuns: 100 },
    );
  });
});
