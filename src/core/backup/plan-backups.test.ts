import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AS_OF, example, strongImg } from "../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { planProgramList } from "../programs/plan-program-list.ts";
import { backupCall, planBackups } from "./plan-backups.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();

function backups(profile: Profile, specialty = "diagnostic-radiology", budgetUsd: number | null = null) {
  const a = assessProfile(rb, profile, specialty, AS_OF);
  if (!a.ok) throw new Error("assessment failed");
  const main = planProgramList(rb, data, { profile, specialty, asOf: AS_OF, budgetUsd });
  const mainPlan = main.ok ? main.value : null;
  return {
    b: planBackups(rb, data, { profile, assessment: a.value, mainPlan, asOf: AS_OF, budgetUsd }),
    mainPlan,
    a: a.value,
  };
}

describe("backup plans (K1–K3)", () => {
  it("a very-low DR profile plans backups actively, with Internal Medicine as the parallel list", () => {
    const { b, a } = backups(example("step1-failure-dr"));
    expect(a.standing).toBe("very-low");
    expect(b.level).toBe("active");
    expect(b.parallel?.specialty).toBe(a.backupSpecialties[0]);
    expect(b.parallel?.count).toBeGreaterThan(0);
    expect(b.parallel?.pMatch?.estimate).toBeGreaterThan(0);
    expect(b.paths.some((p) => p.priority === "now")).toBe(true);
    expect(b.paths.map((p) => p.ruleId)).toEqual(expect.arrayContaining(["K3"]));
  });

  it("a strong profile needs no backup: no parallel list and no paths", () => {
    const { b } = backups(strongImg());
    expect(b.level).toBe("none");
    expect(b.parallel).toBeNull();
    expect(b.paths).toEqual([]);
    expect(b.reason).toMatch(/No backup specialty is called for/);
  });

  it("DR starts at PGY-2, so PGY-1 options are listed either way", () => {
    const { b, mainPlan } = backups(strongImg());
    expect(b.pgy1.needed).toBe(true);
    expect(b.pgy1.programs).toEqual(mainPlan?.supplementalPgy1);
    expect(b.pgy1.tracks.map((t) => t.specialty)).toEqual(
      expect.arrayContaining(["transitional-year", "preliminary-medicine"]),
    );
  });

  it("unfilled programs come from the NRMP history, say it covers Florida only, and each had a year with positions left", () => {
    const { b } = backups(example("step1-failure-dr"));
    expect(b.unfilled.coverage).toMatch(/Florida programs only/);
    expect(b.unfilled.sources).toEqual(["nrmp-florida-results-2020-2026"]);
    expect(b.unfilled.programs.length).toBeGreaterThan(0);
    for (const u of b.unfilled.programs) {
      expect(u.state).toBe("FL");
      expect(u.years.some((y) => y.filled < y.offered)).toBe(true);
      expect(u.unfilledPositions).toBe(u.years.reduce((s, y) => s + Math.max(0, y.offered - y.filled), 0));
    }
    const order = b.unfilled.programs.map((u) => u.unfilledYears);
    expect(order).toEqual([...order].sort((x, y) => y - x));
  });

  it("reapplying points at the next cycle's dates, marked estimated", () => {
    const { b, a } = backups(example("step1-failure-dr"));
    expect(b.reapply.matchYear).toBe(a.cycle.matchYear + 1);
    expect(b.reapply.programsReview?.estimated).toBe(true);
  });

  it("the parallel list never costs more than the budget the main list leaves", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }), (budget) => {
        const { b, mainPlan } = backups(example("step1-failure-dr"), "diagnostic-radiology", budget);
        const left = Math.max(0, budget - (mainPlan?.costUsd ?? 0));
        expect(b.parallel?.budgetUsd).toBe(left);
        expect(b.parallel?.costUsd ?? 0).toBeLessThanOrEqual(left + 1e-9);
        if (b.parallel?.count === 0) expect(b.notes.join(" ")).toMatch(/spends the whole budget/);
      }),
      { numRuns: 12 },
    );
  });

  it("a parallel list the budget cuts short says so only as its own figures do, with the interviews it is expected to give", () => {
    const minimum = data.model.lists.tooSmall.minimumExpectedInterviews.value;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8000 }), (budget) => {
        const { b } = backups(example("step1-failure-dr"), "diagnostic-radiology", budget);
        const note = b.notes.find((n) => n.includes("too few to expect"));
        const expected = b.parallel?.sizing.expectedInterviews ?? 0;
        if (note) {
          expect(expected).toBeLessThan(minimum);
          expect(note).toContain(`expected to give ${expected.toFixed(1)} interviews`);
        }
      }),
      { numRuns: 12 },
    );
    const { b } = backups(example("step1-failure-dr"), "diagnostic-radiology", 4000);
    expect(b.notes.join(" ")).toMatch(
      /\d+ Internal Medicine programs, expected to give 0\.\d interviews, too few to expect one;/,
    );
  });

  it("a list more likely to miss than to match says so at any standing, naming the backups, without planning a list the guides do not call for", () => {
    // The H-1B example: strong by its score, but few Interventional Radiology programs sponsor the visa.
    const { b, a, mainPlan } = backups(example("non-us-img-ir"), "interventional-radiology", null);
    const below = data.model.lists.backupBelow.value;
    expect(a.standing).toBe("strong");
    expect(mainPlan?.pMatch?.estimate).toBeLessThan(below);
    expect(b.level).toBe("none");
    expect(b.parallel).toBeNull();
    expect(b.candidates).toEqual([]);
    expect(b.reason).toMatch(
      /the main list's P\(match\) is \d+\.\d%: below 50\.0%, not matching is the likelier outcome/,
    );
    expect(b.reason).toMatch(/Internal Medicine, Neurology/);
    expect(b.reason).toMatch(/model assumption/);
    expect(b.because.find((x) => x.ruleId === "model.backup-below")?.note).toBe(
      data.model.lists.backupBelow.assumption,
    );
    // The radiology backup rule's paths, in view.
    const rule = rb.rules.find((r) => r.id === "K1.radiology") as { paths: string[] };
    expect(b.paths.map((p) => p.text)).toEqual(rule.paths);
    expect(b.paths.every((p) => p.priority === "in-view" && p.ruleId === "K1.radiology")).toBe(true);
  });

  it("the odds are read only where the assessment calls for no backup, and only below the line", () => {
    const { a } = backups(strongImg());
    const below = data.model.lists.backupBelow.value;
    expect(backupCall(rb, data, a, { estimate: below }).byOdds).toBeNull();
    expect(backupCall(rb, data, a, null).byOdds).toBeNull();
    const under = backupCall(rb, data, a, { estimate: below - 1e-9 });
    expect(under.level).toBe("none");
    expect(under.byOdds).toMatchObject({ pMatch: below - 1e-9, below, ruleId: "K1.radiology" });
    // A call the assessment already makes is the assessment's, whatever the odds.
    const { a: low } = backups(example("step1-failure-dr"));
    const own = backupCall(rb, data, low, { estimate: 0.01 });
    expect(own.byOdds).toBeNull();
    expect(own.specialties).toEqual(low.backupSpecialties);
  });

  it("a strong list needs no warning: at or above the line the reason is the guides' alone", () => {
    const { b, mainPlan } = backups(strongImg());
    expect(mainPlan?.pMatch?.estimate ?? 0).toBeGreaterThanOrEqual(data.model.lists.backupBelow.value);
    expect(b.reason).toMatch(/^No backup specialty is called for/);
    expect(b.paths).toEqual([]);
  });
});
