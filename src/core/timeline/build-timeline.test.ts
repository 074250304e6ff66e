import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AS_OF, example, notYetTaken, profileOf } from "../../../test/report/support/profiles.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { addDays, cycleFor } from "../assess/application-cycle.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import { FACT_NAMES } from "../assess/derive-facts.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { type Condition, factsRead } from "../rulebook/condition.ts";
import { planStudy } from "../study/index.ts";
import { addMonths, buildTimeline } from "./build-timeline.ts";
import { planTimeline } from "./plan-timeline.ts";
import type { Timeline } from "./types.ts";

const rb = repositoryRulebook();

/** The timeline as every surface makes it (`planTimeline`), or, `withPlan` false, without a study plan. */
function timelineFor(
  profile: Profile,
  specialty: string,
  asOf = AS_OF,
  withPlan = true,
  applied = false,
): Timeline {
  if (withPlan) {
    const t = planTimeline(rb, { profile, specialtyId: specialty, asOf, applied });
    if (!t.ok) throw new Error(JSON.stringify(t.issues));
    return t.value.timeline;
  }
  const a = assessProfile(rb, profile, specialty, asOf);
  if (!a.ok) throw new Error(JSON.stringify(a.issues));
  return buildTimeline(rb, { assessment: a.value, asOf, studyPlan: null, applied });
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

  it("an unknown date's note says why in one sentence, ending once", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology");
    const unknown = t.notes.filter((n) => n.includes(": unknown — "));
    expect(unknown.length).toBeGreaterThan(0);
    for (const n of unknown) expect(n).toMatch(/[^.]\.$/);
  });
});

// ── Safe Step 2 CK timing (issue 12): every test below fails on the code before it ──

/** The study fixture: a non-US IMG, Step 2 CK not taken, asking for the 2027 Match. */
const asked2027 = (over: Record<string, unknown> = {}): Profile =>
  profileOf({
    applicantType: "non-us-img",
    graduationYear: 2025,
    visa: "j1",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: null },
    targetMatchYear: 2027,
    ...over,
  });
const DEC_6 = "2026-12-06";
const lagDays = rb.exam.usmle.scoreReportWeeks.value.max * 7;
const stepTaskLabel = /^Sit Step 2 CK/;

describe("as of 2026-12-06, asked for the 2027 Match, with Step 2 CK still to sit", () => {
  for (const specialty of ["diagnostic-radiology", "interventional-radiology", "internal-medicine"])
    for (const applicantType of ["non-us-img", "us-md"] as const)
      it(`${specialty}, ${applicantType}: timeline and study plan propose the 2028 Match, never an exam whose score comes after review, and say why`, () => {
        const profile = asked2027({ applicantType, visa: applicantType === "us-md" ? "none-needed" : "j1" });
        const planned = planTimeline(rb, { profile, specialtyId: specialty, asOf: DEC_6 });
        if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
        const { timeline: t, study } = planned.value;
        expect(t.matchYear).toBe(2028);
        expect(t.requestedMatchYear).toBe(2027);
        const review = cycleFor(rb, t.matchYear).programsReview?.date as string;
        const examRow = t.items.find((i) => i.id === "step2ck-exam" || i.id === "step2ck-window");
        expect(addDays(examRow?.end as string, lagDays) <= review).toBe(true);
        expect(t.notes.join(" ")).toMatch(
          /The 2027 Match is out of reach: programs started reviewing applications for the 2027 Match on 2026-09-24/,
        );
        const why = t.because.find((b) => b.ruleId === "cycle-dates.programsReview");
        expect(why?.sources.length).toBeGreaterThan(0);
        expect(t.because.find((b) => b.ruleId === "D5")?.value).toEqual({ requested: 2027, proposed: 2028 });
        // Where the guides give no target (a US graduate in IR or IM) the planner asks for one; the timeline still holds.
        if (!study?.ok) {
          expect(study?.issues.map((i) => i.path)).toEqual(["target"]);
          return;
        }
        const plan = study.value;
        expect(plan.timing.cycle.matchYear).toBe(2028);
        expect(t.items.find((i) => i.id === "step2ck-exam")?.start).toBe(plan.examDate);
        expect(plan.timing.scoreReported.latest <= review).toBe(true);
        const everything = JSON.stringify([t.items, t.notes, plan.timing.messages, plan.notes]);
        expect(everything).not.toMatch(/score pending|with the score pending/);
      });

  it("without a study plan the timeline still moves to 2028, and D1's exam window's score comes before that Match's review", () => {
    const t = timelineFor(asked2027(), "diagnostic-radiology", DEC_6, false);
    expect(t.matchYear).toBe(2028);
    const window = t.items.find((i) => i.id === "step2ck-window");
    const review = cycleFor(rb, 2028).programsReview?.date as string;
    expect(addDays(window?.end as string, lagDays) <= review).toBe(true);
  });

  it("an exam date the applicant gives whose score comes after review moves the plan to 2028 too, and says so", () => {
    const profile = asked2027();
    const study = planStudy(rb, {
      profile,
      specialtyId: "interventional-radiology",
      asOf: "2026-06-01",
      examDate: "2026-09-10",
    });
    if (!study.ok) throw new Error(JSON.stringify(study.issues));
    expect(study.value.timing).toMatchObject({
      status: "given",
      examDate: "2026-09-10",
      pendingAtReview: false,
    });
    expect(study.value.timing.cycle.matchYear).toBe(2028);
    expect(study.value.timing.messages[0]).toMatch(/sat on 2026-09-10 may be reported as late as 2026-10-08/);
  });
});

