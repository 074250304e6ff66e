import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { createRequire } from "node:module";
import ICAL from "ical.js";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { swingText } from "../../src/core/index.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../../src/io/report/print-pdf.ts";
import { pct, pctRange } from "../../web/src/format.ts";
import { ensureWebBuilt, type RunningServer, startServer } from "./support/web-server.ts";

/**
 * The plan as edited on a phone (390×844) and what leaves the page: the program list as cards
 * with every key figure in view, paged, with sticky filters and bulk status changes; the HTML
 * report, the API's answer and the page agreeing figure for figure on the edited list; the
 * PDF, CSV and calendar of that list; the page in print; a deleted plan's link; the caching
 * headers; and the offline cache's install, which must not download a file the page has
 * already loaded. The browser talks to the server through a counting proxy, so the test sees
 * every request the service worker makes too.
 */
const CHROMIUM = chromiumPath();
const PHONE = { width: 390, height: 844 };

interface Hit {
  method: string;
  path: string;
  status: number;
  bytes: number;
}

let server: RunningServer;
let proxy: Server;
let base: string;
let browser: Browser;
const hits: Hit[] = [];

/** Forwards to the server and records each answer's status and body size. */
function countingProxy(target: string): Promise<string> {
  const to = new URL(target);
  proxy = createServer((req, res) => {
    const out = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        let bytes = 0;
        up.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        up.on("end", () =>
          hits.push({
            method: req.method ?? "",
            path: new URL(req.url ?? "/", target).pathname,
            status: up.statusCode ?? 0,
            bytes,
          }),
        );
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.writeHead(502).end());
    req.pipe(out);
  });
  return new Promise((resolve) =>
    proxy.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(proxy.address() as { port: number }).port}`),
    ),
  );
}

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  base = await countingProxy(server.baseUrl);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  await server?.stop();
}, 30_000);

/** axe-core, run in the page through the DevTools protocol (the page's CSP refuses a script tag). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
async function axeViolations(p: Page, include?: string[]): Promise<string[]> {
  await p.evaluate(AXE_SOURCE);
  return p.evaluate(async (only) => {
    type Axe = {
      run: (
        ctx: Document | { include: string[] },
        opts: object,
      ) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }>;
    };
    const r = await (window as unknown as { axe: Axe }).axe.run(only ? { include: only } : document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes[0]?.target)}`);
  }, include);
}

const text = async (p: Page, selector: string) => (await p.locator(selector).innerText()).trim();
const dollars = (s: string) => Number(s.replace(/[^0-9.]/g, ""));

async function planOnPhone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    acceptDownloads: true,
    serviceWorkers: "block",
  });
  const p = await context.newPage();
  await p.goto(`${base}/`);
  await p
    .getByRole("button", { name: /Non-US IMG/ })
    .first()
    .click();
  await p.locator("#list-count").waitFor();
  return p;
}

