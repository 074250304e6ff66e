import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { checkPlan } from "./check-plan.ts";
import { addDays } from "./dates.ts";
import { planStudy } from "./plan-study.ts";
import type { StudyPlan } from "./types.ts";

const rb = repositoryRulebook();
const profile = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../test/study/fixtures/dr-2027.json", import.meta.url), "utf8")),
);
const made = planStudy(rb, {
  profile,
  specialtyId: "diagnostic-radiology",
  asOf: "2026-01-05",
  baseline: 215,
  weakSystems: ["cardiology", "renal"],
});
if (!made.ok) throw new Error("fixture plan failed");
const good = made.value;
const broken = (edit: (p: StudyPlan) => void) => {
  const p = structuredClone(good);
  edit(p);
  return checkPlan(rb, p).map((i) => i.message);
};

describe("checkPlan", () => {
  it("finds nothing wrong with a plan the planner made", () => {
    expect(checkPlan(rb, good)).toEqual([]);
  });

  it("catches a study day after the exam", () => {
    const msgs = broken((p) => {
      p.days.push({
        date: addDays(p.examDate, 1),
        phase: null,
        kind: "heavy",
        questions: 40,
        hours: 4,
        activities: [],
      });
    });
    expect(msgs.join("\n")).toMatch(/after the exam/);
  });

  it("catches hours above availability", () => {
    const msgs = broken((p) => {
      const day = p.days.find((d) => d.kind === "heavy");
      if (day) day.hours = p.availability.hoursPerDay + 2;
    });
    expect(msgs.join("\n")).toMatch(/above the 8 h available/);
  });

  it("catches fewer than two self-assessments in the last four weeks", () => {
    const msgs = broken((p) => {
      const late = p.selfAssessments
        .filter((s) => s.purpose === "final")
        .slice(0, 2)
        .map((s) => s.date);
      p.selfAssessments = p.selfAssessments.filter((s) => !late.includes(s.date));
      for (const d of p.days) if (late.includes(d.date)) d.kind = "heavy";
    });
    expect(msgs.join("\n")).toMatch(/1 self-assessment\(s\) in the last 4 weeks; P5 asks for at least 2/);
  });

  it("catches a week with no light day, and too many study days in a row", () => {
    const msgs = broken((p) => {
      const light = p.days.find((d) => d.kind === "light" && d.date > "2026-02-01");
      if (light) light.kind = "heavy";
    });
    expect(msgs.join("\n")).toMatch(/has no light day/);
    expect(msgs.join("\n")).toMatch(/study days in a row/);
  });

  it("catches a weak system dropped from the rotation", () => {
    const msgs = broken((p) => {
      for (const d of p.days) if (d.focus === "renal") d.focus = "cardiology";
    });
    expect(msgs.join("\n")).toMatch(/renal left out of the rotation/);
  });

  it("catches a secondary bank started after the midpoint (P8)", () => {
    const msgs = broken((p) => {
      for (const d of p.days) if (d.date < "2026-03-10") delete d.secondaryQuestions;
    });
    expect(msgs.join("\n")).toMatch(/after the midpoint/);
  });
});
