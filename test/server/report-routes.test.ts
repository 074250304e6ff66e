import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarEntries } from "../../src/core/calendars.ts";
import { DOCUMENT_CSP } from "../../src/server/middleware/security.ts";
import { reportSchema, timelineSchema } from "../../src/server/schemas/result-schemas.ts";
import { send, TODAY, testApp } from "./support/test-app.ts";

/**
 * The timeline and the report through the API: the core's report module, in each format. PDFs
 * are printed by an injected printer here (one real print, in headless Chromium, at the end).
 */
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"));
const profile = example("non-us-img-dr.json");
const log = example("practice-log-rising.json");
const SPECIALTY = "diagnostic-radiology";
const body = { profile, specialty: SPECIALTY };

describe("POST /api/v1/timeline", () => {
  const { app } = testApp();

  it("gives the dated timeline as JSON", async () => {
    const a = await send(app, "POST", "/api/v1/timeline", body);
    expect(a.status).toBe(200);
    expect(timelineSchema.safeParse(a.body).success).toBe(true);
    expect(a.body.asOf).toBe(TODAY);
    expect(a.body.items.length).toBeGreaterThan(0);
  });

  it("gives the same timeline as the page's calendar: what lies ahead, one-day entries, reminders before deadlines", async () => {
    // Late in the season, so part of the timeline is behind the as-of date.
    const asOf = "2026-11-20";
    const json = await send(app, "POST", "/api/v1/timeline", { ...body, asOf });
    const ics = await send(app, "POST", "/api/v1/timeline?format=ics", { ...body, asOf });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents("vevent");
    const dates = [
      ...json.body.events.map((e: { date: string }) => e.date),
      ...json.body.items.map((i: { start: string }) => i.start),
    ];
    expect(dates.some((d: string) => d < asOf)).toBe(true);
    // The core's calendar of this timeline, as the page makes it from a plan (`planIcs`).
    const entries = calendarEntries({ asOf, timeline: json.body, study: null });
    expect(events.map((v) => String(v.getFirstPropertyValue("uid")))).toEqual(entries.map((e) => e.uid));
    for (const v of events) {
      const e = new ICAL.Event(v);
      expect(e.startDate.toString() >= asOf).toBe(true);
      expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(86_400_000);
    }
    const withAlarms = events.filter((v) => v.getAllSubcomponents("valarm").length > 0);
    expect(withAlarms.length).toBe(entries.filter((e) => e.deadline).length);
    expect(withAlarms.length).toBeGreaterThan(0);
  });

  it("names a bad format", async () => {
    const a = await send(app, "POST", "/api/v1/timeline?format=pdf", body);
    expect(a.status).toBe(422);
    expect(a.body.issues[0].path).toBe("format");
  });
});