describe("the plan as edited, and its files", () => {
  let page: Page;
  /** What the page sent for the HTML report: the plan's inputs and the list as edited. */
  let reportBody: {
    asOf: string;
    programs: Array<{ programId: string; status: string }>;
  } & Record<string, unknown>;
  let removedId = "";
  const bulkIds: string[] = [];

  beforeAll(async () => {
    page = await planOnPhone();
  }, 60_000);

  it("shows the list on a phone as cards, every key figure in view, with no sideways scrolling", async () => {
    const cards = page.locator("#program-cards > li");
    const n = await cards.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(25);
    expect(await page.locator("#program-table").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const first = cards.first();
    const parts = [
      first.locator(".p-interview"),
      first.getByText("Signal", { exact: true }),
      first.getByText("Visa", { exact: true }),
      first.locator("select"),
      first.getByRole("button", { name: /^Remove / }),
    ];
    for (const part of parts) {
      const box = await part.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= PHONE.width).toBe(true);
    }
    // The list's sections (the rest of the page is audited by web-app.test.ts).
    expect(await axeViolations(page, ["#programs", "#downloads", "#supplemental"])).toEqual([]);
  });

  it("keeps the filters in view while the cards scroll, and pages the list", async () => {
    await page.locator("#program-cards > li").nth(15).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    const tools = await page.locator("#list-tools").boundingBox();
    expect(Math.abs(tools?.y ?? 99)).toBeLessThanOrEqual(1);
    const before = await page.locator("#program-cards > li").first().getAttribute("data-program-id");
    await page.locator("#next-page").click();
    await expect(text(page, "#list-page")).resolves.toMatch(/^Page 2 of \d+$/);
    expect(await page.locator("#program-cards > li").first().getAttribute("data-program-id")).not.toBe(
      before,
    );
  });

  it("changes the status of several programs at once, and removes one, keeping the focus on the list", async () => {
    const cards = page.locator("#program-cards > li");
    for (const i of [0, 1]) {
      const card = cards.nth(i);
      bulkIds.push((await card.getAttribute("data-program-id")) as string);
      await card.locator(".select-program").check();
    }
    await page.locator("#bulk-status").selectOption("applied");
    await page.locator("#bulk-apply").click();
    for (const id of bulkIds)
      expect(await page.locator(`[data-program-id="${id}"] select`).inputValue()).toBe("applied");

    const count = Number(await text(page, "#list-count"));
    const victim = cards.nth(2);
    removedId = (await victim.getAttribute("data-program-id")) as string;
    await victim.getByRole("button", { name: /^Remove / }).click();
    await expect(text(page, "#list-count")).resolves.toBe(String(count - 1));
    expect(await page.locator(`[data-program-id="${removedId}"]`).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("remove"))).toBe(true);
  });

  it("gives every figure of the page in the HTML report and the API's answer for the edited list", async () => {
    const sent = page.waitForRequest((r) => r.url().includes("/api/v1/report?format=html"));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#download-html").click(),
    ]);
    reportBody = JSON.parse((await sent).postData() ?? "{}");
    expect(reportBody.programs.some((p) => p.programId === removedId)).toBe(false);
    const html = readFileSync((await download.path()) as string, "utf8");

    const res = await fetch(`${server.baseUrl}/api/v1/report`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(reportBody),
    });
    const api = (await res.json()).programs as {
      listed: number;
      costUsd: number;
      pMatch: { estimate: number; low: number; high: number };
      programs: Array<{ id: string; name: string; pInterview: { estimate: number } }>;
      whatMoves: Parameters<typeof swingText>[0][];
      visaSponsorship: { note: string; listed: { known: number; inferred: number; unknown: number } };
    };

    const view = await browser.newPage();
    await view.setContent(html);
    const kpi = async (figure: string) =>
      ((await view.locator(`[data-figure="${figure}"]`).textContent()) ?? "").trim();
    const rows = await view
      .locator("table", { has: view.locator("caption", { hasText: /^Your list:/ }) })
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
    const pmatchKpi = await kpi("pmatch");
    const programsKpi = await kpi("programs");
    await view.close();

    // P(match) and its range.
    const shown = await text(page, "#pmatch");
    expect(shown).toBe(pctRange(api.pMatch));
    expect(pmatchKpi).toBe(
      `P(match)${pct(api.pMatch.estimate)}range ${pct(api.pMatch.low)}–${pct(api.pMatch.high)}`,
    );
    // The number of programs and their cost.
    const count = Number(await text(page, "#list-count"));
    expect(api.listed).toBe(count);
    expect(Number(/Programs\s*(\d+)/.exec(programsKpi)?.[1])).toBe(count);
    expect(dollars(/cost\s*(\S+)/.exec(programsKpi)?.[1] ?? "")).toBe(api.costUsd);
    expect(dollars(await text(page, "#list-cost"))).toBe(api.costUsd);
    // Each program's P(interview): the report's rows are the API's, and the page's cards say the same.
    expect(rows.map((r) => r[1])).toEqual(api.programs.map((p) => p.name));
    expect(rows.map((r) => r[4])).toEqual(api.programs.map((p) => pct(p.pInterview.estimate)));
    const cards = await page
      .locator("#program-cards > li")
      .evaluateAll((lis) =>
        lis.map((li) => [li.getAttribute("data-program-id"), li.querySelector(".p-interview")?.textContent]),
      );
    expect(cards.length).toBeGreaterThan(0);
    const byId = new Map(api.programs.map((p) => [p.id, pct(p.pInterview.estimate)]));
    for (const [id, shownOdds] of cards) expect(shownOdds, String(id)).toBe(byId.get(id as string));
    // What moves the number, and the visa counts, are the edited list's, on the page as in the report.
    const { known, inferred, unknown } = api.visaSponsorship.listed;
    expect(known + inferred + unknown).toBe(count);
    expect(await text(page, "#visa-note > p")).toBe(api.visaSponsorship.note);
    expect(await page.locator("#what-moves li").allTextContents()).toEqual(api.whatMoves.map(swingText));
    expect(api.whatMoves.length).toBeGreaterThan(0);
  });

  it("makes the PDF, the CSV and the calendar of the list as edited", async () => {
    const sent = page.waitForRequest((r) => r.url().includes("/api/v1/report?format=pdf"));
    const [pdf] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      page.locator("#download-pdf").click(),
    ]);
    expect(
      readFileSync((await pdf.path()) as string)
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    expect(JSON.parse((await sent).postData() ?? "{}").programs).toEqual(reportBody.programs);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#download-csv").click()]);
    const lines = readFileSync((await csv.path()) as string, "utf8")
      .trim()
      .split("\r\n")
      .slice(1);
    const ids = lines.map((l) => l.split(",")[0]);
    expect(ids).not.toContain(removedId);
    expect(ids.length).toBe(reportBody.programs.length);
    for (const id of bulkIds) expect(lines.find((l) => l.startsWith(`${id},`))).toMatch(/,applied,/);

    const [ics] = await Promise.all([page.waitForEvent("download"), page.locator("#download-ics").click()]);
    const cal = new ICAL.Component(ICAL.parse(readFileSync((await ics.path()) as string, "utf8")));
    const events = cal.getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThan(5);
    const starts = events.map((v) => new ICAL.Event(v).startDate.toString().slice(0, 10));
    expect(starts.filter((d) => d < reportBody.asOf)).toEqual([]);
    expect(events.filter((v) => v.getAllSubcomponents("valarm").length > 0).length).toBeGreaterThan(3);
    for (const v of events) {
      const e = new ICAL.Event(v);
      expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(86_400_000);
    }
  }, 90_000);

  it("prints the plan from the top of the first page, the whole list, with no dropdowns", async () => {
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await expect(page.locator("#program-cards > li").count()).resolves.toBe(reportBody.programs.length);
    expect(await page.locator("select:visible").count()).toBe(0);
    expect(await page.locator(".print-only:visible").count()).toBeGreaterThan(0);
    const top = await page
      .locator("#results")
      .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top).toBeLessThan(PHONE.height / 2);
    const kept = await page
      .locator(".card")
      .evaluateAll((els) => els.filter((el) => getComputedStyle(el).breakInside.startsWith("avoid")).length);
    expect(kept).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator("#program-cards > li").count()).toBeLessThanOrEqual(25);
  });
});

