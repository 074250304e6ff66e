import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AS_OF, example, notYetTaken, profileOf } from "../../../test/report/support/profiles.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { cycleFor } from "../assess/application-cycle.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { planStudy } from "../study/index.ts";
import { addMonths, buildTimeline } from "./build-timeline.ts";
import type { Timeline } from "./types.ts";

const rb = repositoryRulebook();

function timelineFor(profile: Profile, specialty: string, asOf = AS_OF, withPlan = true): Timeline {
  const a = assessProfile(rb, profile, specialty, asOf);
  if (!a.ok) throw new Error(JSON.stringify(a.issues));
  const plan =
    withPlan && profile.step2ck.score === null
      ? planStudy(rb, { profile, specialtyId: specialty, asOf })
      : null;
  return buildTimeline(rb, { assessment: a.value, asOf, studyPlan: plan?.ok ? plan.value : null });
}

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe("cycle dates", () => {
  it("the 2026 Match's NRMP dates are stated by their sources, not estimated", () => {
    const c = cycleFor(rb, 2026);
    expect(c.nrmpRegistrationOpens).toMatchObject({ date: "2025-09-15", estimated: false });
    expect(c.nrmpRegistrationOpens?.sources).toContain("match-statistics#216");
    expect(c.matchWeekStarts).toMatchObject({ date: "2026-03-16", estimated: false });
    expect(c.matchWeekStarts?.sources).toContain("match-statistics#214");
    expect(c.rankListDeadline).toMatchObject({ date: "2026-02-25", estimated: false });
    expect(c.soapEnds).toMatchObject({ date: "2026-03-19", estimated: false });
  });

  it("a later Match's Match Week and Match Day are estimated, say so, and keep their weekdays (Monday, Friday)", () => {
    for (const year of [2027, 2028, 2029, 2030]) {
      const c = cycleFor(rb, year);
      expect(c.matchWeekStarts?.estimated).toBe(true);
      expect(weekday(c.matchWeekStarts?.date ?? "")).toBe(1);
      expect(weekday(c.matchDay?.date ?? "")).toBe(5);
      expect(weekday(c.rankListDeadline?.date ?? "")).toBe(3);
      expect(c.matchDay?.basis).toMatch(/estimated from the 2026 Match date/);
      expect(c.matchDay?.sources).toContain("nrmp-match-week-schools");
    }
  });

  it("keeping the weekday never moves an estimate more than three days from the whole-year shift", () => {
    for (let year = 2027; year <= 2040; year++) {
      const d = cycleFor(rb, year).matchDay?.date ?? "";
      const shifted = Date.parse(`${year}-03-20T00:00:00Z`);
      expect(Math.abs(Date.parse(`${d}T00:00:00Z`) - shifted)).toBeLessThanOrEqual(3 * 86_400_000);
    }
  });

  it("ERAS dates that were not published for a cycle stay estimated with the year-shift basis", () => {
    const c = cycleFor(rb, 2028);
    expect(c.programsReview).toMatchObject({ date: "2027-09-24", estimated: true });
    expect(c.programsReview?.basis).toBe(
      "estimated from the 2026 Match date (2025-09-24) moved by 2 year(s)",
    );
  });
});

describe("the stage plan", () => {
  it("a DR applicant gets the DR guide's stage plan, measured back from ERAS submission", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology");
    expect(t.stagePlan?.ruleId).toBe("D7.dr");
    const submit = t.events.find((e) => e.id === "applicantsSubmit")?.date as string;
    const first = t.items.find((i) => i.id === "stage-1");
    expect(first?.start).toBe(addMonths(submit, -24));
    expect(first?.tasks.join(" ")).toMatch(/Pass Step 1/);
  });

  it("an IR applicant gets the IR guide's version, measured back from Match Day, with a September–March season", () => {
    const t = timelineFor(example("non-us-img-dr"), "interventional-radiology");
    expect(t.stagePlan?.ruleId).toBe("D7.ir");
    const matchDay = t.events.find((e) => e.id === "matchDay")?.date as string;
    expect(t.items.find((i) => i.id === "stage-1")?.start).toBe(addMonths(matchDay, -24));
    const season = t.items.find((i) => i.kind === "season");
    expect(season?.start).toBe(`${t.matchYear - 1}-09-01`);
    expect(season?.end).toBe(`${t.matchYear}-03-31`);
  });

  it("a specialty no guide gives a stage plan for still gets the shared milestones, and says why there are no stages", () => {
    const t = timelineFor(example("non-us-img-dr"), "internal-medicine");
    expect(t.stagePlan).toBeNull();
    expect(t.items.some((i) => i.kind === "stage")).toBe(false);
    expect(t.items.map((i) => i.id)).toEqual(
      expect.arrayContaining(["milestone-request-letters", "milestone-rank-list", "milestone-signals"]),
    );
    expect(t.notes.join(" ")).toMatch(/no stage plan for Internal Medicine/);
  });
});