describe("the IR and DR stage plans put Step 2 CK by late June–July of the application year", () => {
  for (const specialty of ["diagnostic-radiology", "interventional-radiology"])
    for (const asOf of [DEC_6, "2025-01-15", "2027-10-01"])
      it(`${specialty}, as of ${asOf}`, () => {
        // Without a study plan the stage tasks read as the guide words them (with one, they point to its dates).
        const t = timelineFor(notYetTaken(), specialty, asOf, false);
        const endOfJuly = `${t.matchYear - 1}-07-31`;
        const stages = t.items.filter((i) => i.kind === "stage");
        const withExam = stages.filter((i) => i.tasks.some((x) => stepTaskLabel.test(x)));
        expect(withExam).toHaveLength(1);
        const stage = withExam[0] as (typeof withExam)[number];
        expect(stage.end <= endOfJuly, `${stage.label} ends ${stage.end}`).toBe(true);
        expect(stage.tasks.join(" ")).toMatch(/late June–July/);
        for (const st of stages.filter((i) => i.end > endOfJuly))
          expect(st.tasks.join(" ")).not.toMatch(/Step 2 CK|letters of recommendation|personal statement/);
      });
});

describe("the stage plan follows the applicant's own Step 2 CK", () => {
  const guideWords =
    /Dedicated Step 2 CK preparation|Sit Step 2 CK once practice scores|Step 2 CK score in hand/;
  const stageTasks = (t: Timeline) => t.items.filter((i) => i.kind === "stage").flatMap((i) => i.tasks);

  it("with the score in hand (236), no stage asks for Step 2 CK preparation: it says the exam is done", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology", DEC_6);
    expect(stageTasks(t).join(" ")).not.toMatch(guideWords);
    expect(stageTasks(t)).toContain(
      "Step 2 CK: done — your score (236) is in hand, so the guide's Step 2 CK steps here do not apply",
    );
  });

  it("with a study plan, the stage points to the plan's own dates, never to the guide's months after its exam", () => {
    for (const specialty of ["diagnostic-radiology", "interventional-radiology"]) {
      const planned = planTimeline(rb, { profile: notYetTaken(), specialtyId: specialty, asOf: DEC_6 });
      if (!planned.ok || !planned.value.study?.ok) throw new Error("expected a study plan");
      const exam = planned.value.study.value.examDate;
      const tasks = stageTasks(planned.value.timeline);
      expect(tasks.join(" "), specialty).not.toMatch(guideWords);
      expect(
        tasks.some(
          (x) => x.startsWith("Step 2 CK by your own plan:") && x.includes(`sit the exam on ${exam}`),
        ),
      ).toBe(true);
    }
  });

  it("with the exam ahead and no plan, the stage keeps the guide's words", () => {
    const t = timelineFor(notYetTaken(), "diagnostic-radiology", DEC_6, false);
    expect(stageTasks(t).join(" ")).toMatch(/Dedicated Step 2 CK preparation/);
  });
});