describe("links, caching and the offline cache", () => {
  it("says a deleted plan's link no longer exists instead of showing an empty form", async () => {
    const created = await fetch(`${server.baseUrl}/api/v1/plans`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        profile: JSON.parse(
          readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
        ),
        specialty: "diagnostic-radiology",
      }),
    });
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${server.baseUrl}/api/v1/plans/${id}`);
    expect(read.headers.get("cache-control")).toBe("no-store");
    await read.arrayBuffer();
    expect((await fetch(`${server.baseUrl}/api/v1/plans/${id}`, { method: "DELETE" })).status).toBe(204);

    const p = await browser.newPage({ viewport: PHONE });
    await p.goto(`${base}/#/plan/${id}`);
    await p.locator("#link-notice").waitFor();
    expect(await text(p, "#link-notice h2")).toBe("This link no longer exists");
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("link-notice");
    expect(await axeViolations(p)).toEqual([]);
    await p.close();
  });

  it("caches hashed files for a year, never stores the page, and revalidates the rest", async () => {
    const index = await fetch(`${server.baseUrl}/`);
    expect(index.headers.get("cache-control")).toBe("no-store");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(`${server.baseUrl}${script}`);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    await asset.arrayBuffer();
    const data = await fetch(`${server.baseUrl}/data/catalog/diagnostic-radiology.json`, {
      headers: { "accept-encoding": "br" },
    });
    expect(data.headers.get("cache-control")).toBe("no-cache");
    await data.arrayBuffer();
  });

  it("fills the offline cache without downloading again a file the page has loaded", async () => {
    hits.length = 0;
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${base}/`);
    await p
      .getByRole("button", { name: /Non-US IMG/ })
      .first()
      .waitFor();
    const active = await p.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then((r) => r.active?.state ?? "none"),
        new Promise<string>((resolve) => setTimeout(() => resolve("timeout"), 20_000)),
      ]),
    );
    expect(active).toMatch(/^activat/);
    await context.close();
    const full = hits.filter((h) => h.method === "GET" && h.status === 200);
    const twice = [...new Set(full.map((h) => h.path))].filter(
      (path) => path !== "/" && full.filter((h) => h.path === path).length > 1,
    );
    expect(twice).toEqual([]);
    // The catalog's part the page loaded was asked for twice (page, then worker) and sent once.
    const catalog = hits.filter((h) => h.path === "/data/catalog/diagnostic-radiology.json");
    expect(catalog.map((h) => h.status).sort()).toEqual([200, 304]);
    expect(catalog.find((h) => h.status === 304)?.bytes).toBe(0);
  }, 60_000);
});
