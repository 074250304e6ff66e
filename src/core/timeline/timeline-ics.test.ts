import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { AS_OF, notYetTaken } from "../../../test/report/support/profiles.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import { timelineCalendarIcs } from "../plan/plan-calendar.ts";
import { planStudy } from "../study/index.ts";
import { buildTimeline } from "./build-timeline.ts";

const rb = repositoryRulebook();

function timeline(asOf = AS_OF) {
  const profile = notYetTaken();
  const a = assessProfile(rb, profile, "interventional-radiology", asOf);
  if (!a.ok) throw new Error("assessment failed");
  const plan = planStudy(rb, { profile, specialtyId: "interventional-radiology", asOf });
  return buildTimeline(rb, { assessment: a.value, asOf, studyPlan: plan.ok ? plan.value : null });
}

const parse = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

describe("a timeline alone as an iCalendar file (the API's and the CLI's --ics)", () => {
  const t = timeline();
  const events = parse(timelineCalendarIcs(t));

  it("holds what lies ahead of the as-of date, each entry one day long", () => {
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.startDate.isDate).toBe(true);
      expect(e.startDate.toString() >= t.asOf).toBe(true);
      const next = new Date(Date.parse(`${e.startDate.toString()}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(e.endDate.toString()).toBe(next);
    }
    const ahead = t.events.filter((x) => x.date >= t.asOf);
    for (const x of ahead)
      expect(
        events.some((e) => e.uid.includes(`event-${x.id}@`)),
        x.id,
      ).toBe(true);
  });

  it("marks estimated dates in the title and gives their basis and sources in the description", () => {
    const estimated = t.events.find((x) => x.estimated && x.date >= t.asOf);
    const e = events.find((x) => x.uid.includes(`event-${estimated?.id}@`));
    expect(e?.summary).toMatch(/\(estimated\)$/);
    expect(e?.description).toContain(estimated?.basis);
    expect(e?.description).toMatch(/Sources: /);
  });

  it("keeps UIDs stable: the same timeline made again gives the same UIDs and the same file", () => {
    const again = timelineCalendarIcs(timeline());
    expect(parse(again).map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(again).toBe(timelineCalendarIcs(t));
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });
});