describe("a step past its window that the applicant still needs says what to do now", () => {
  const noUsce = (over: Record<string, unknown> = {}) =>
    profileOf({
      ...example("non-us-img-dr"),
      usce: { handsOnMonths: 0, observershipMonths: 0, specialtyMonths: 0 },
      ...over,
    });
  const electives = (t: Timeline) => t.items.find((i) => i.id === "milestone-apply-for-electives");

  it("no US clinical experience and the electives' window past: the row gives the rule the assessment recommends", () => {
    const t = timelineFor(noUsce(), "diagnostic-radiology", DEC_6);
    expect(electives(t)?.status).toBe("past");
    expect(electives(t)?.tasks).toEqual([
      expect.stringMatching(
        /^Its window has passed and your profile shows no US clinical experience\. What to do now: Get at least two radiology-focused US rotations or electives.*\(L3\.graduate\)$/,
      ),
    ]);
    expect(t.because.some((b) => b.ruleId === "L3.graduate")).toBe(true);
  });

  it("where no rule the assessment recommends gives a step, the row says so and invents none", () => {
    const t = timelineFor(noUsce(), "internal-medicine", DEC_6);
    expect(electives(t)?.tasks).toEqual([
      "Its window has passed and your profile shows no US clinical experience; no rule in the guides gives a step for this now.",
    ]);
  });

  it("with US clinical experience, or with the window still ahead, the row has no such note", () => {
    expect(electives(timelineFor(example("non-us-img-dr"), "diagnostic-radiology", DEC_6))?.tasks).toEqual(
      [],
    );
    const early = timelineFor(noUsce({ targetMatchYear: 2029 }), "diagnostic-radiology", DEC_6);
    expect(electives(early)?.status).not.toBe("past");
    expect(electives(early)?.tasks).toEqual([]);
  });

  it("the data's overdue steps name rules that exist and read facts the profile has", () => {
    const mv = (rb.rules.find((r) => r.id === "D7.timeline") as { values?: unknown } | undefined)?.values as {
      overdue: Record<string, { stillNeeded: Condition; now: string[] }>;
      milestones: Array<{ task: string }>;
    };
    for (const [task, o] of Object.entries(mv.overdue)) {
      expect(mv.milestones.map((m) => m.task)).toContain(task);
      for (const id of o.now)
        expect(
          rb.rules.some((r) => r.id === id),
          id,
        ).toBe(true);
      for (const f of factsRead(o.stillNeeded)) expect(FACT_NAMES as readonly string[]).toContain(f);
    }
  });
});

