import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { addDays, chooseMatchYear, cycleFor } from "./application-cycle.ts";

const rb = repositoryRulebook();
const lagDays = rb.exam.usmle.scoreReportWeeks.value.max * 7;
const review2027 = cycleFor(rb, 2027).programsReview?.date as string;
const rankList2027 = cycleFor(rb, 2027).rankListDeadline?.date as string;

describe("the Match year a plan is for (chooseMatchYear)", () => {
  it("keeps the asked-for year when the exam's score is reported on the day programs start reviewing", () => {
    const c = chooseMatchYear(rb, {
      asOf: "2026-05-01",
      requested: 2027,
      applicantType: "non-us-img",
      examDate: addDays(review2027, -lagDays),
    });
    expect(c).toMatchObject({ matchYear: 2027, requested: 2027, moved: false, reason: null });
    expect(c.scoreReportedBy).toBe(review2027);
    expect(c.deadline).toMatchObject({ date: review2027, event: "programsReview", ruleId: "D2" });
  });

  it("moves to the next year when the score may come one day after review starts, and cites D2 with the lag's source", () => {
    const c = chooseMatchYear(rb, {
      asOf: "2026-05-01",
      requested: 2027,
      applicantType: "us-md",
      examDate: addDays(review2027, -lagDays + 1),
    });
    expect(c).toMatchObject({ matchYear: 2028, requested: 2027, moved: true });
    expect(c.reason).toMatch(
      /^The 2027 Match is out of reach: a Step 2 CK sat on .* may be reported as late as/,
    );
    expect(c.reason).toMatch(/This plan is for the 2028 Match, whose programs start reviewing on 2027-09-24/);
    const d2 = c.because.find((b) => b.ruleId === "D2");
    expect(d2?.sources).toEqual(
      expect.arrayContaining(["seed-001#scheduling", ...rb.exam.usmle.scoreReportWeeks.sources]),
    );
    expect(c.because.map((b) => b.ruleId)).toContain("D5");
  });

  it("as of 2026-12-06, a 2027 Match whose programs already review is out of reach for someone who has not applied, even with the score in hand", () => {
    const c = chooseMatchYear(rb, {
      asOf: "2026-12-06",
      requested: 2027,
      applicantType: "us-md",
      examDate: null,
    });
    expect(c).toMatchObject({ matchYear: 2028, moved: true });
    const why = c.because.find((b) => b.ruleId === "cycle-dates.programsReview");
    expect(why?.sources.length).toBeGreaterThan(0);
    expect(c.reason).toMatch(/nothing says you have applied/);
  });

  it("keeps the 2027 Match for someone who has applied and has the score", () => {
    const c = chooseMatchYear(rb, {
      asOf: "2026-12-06",
      requested: 2027,
      applied: true,
      applicantType: "non-us-img",
      examDate: null,
    });
    expect(c).toMatchObject({ matchYear: 2027, moved: false, deadline: null });
  });

  it("an IMG who has applied still needs ECFMG's confirmation one weekly exchange before the rank-list deadline; a US graduate does not", () => {
    const exchange = rb.cycles.ecfmgVerification.exchangeEveryDays;
    const lastOk = addDays(rankList2027, -exchange - lagDays);
    const img = (examDate: string) =>
      chooseMatchYear(rb, {
        asOf: "2026-12-06",
        requested: 2027,
        applied: true,
        applicantType: "non-us-img",
        examDate,
      });
    expect(img(lastOk)).toMatchObject({ matchYear: 2027, moved: false });
    expect(img(lastOk).deadline).toMatchObject({
      event: "ecfmgVerificationDeadline",
      date: addDays(rankList2027, -exchange),
    });
    const late = img(addDays(lastOk, 1));
    expect(late).toMatchObject({ matchYear: 2028, moved: true });
    expect(late.reason).toMatch(/withdrawn from the 2027 Match/);
    const why = late.because.find((b) => b.ruleId === "cycle-dates.ecfmgVerification");
    expect(why?.sources).toEqual(
      expect.arrayContaining(["nrmp-ecfmg-requirements", "nrmp-faq-ecfmg-ranking"]),
    );
    const usmd = chooseMatchYear(rb, {
      asOf: "2026-12-06",
      requested: 2027,
      applied: true,
      applicantType: "us-md",
      examDate: addDays(lastOk, 1),
    });
    expect(usmd).toMatchObject({ matchYear: 2027, moved: false, deadline: null });
  });

  it("without an asked-for year it starts from the first Match whose programs have not started reviewing", () => {
    expect(chooseMatchYear(rb, { asOf: "2026-12-06", applicantType: "us-md", examDate: null })).toMatchObject(
      { matchYear: 2028, requested: 2028, moved: false },
    );
  });
});

describe("cycle dates added for the timeline", () => {
  it("the 2026 Match states the MSPE release, NRMP's registration deadlines and ECFMG's verification deadline, each with official sources", () => {
    const c = cycleFor(rb, 2026);
    expect(c.mspeRelease).toMatchObject({ date: "2025-09-24", estimated: false, confidence: "official" });
    expect(c.mspeRelease?.sources).toContain("match-statistics#212");
    expect(c.nrmpRegistrationDeadline).toMatchObject({ date: "2025-11-30", confidence: "official" });
    expect(c.nrmpRegistrationDeadline?.sources).toContain("nrmp-match-events-schools-2026");
    expect(c.nrmpLateRegistrationDeadline).toMatchObject({ date: "2026-02-25" });
    expect(c.ecfmgVerificationDeadline).toMatchObject({ date: c.rankListDeadline?.date });
    expect(c.ecfmgVerificationDeadline?.sources).toContain("nrmp-ecfmg-requirements");
  });

  it("an exam at the end of the date window still finds its Match year (the search starts from the year the score is reported)", () => {
    const c = chooseMatchYear(rb, {
      asOf: "2026-12-06",
      applicantType: "non-us-img",
      examDate: "2037-12-31",
    });
    expect(c.matchYear).toBe(2039);
    expect(c.moved).toBe(true);
  });

  it("the 2027 ERAS opening comes only from a secondary source and says so; later years estimate from it and keep that confidence", () => {
    expect(cycleFor(rb, 2027).erasOpens).toMatchObject({ estimated: false, confidence: "secondary" });
    // An estimate's confidence is "estimated"; what it rests on keeps the carried date's own confidence.
    expect(cycleFor(rb, 2028).erasOpens).toMatchObject({
      estimated: true,
      confidence: "estimated",
      restsOn: "secondary",
    });
    expect(cycleFor(rb, 2027).programsReview).toMatchObject({
      estimated: true,
      confidence: "estimated",
      restsOn: "official",
    });
  });

  it("a later Match's ECFMG and late-registration deadlines are estimated on the rank-list deadline's weekday", () => {
    for (const year of [2027, 2028, 2029]) {
      const c = cycleFor(rb, year);
      expect(c.ecfmgVerificationDeadline?.date).toBe(c.rankListDeadline?.date);
      expect(c.nrmpLateRegistrationDeadline?.date).toBe(c.rankListDeadline?.date);
      expect(c.ecfmgVerificationDeadline?.estimated).toBe(true);
    }
  });
});
