import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { daysBetween } from "./dates.ts";
import { planStudy } from "./plan-study.ts";
import type { StudyPlan, StudyRequest } from "./types.ts";

const rb = repositoryRulebook();
const fixture = JSON.parse(
  readFileSync(new URL("../../../test/study/fixtures/dr-2027.json", import.meta.url), "utf8"),
);
const profile = (over: Record<string, unknown> = {}) => profileSchemaFor(rb).parse({ ...fixture, ...over });
const dr = "diagnostic-radiology";
const plan = (req: Partial<StudyRequest>): StudyPlan => {
  const r = planStudy(rb, { profile: profile(), specialtyId: dr, asOf: "2026-01-05", ...req });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};

describe("planStudy", () => {
  it("a non-US IMG in DR without a target of their own gets the DR guide's target (T1), cited", () => {
    const p = plan({ baseline: 215 });
    expect(p.target).toMatchObject({ score: 245, ruleId: "T1" });
    expect(p.target.sources[0]).toMatch(/^seed-000/);
  });

  it("a baseline below 220 gets P2's 10–14 weeks; one in P2's 220–224 gap is bridged to the bracket below", () => {
    expect(plan({ baseline: 215 }).weeks).toMatchObject({ needed: { min: 10, max: 14 }, ruleId: "P2" });
    const gap = plan({ baseline: 222 });
    expect(gap.weeks.needed).toEqual({ min: 10, max: 14 });
    expect(gap.because.find((b) => b.ruleId === "P2")?.note).toMatch(/gap/);
    expect(plan({ baseline: 238 }).weeks.needed).toEqual({ min: 8, max: 10 });
    expect(plan({ baseline: 245 }).weeks.needed).toEqual({ min: 6, max: 8 });
  });

  it("part-time at half the full-time hours doubles P2's weeks", () => {
    const p = plan({ baseline: 230, mode: "part-time", hoursPerDay: 4 });
    expect(p.weeks.needed).toEqual({ min: 16, max: 20 });
    expect(p.days.filter((d) => d.kind === "heavy").every((d) => d.questions <= 40)).toBe(true);
  });

  it("interventional radiology takes P4's foundation / acceleration / refinement phases — from the rule's scope, not a name in code", () => {
    const p = plan({ baseline: 215 });
    expect(p.phaseRule).toBe("P3");
    const ir = planStudy(rb, {
      profile: profile(),
      specialtyId: "interventional-radiology",
      asOf: "2026-01-05",
      baseline: 215,
    });
    expect(ir.ok && ir.value.phaseRule).toBe("P4");
    if (ir.ok) {
      expect(ir.value.phases.map((x) => x.name)).toEqual(["foundation", "acceleration", "refinement"]);
      expect(ir.value.issues).toEqual([]);
    }
  });

  it("without a baseline the plan opens with a baseline self-assessment (P3)", () => {
    const p = plan({});
    expect(p.selfAssessments[0]).toMatchObject({ date: p.studyStart, purpose: "baseline", kind: "nbme" });
  });

  // Changed behaviour: this plan used to keep the 2027 Match and offer "sit then and apply with the
  // score pending"; it now plans the 2028 Match and says why.
  it("when even the earliest sensible date's score would come after 2027 programs review, it plans the 2028 Match and says why (D2)", () => {
    const p = plan({ asOf: "2026-07-20", baseline: 215 });
    expect(daysBetween("2026-07-20", p.timing.earliestSensibleExamDate)).toBe(70);
    expect(p.timing.year).toMatchObject({ requested: 2027, matchYear: 2028, moved: true });
    expect(p.timing.cycle.matchYear).toBe(2028);
    expect(p.timing.pendingAtReview).toBe(false);
    expect(p.timing.scoreReported.latest <= (p.timing.cycle.programsReview?.date ?? "")).toBe(true);
    expect(p.timing.messages[0]).toMatch(
      /The 2027 Match is out of reach: a Step 2 CK sat on 2026-09-28 may be reported as late as 2026-10-26/,
    );
    expect(p.timing.messages.join(" ")).not.toMatch(/score pending/);
    const d2 = p.because.find(
      (b) => b.ruleId === "D2" && (b.value as { matchYear?: number }).matchYear === 2027,
    );
    expect(d2?.sources).toEqual(expect.arrayContaining(["seed-001#scheduling", "match-statistics#342"]));
    expect(p.because.find((b) => b.ruleId === "D5")?.value).toEqual({ requested: 2027, proposed: 2028 });
    expect(p.issues).toEqual([]);
  });

  it("when only the guide's sit-by month is missed and the score still comes before review, it keeps the Match, says time is short and gives the D5 trade-off", () => {
    // IR sits by the end of July (D2); an exam on 10 August is still reported by 7 September.
    const p = plan({ asOf: "2026-06-01", baseline: 215 });
    const ir = planStudy(rb, {
      profile: profile(),
      specialtyId: "interventional-radiology",
      asOf: "2026-06-01",
      baseline: 215,
    });
    if (!ir.ok) throw new Error(JSON.stringify(ir.issues));
    expect(ir.value.timing.status).toBe("too-short");
    expect(ir.value.examDate).toBe("2026-08-10");
    expect(ir.value.timing.year).toMatchObject({ matchYear: 2027, moved: false });
    expect(ir.value.timing.pendingAtReview).toBe(false);
    expect(ir.value.timing.messages.join(" ")).toMatch(
      /reported by 2026-09-07, before programs start reviewing.*2028 Match with a full plan.*D5/,
    );
    // DR sits by the end of August, so the same date is inside its window.
    expect(p.timing.status).not.toBe("too-short");
  });

  it("a given exam date shorter than P2's minimum is kept, and the plan says time is short", () => {
    const p = plan({ baseline: 215, examDate: "2026-02-16" });
    expect(p.examDate).toBe("2026-02-16");
    expect(p.timing.status).toBe("given");
    expect(p.timing.messages[0]).toMatch(/earliest sensible exam date is 2026-03-16/);
    // The phases are shortened below P3's minimums, and the plan's own check says so.
    expect(p.issues).toEqual([
      expect.objectContaining({
        code: "out_of_range",
        path: "phases",
        message: expect.stringMatching(/below the 14 weeks P3's phases need at their minimums/),
      }),
    ]);
  });

  it("keeps the exam out of a clerkship (D4)", () => {
    const free = plan({ baseline: 215 });
    const p = plan({
      baseline: 215,
      busy: [{ start: "2026-04-01", end: "2026-04-30", label: "surgery clerkship" }],
    });
    expect(free.examDate).toBe("2026-04-13");
    expect(p.examDate < "2026-04-01").toBe(true);
    // Sitting before the clerkship leaves less than P3's phases need; only that is reported.
    expect(p.issues.map((i) => i.path)).toEqual(["phases"]);
  });

  it("a graduate's score comes before major US clinical experience (D3)", () => {
    expect(plan({ baseline: 245 }).examDate).toBe("2026-03-03");
    const p = plan({ baseline: 245, usceStart: "2026-03-16" });
    expect(p.examDate).toBe("2026-02-16");
    expect(p.because.some((b) => b.ruleId === "D3")).toBe(true);
  });

  it("non-US citizens get the D8 logistics reminders; US graduates do not", () => {
    expect(plan({ baseline: 230 }).reminders.filter((r) => r.ruleId === "D8").length).toBeGreaterThanOrEqual(
      3,
    );
    const us = planStudy(rb, {
      profile: profile({ applicantType: "us-md", visa: "none-needed" }),
      specialtyId: dr,
      asOf: "2026-01-05",
      baseline: 230,
    });
    expect(us.ok && us.value.reminders.some((r) => r.ruleId === "D8")).toBe(false);
  });

  it("IMG weak areas (P9) join the weak-system rotation; the applicant's weak systems come first", () => {
    const p = plan({ baseline: 230, weakSystems: ["cardiology", "renal"] });
    expect(p.rotation.slice(0, 2)).toEqual(["cardiology", "renal"]);
    expect(p.rotation).toContain("biostatistics");
    const heavy = p.days.filter((d) => d.kind === "heavy").slice(0, 3);
    expect(heavy.map((d) => d.focus)).toEqual(["cardiology", "renal", "us-preventive-care"]);
  });

  it("a Step 1 diagnosis adds its P10 fix; content gaps lengthen the foundations first", () => {
    const base = plan({ baseline: 215, examDate: "2026-05-25" });
    const gaps = plan({ baseline: 215, examDate: "2026-05-25", diagnoses: ["content-gaps"] });
    const foundation = (p: StudyPlan) => p.phases.find((x) => x.role === "foundation")?.days ?? 0;
    expect(foundation(gaps)).toBeGreaterThanOrEqual(foundation(base));
    expect(
      gaps.days.some((d) => d.activities.some((a) => a.includes("content-gaps") && a.endsWith("(P10)"))),
    ).toBe(true);
  });

  it("one secondary bank at most, for a weak baseline, from the core phase and before the midpoint (P8)", () => {
    const weak = plan({ baseline: 215 });
    expect(weak.questionBank.secondary).not.toBeNull();
    expect(weak.questionBank.primary.passes).toBeGreaterThanOrEqual(1);
    const strong = plan({ baseline: 245 });
    expect(strong.questionBank.secondary).toBeNull();
  });

  it("refuses to plan a retake of a passed exam (G4), and names the field", () => {
    const r = planStudy(rb, {
      profile: profile({ step2ck: { score: 240, attempts: 1 } }),
      specialtyId: dr,
      asOf: "2026-01-05",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: "profile.step2ck.score", code: "inconsistent" });
  });

  it("rejects bad requests with the field of each problem", () => {
    const r = planStudy(rb, {
      profile: profile(),
      specialtyId: dr,
      asOf: "2026-01-05",
      examDate: "2026-01-01",
      baseline: 999,
      diagnoses: ["laziness"],
      daysOff: ["mon", "tue", "wed", "thu"],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path).sort()).toEqual(["baseline", "daysOff", "diagnoses[0]", "examDate"]);
  });

  it("when D1 cannot be kept, the note gives the plan's own length, not the longest P1 allows", () => {
    const p = plan({ asOf: "2026-05-20", profile: profile({ targetMatchYear: 2027 }) });
    expect(p.timing.status).toBe("d1-relaxed");
    const weeks = Math.round((daysBetween(p.asOf, p.examDate) / 7) * 10) / 10;
    const note = p.timing.messages.find((m) => m.startsWith("D1 asks"));
    expect(note).toContain(`the plan runs ${weeks} weeks to ${p.examDate}`);
    expect(note).not.toMatch(/full 20 weeks/);
  });
});