describe("MSPE release, NRMP registration deadlines and ECFMG's rank-list deadline in the timeline", () => {
  it("an IMG's timeline shows them, each with its sources, the late fee with its schedule year, and ECFMG's deadline on the rank-list deadline", () => {
    const t = timelineFor(example("non-us-img-dr"), "diagnostic-radiology", DEC_6);
    const ev = (id: string) => t.events.find((e) => e.id === id);
    for (const id of [
      "mspeRelease",
      "nrmpRegistrationOpens",
      "nrmpRegistrationDeadline",
      "nrmpLateRegistrationDeadline",
      "ecfmgVerificationDeadline",
    ]) {
      expect(ev(id), id).toBeDefined();
      expect(ev(id)?.sources.length, `${id} cites nothing`).toBeGreaterThan(0);
    }
    expect(ev("mspeRelease")?.date).toBe(ev("programsReview")?.date);
    expect(ev("mspeRelease")?.sources).toContain("match-statistics#212");
    const reg = ev("nrmpRegistrationDeadline");
    expect(reg?.date).toBe(`${t.matchYear - 1}-11-30`);
    expect(reg?.label).toMatch(
      /late fee: US\$50 in NRMP's 2016–17 schedule, the newest on record; the current amount was not retrieved/,
    );
    expect(reg?.sources).toEqual(
      expect.arrayContaining(["nrmp-match-events-schools-2026", "match-statistics#457"]),
    );
    expect(ev("ecfmgVerificationDeadline")?.date).toBe(ev("rankListDeadline")?.date);
    expect(ev("ecfmgVerificationDeadline")?.label).toMatch(/withdrawn from the Match/);
    expect(ev("ecfmgVerificationDeadline")?.sources).toContain("nrmp-ecfmg-requirements");
  });

  it("a US graduate's timeline has no ECFMG deadline", () => {
    const t = timelineFor(
      asked2027({ applicantType: "us-md", visa: "none-needed" }),
      "internal-medicine",
      DEC_6,
    );
    expect(t.events.some((e) => e.id === "ecfmgVerificationDeadline")).toBe(false);
    expect(t.events.some((e) => e.id === "nrmpRegistrationDeadline")).toBe(true);
  });

  it("a date only a secondary source gives is labelled as such", () => {
    const t = timelineFor(asked2027(), "diagnostic-radiology", "2026-05-01");
    expect(t.matchYear).toBe(2027);
    const eras = t.events.find((e) => e.id === "erasOpens");
    expect(eras).toMatchObject({ date: "2026-06-03", confidence: "secondary" });
    expect(eras?.label).toMatch(/secondary source/);
    // Carried from the official 2026 date: estimated, resting on an official statement.
    expect(t.events.find((e) => e.id === "programsReview")).toMatchObject({
      confidence: "estimated",
      restsOn: "official",
    });
  });
});

describe("a row worked out from a date only a secondary source gives carries that confidence", () => {
  // 2027 Match as of 2026-03-01: ERAS opens 2026-06-03 comes only from a secondary source.
  const t = timelineFor(
    profileOf({ ...example("non-us-img-dr"), targetMatchYear: 2027 }),
    "diagnostic-radiology",
    "2026-03-01",
  );
  const row = (id: string) => t.items.find((i) => i.id === id);

  it("letters and electives, measured back from ERAS opening, are marked secondary and say so in their basis", () => {
    expect(t.matchYear).toBe(2027);
    for (const id of ["milestone-request-letters", "milestone-apply-for-electives"]) {
      expect(row(id), id).toMatchObject({ confidence: "secondary", estimated: false });
      expect(row(id)?.basis, id).toMatch(
        /ERAS opens \(2026-06-03; stated only by a secondary source\)|rests on a date only a secondary source states/,
      );
    }
  });

  it("a row on an estimated date is estimated, and a row on official dates alone is official", () => {
    expect(row("milestone-signals")).toMatchObject({ confidence: "estimated", estimated: true });
    const t2026 = timelineFor(
      profileOf({ ...example("non-us-img-dr"), targetMatchYear: 2026 }),
      "diagnostic-radiology",
      "2025-03-01",
    );
    expect(t2026.matchYear).toBe(2026);
    expect(t2026.items.find((i) => i.id === "milestone-request-letters")?.confidence).toBe("official");
  });

  it("every row's confidence follows its estimate: estimated exactly when a date it rests on is", () => {
    for (const i of t.items) expect(i.confidence === "estimated", i.id).toBe(i.estimated);
  });
});