describe("milestones", () => {
  it("letters are requested 2–3 months before ERAS opens, and electives applied for 6–9 months before that", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology");
    const eras = t.events.find((e) => e.id === "erasOpens")?.date as string;
    const letters = t.items.find((i) => i.id === "milestone-request-letters");
    expect(letters).toMatchObject({ start: addMonths(eras, -3), end: addMonths(eras, -2) });
    const electives = t.items.find((i) => i.id === "milestone-apply-for-electives");
    expect(electives).toMatchObject({
      start: addMonths(letters?.start as string, -9),
      end: addMonths(letters?.start as string, -6),
    });
    expect(electives?.sources).toContain("seed-001#timeline");
  });

  it("the rank list runs from list entry to the certification deadline, and SOAP through Match Week", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology");
    const date = (id: string) => t.events.find((e) => e.id === id)?.date;
    expect(t.items.find((i) => i.id === "milestone-rank-list")).toMatchObject({
      start: date("rankListOpens"),
      end: date("rankListDeadline"),
    });
    expect(t.items.find((i) => i.id === "milestone-soap")).toMatchObject({
      start: date("soapBegins"),
      end: date("soapEnds"),
    });
  });
});

describe("Step 2 CK in the timeline", () => {
  it("with the exam still to come, the exam date is the study planner's date", () => {
    const profile = notYetTaken();
    const plan = planStudy(rb, { profile, specialtyId: "diagnostic-radiology", asOf: AS_OF });
    if (!plan.ok) throw new Error("plan failed");
    const t = timelineFor(profile, "diagnostic-radiology");
    expect(t.items.find((i) => i.id === "step2ck-exam")?.start).toBe(plan.value.examDate);
    expect(t.items.find((i) => i.id === "step2ck-study")?.start).toBe(plan.value.studyStart);
  });

  it("without a study plan, the exam window is D1's 6–9 months before submission", () => {
    const t = timelineFor(notYetTaken(), "diagnostic-radiology", AS_OF, false);
    const submit = t.events.find((e) => e.id === "applicantsSubmit")?.date as string;
    expect(t.items.find((i) => i.id === "step2ck-window")).toMatchObject({
      start: addMonths(submit, -9),
      end: addMonths(submit, -6),
      ruleId: "D1",
    });
  });

  it("with the score in hand there is nothing to date, and the notes say so", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology");
    expect(t.items.some((i) => i.id.startsWith("step2ck"))).toBe(false);
    expect(t.notes.join(" ")).toMatch(/score in hand \(236\)/);
  });
});

describe("timeline invariants (generated profiles and dates)", () => {
  const arb = fc.record({
    specialty: fc.constantFrom(
      "diagnostic-radiology",
      "interventional-radiology",
      "internal-medicine",
      "pediatrics",
    ),
    days: fc.integer({ min: 0, max: 1500 }),
    score: fc.option(fc.integer({ min: 215, max: 270 }), { nil: null }),
    type: fc.constantFrom("us-md", "non-us-img", "us-img"),
  });
  it("every row ends on or after it starts, rows come in start order, and every estimated row says what it rests on", () => {
    fc.assert(
      fc.property(arb, ({ specialty, days, score, type }) => {
        const asOf = new Date(Date.parse("2025-01-01T00:00:00Z") + days * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const profile = profileOf({
          applicantType: type,
          graduationYear: 2024,
          visa: type === "non-us-img" ? "j1" : "none-needed",
          step1: { outcome: "pass", attempts: 1 },
          step2ck: score === null ? { score: null } : { score, attempts: 1 },
        });
        const t = timelineFor(profile, specialty, asOf);
        expect(t.issues).toEqual([]);
        for (const i of t.items) {
          expect(i.end >= i.start, `${i.id}: ${i.start} → ${i.end}`).toBe(true);
          if (i.estimated) expect(i.basis.length).toBeGreaterThan(0);
          expect(i.sources.length, `${i.id} cites nothing`).toBeGreaterThan(0);
          expect(i.status).toBe(i.end < asOf ? "past" : i.start > asOf ? "upcoming" : "now");
        }
        const starts = t.items.map((i) => i.start);
        expect(starts).toEqual([...starts].sort());
        for (const e of t.events) if (e.estimated) expect(e.basis).toMatch(/estimated/);
      }),
      { numRuns: 60 },
    );
  });
});
