import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { AS_OF, notYetTaken } from "../../../test/report/support/profiles.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { assessProfile } from "../assess/assess-profile.ts";
import { planStudy } from "../study/index.ts";
import { buildTimeline } from "./build-timeline.ts";
import { timelineIcs } from "./timeline-ics.ts";

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

describe("the timeline as an iCalendar file", () => {
  const t = timeline();
  const events = parse(timelineIcs(t));

  it("parses back with one event per cycle date and per row", () => {
    expect(events).toHaveLength(t.events.length + t.items.length);
  });

  it("puts every row on its own days: all-day events from its start to the day after its end", () => {
    for (const item of t.items) {
      const e = events.find((x) => x.uid.includes(`-${item.id}@`));
      expect(e, item.id).toBeDefined();
      expect(e?.startDate.isDate).toBe(true);
      expect(e?.startDate.toString()).toBe(item.start);
      const end = new Date(Date.parse(`${item.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(e?.endDate.toString()).toBe(end);
    }
  });

  it("marks estimated dates in the title and gives their basis and sources in the description", () => {
    const estimated = t.events.find((x) => x.estimated);
    const e = events.find((x) => x.uid.includes(`event-${estimated?.id}@`));
    expect(e?.summary).toMatch(/\(estimated\)$/);
    expect(e?.description).toContain(estimated?.basis);
    expect(e?.description).toMatch(/Sources: /);
  });

  it("keeps UIDs stable: the same timeline made later has the same UIDs and the same file", () => {
    const again = timelineIcs(timeline());
    expect(parse(again).map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(again).toBe(timelineIcs(t));
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });
});