describe("ECFMG's Pathways (clinical- and communication-skills requirements) in an IMG's timeline", () => {
  const img = (year: number) => profileOf({ ...example("non-us-img-dr"), targetMatchYear: year });
  const row = (t: Timeline) => t.items.find((i) => i.id === "ecfmg-pathways");

  it("the ECFMG deadline names all three requirements NRMP's rule names", () => {
    const t = timelineFor(img(2026), "diagnostic-radiology", "2025-06-01");
    expect(t.events.find((e) => e.id === "ecfmgVerificationDeadline")?.label).toBe(
      "ECFMG must have confirmed to NRMP that you meet the examination, clinical-skills and communication-skills requirements (else withdrawn from the Match)",
    );
  });

  it("for the 2026 Match the Pathways run from their stated opening (2025-08-19) to the rank-list deadline, official", () => {
    const t = timelineFor(img(2026), "diagnostic-radiology", "2025-06-01");
    expect(t.matchYear).toBe(2026);
    expect(row(t)).toMatchObject({
      start: "2025-08-19",
      end: "2026-02-25",
      estimated: false,
      confidence: "official",
      status: "upcoming",
    });
    expect(row(t)?.label).toMatch(/clinical-skills and communication-skills requirements \(the Pathways\)/);
    expect(row(t)?.sources).toEqual(
      expect.arrayContaining(["ecfmg-2026-pathways", "nrmp-ecfmg-requirements"]),
    );
    expect(t.unknown.some((u) => u.id === "ecfmgPathwaysOpen")).toBe(false);
  });

  it("for the 2028 Match the opening is unknown, as the pack says, with the last known: nothing is invented", () => {
    const t = timelineFor(img(2028), "diagnostic-radiology", "2026-12-07");
    expect(t.matchYear).toBe(2028);
    const deadline = t.events.find((e) => e.id === "ecfmgVerificationDeadline");
    expect(row(t)).toMatchObject({ start: deadline?.date, end: deadline?.date, estimated: true });
    expect(row(t)?.basis).toMatch(
      /when the 2028 Pathways open is unknown — No ECFMG announcement about the 2028 Match was found; the last known: the 2026 Pathways opened 2025-08-19/,
    );
    expect(t.unknown).toContainEqual(expect.objectContaining({ id: "ecfmgPathwaysOpen" }));
    expect(t.notes.join(" ")).toMatch(
      /ECFMG Pathways for the 2028 Match open: unknown — .*the 2026 Pathways opened 2025-08-19\./,
    );
  });

  it("for the 2027 Match the pack's own reason is given", () => {
    const t = timelineFor(img(2027), "diagnostic-radiology", "2026-03-01");
    expect(t.matchYear).toBe(2027);
    expect(row(t)?.basis).toMatch(/No ECFMG announcement of 2027 Pathways/);
  });

  it("only applicants the rule applies to (from data) get the row", () => {
    for (const type of rb.cycles.ecfmgVerification.applicantTypes) {
      const t = timelineFor(
        profileOf({ ...example("non-us-img-dr"), applicantType: type, targetMatchYear: 2026 }),
        "diagnostic-radiology",
        "2025-06-01",
      );
      expect(row(t), type).toBeDefined();
    }
    const us = timelineFor(
      asked2027({ applicantType: "us-md", visa: "none-needed" }),
      "internal-medicine",
      "2026-03-01",
    );
    expect(row(us)).toBeUndefined();
    expect(us.unknown.some((u) => u.id === "ecfmgPathwaysOpen")).toBe(false);
  });
});

describe('a season is under way "now" only for someone who has applied', () => {
  // The example has its Step 2 CK score (236); asked for the 2027 Match.
  const scored = () => profileOf({ ...example("non-us-img-dr"), targetMatchYear: 2027 });
  for (const specialty of ["diagnostic-radiology", "interventional-radiology"])
    it(`${specialty}: as of 2026-12-06 nothing says they applied, so no 2027 season is "now" and the timeline is for 2028`, () => {
      const t = timelineFor(scored(), specialty, DEC_6);
      expect(t.matchYear).toBe(2028);
      expect(t.items.filter((i) => i.kind === "season" && i.status === "now")).toEqual([]);
      expect(t.notes.join(" ")).toMatch(/nothing says you have applied/);
    });

  it("with applications sent for 2027, the interview season is now", () => {
    const dr = timelineFor(scored(), "diagnostic-radiology", DEC_6, true, true);
    expect(dr.matchYear).toBe(2027);
    expect(dr.items.find((i) => i.label === "Interview season")?.status).toBe("now");
    const ir = timelineFor(scored(), "interventional-radiology", DEC_6, true, true);
    expect(ir.items.find((i) => i.kind === "season")?.status).toBe("now");
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
        const review = cycleFor(rb, t.matchYear).programsReview?.date as string;
        // Never a season under way "now" once programs review, for someone not known to have applied.
        for (const i of t.items)
          if (i.kind === "season" && i.status === "now") expect(asOf < review, i.label).toBe(true);
        // Never an exam whose score comes after review.
        const exam = t.items.find((i) => i.id === "step2ck-exam");
        if (exam) expect(addDays(exam.start, lagDays) <= review).toBe(true);
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