describe("POST /api/v1/report", () => {
  let printing = 0;
  let most = 0;
  const { app, lines } = testApp();
  const fake = testApp({
    printPdf: async (html) => {
      printing++;
      most = Math.max(most, printing);
      await new Promise((r) => setTimeout(r, 20));
      printing--;
      return Buffer.from(`%PDF-fake ${html.length}`);
    },
  });

  it("gives the whole strategy as JSON by default, with the forecast when a log is given", async () => {
    const ahead = { ...body, profile: { ...profile, step2ck: { score: null, attempts: 0 } } };
    const a = await send(app, "POST", "/api/v1/report", { ...ahead, log });
    expect(a.status).toBe(200);
    expect(reportSchema.safeParse(a.body).success).toBe(true);
    expect(a.body.specialty.id).toBe(SPECIALTY);
    expect(a.body.forecast).not.toBeNull();
    expect(a.body.sources.length).toBeGreaterThan(0);
    expect((await send(app, "POST", "/api/v1/report", ahead)).body.forecast).toBeNull();
    // With the score in hand there is nothing to forecast, and the report says why.
    const inHand = await send(app, "POST", "/api/v1/report", { ...body, log });
    expect(inHand.body.forecast).toBeNull();
    expect(inHand.body.issues).toContainEqual(expect.objectContaining({ path: "forecast" }));
  });

  it("gives Markdown, and a self-contained HTML page under a CSP that lets nothing run", async () => {
    const md = await send(app, "POST", "/api/v1/report?format=md", body);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(md.text).toMatch(/^# /m);
    const html = await send(app, "POST", "/api/v1/report?format=html", body);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.headers.get("content-security-policy")).toBe(DOCUMENT_CSP);
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    expect(html.text).not.toMatch(/<script/i);
  });

  it("prints the HTML to PDF, one print at a time", async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => send(fake.app, "POST", "/api/v1/report?format=pdf", body)),
    );
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.headers.get("content-type")).toBe("application/pdf");
      expect(a.text.startsWith("%PDF")).toBe(true);
    }
    expect(most).toBe(1);
  });

  it("answers 503 with Retry-After when every printer is busy and the queue is full, and prints the rest", async () => {
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => {
      started = r;
    });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let prints = 0;
    const slow = testApp({
      config: { pdfQueue: { concurrency: 1, queueLength: 1 } },
      printPdf: async (html) => {
        prints++;
        started();
        await released;
        return Buffer.from(`%PDF-fake ${html.length}`);
      },
    });
    const pdf = () => send(slow.app, "POST", "/api/v1/report?format=pdf", body);
    const printing = pdf();
    await firstStarted;
    // One printing, so of the next two one waits in the queue and the other is refused at once.
    const next = [pdf(), pdf()];
    const refused = await Promise.race(next);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body.type).toBe("/api/v1/problems/service-unavailable");
    expect(refused.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    release();
    const answers = await Promise.all([printing, ...next]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 503]);
    expect(prints).toBe(2);
  });

  it("answers 503 when it cannot print, and logs the error without its message", async () => {
    const broken = testApp({ printPdf: () => Promise.reject(new Error("no browser for Dr-Secret")) });
    const a = await send(broken.app, "POST", "/api/v1/report?format=pdf", body);
    expect(a.status).toBe(503);
    expect(a.body.type).toBe("/api/v1/problems/service-unavailable");
    expect(broken.lines.join("\n")).not.toContain("Dr-Secret");
    expect(broken.lines.some((l) => JSON.parse(l).level === "error")).toBe(true);
  });

  it("makes the report of the list as the applicant holds it: removed programs gone, statuses shown, figures for that list", async () => {
    const plain = await send(app, "POST", "/api/v1/report", body);
    const planned: Array<{ id: string }> = plain.body.programs.programs;
    const [removed, withdrawn, ...rest] = planned.map((p) => p.id);
    const programs = [
      { programId: withdrawn, status: "withdrawn" },
      ...rest.map((programId) => ({ programId, status: "applied" })),
    ];
    const held = await send(app, "POST", "/api/v1/report", { ...body, programs });
    expect(held.status).toBe(200);
    expect(reportSchema.safeParse(held.body).success).toBe(true);
    const p = held.body.programs;
    expect(p.programs.map((x: { id: string }) => x.id)).toEqual([withdrawn, ...rest]);
    expect(p.listed).toBe(planned.length - 2);
    expect(p.held).toMatchObject({
      removed: 1,
      added: 0,
      withdrawn: [withdrawn],
      listed: planned.length - 2,
    });
    expect(p.held.statuses[rest[0] as string]).toBe("applied");
    expect(p.pMatch.estimate).toBeLessThan(plain.body.programs.pMatch.estimate);
    expect(p.costUsd).toBeLessThan(plain.body.programs.costUsd);
    // The HTML and Markdown say so, and list no removed program.
    const html = await send(app, "POST", "/api/v1/report?format=html", { ...body, programs });
    expect(html.text).toContain('id="held-list"');
    expect(html.text).toContain(`<li data-figure="programs">Programs<b>${planned.length - 2}</b>`);
    const md = await send(app, "POST", "/api/v1/report?format=md", { ...body, programs });
    expect(md.text).toMatch(/This is your list as you edited it: 1 of the planner's programs removed/);
    expect(p.programs.some((x: { id: string }) => x.id === removed)).toBe(false);
  });

  it("names a program status it does not know", async () => {
    const a = await send(app, "POST", "/api/v1/report", {
      ...body,
      programs: [{ programId: "x", status: "maybe" }],
    });
    expect(a.status).toBe(422);
    expect(a.body.issues[0].path).toBe("programs[0].status");
  });

  it("names a bad practice exam in the log", async () => {
    const a = await send(app, "POST", "/api/v1/report", { ...body, log: [{ ...log[0], score: 999 }] });
    expect(a.status).toBe(422);
    expect(a.body.issues[0].path).toBe("log[0].score");
    expect(lines.length).toBeGreaterThan(0);
  });

  it("prints a real PDF in headless Chromium (CHROMIUM_PATH, else /usr/bin/chromium)", async () => {
    const a = await app.request("/api/v1/report?format=pdf", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(a.status).toBe(200);
    const bytes = Buffer.from(await a.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);
});
