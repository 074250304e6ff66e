import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { AS_OF, example, notYetTaken } from "../../../test/report/support/profiles.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { planApplication } from "./plan-application.ts";
import { planCalendarEntries, planIcs, REMINDER_DAYS_BEFORE } from "./plan-calendar.ts";

const rb = repositoryRulebook();

function plan(profile: Profile) {
  const p = planApplication(rb, null, {
    profile,
    specialty: "diagnostic-radiology",
    asOf: AS_OF,
    parts: ["timeline"],
  });
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.value;
}

const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
const DAY_MS = 86_400_000;

describe("the whole plan as one calendar", () => {
  for (const [name, profile] of [
    ["Step 2 CK still to sit (a study plan)", notYetTaken()],
    ["Step 2 CK in hand", example("non-us-img-dr")],
  ] as const) {
    describe(name, () => {
      const p = plan(profile);
      const vevents = events(planIcs(p));

      it("has entries, none dated before the plan's as-of date", () => {
        expect(vevents.length).toBeGreaterThan(5);
        const starts = vevents.map((v) => new ICAL.Event(v).startDate.toString().slice(0, 10));
        expect(starts.filter((d) => d < AS_OF)).toEqual([]);
        // The timeline does hold earlier rows: they were left out, not missing.
        expect(p.timeline?.items.some((i) => i.end < AS_OF)).toBe(true);
      });

      it("has no entry longer than a day", () => {
        for (const v of vevents) {
          const e = new ICAL.Event(v);
          expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(DAY_MS);
        }
      });

      it("reminds ahead of each deadline: Match cycle dates and milestones due", () => {
        const withAlarms = vevents.filter((v) => v.getAllSubcomponents("valarm").length > 0);
        const titles = withAlarms.map((v) => String(v.getFirstPropertyValue("summary")));
        expect(titles.some((t) => /Rank order list certification deadline/.test(t))).toBe(true);
        expect(titles.some((t) => /^Due: /.test(t))).toBe(true);
        const triggers = withAlarms[0]
          ?.getAllSubcomponents("valarm")
          .map((a) => String(a.getFirstPropertyValue("trigger")));
        expect(triggers).toEqual(REMINDER_DAYS_BEFORE.map((d) => `-P${d}D`));
        // A period's start is a marker, not a deadline.
        const starts = vevents.filter((v) => /^Starts: /.test(String(v.getFirstPropertyValue("summary"))));
        expect(starts.every((v) => v.getAllSubcomponents("valarm").length === 0)).toBe(true);
      });

      it("lists the exam once when it is still ahead", () => {
        const exams = planCalendarEntries(p).filter((e) => /^(Sit )?USMLE Step 2 CK\b/.test(e.title));
        expect(exams.length).toBe(p.step2ck.ahead ? 1 : 0);
      });
    });
  }
});
