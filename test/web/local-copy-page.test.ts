import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KEPT_PREFIX } from "../../web/src/local-copy.ts";
import { type BrowserSession, browserSession } from "./support/browser-session.ts";
import { repoRoot } from "./support/web-server.ts";

/**
 * The work the page keeps in this browser, in headless Chromium: a plan with an edited list
 * survives a reload as an offer (never shown unasked), opens as it was, and is gone once
 * discarded or once the applicant stops keeping work here; work set aside for a linked plan, and
 * the work of two tabs, are each kept under a key of their own.
 */
const session = browserSession();
const errors = session.errors;
let page: Page;
let server: BrowserSession["server"];
beforeAll(() => {
  page = session.page;
  server = session.server;
});

const text = async (selector: string) => (await page.locator(selector).innerText()).trim();
interface Kept {
  specialty: string;
  planned: boolean;
  saved: { id: string } | null;
  edits: { removed: string[] };
  tracker: { invited?: boolean }[];
}
/** Every work this browser keeps, as stored (one key each). */
const keptWorks = (on: Page = page): Promise<Kept[]> =>
  on.evaluate((prefix) => {
    const out: Kept[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? "";
      if (key.startsWith(prefix)) out.push(JSON.parse(localStorage.getItem(key) ?? "null"));
    }
    return out;
  }, KEPT_PREFIX);
/** Until the page has written its work (it waits a moment after the last change). */
const keptMatching = (test: (works: Kept[]) => boolean, on: Page = page) =>
  expect.poll(async () => test(await keptWorks(on)), { timeout: 10_000 }).toBe(true);
const oneRemoved = (w: Kept) => w.specialty === "diagnostic-radiology" && w.edits.removed.length === 1;

/**
 * Plans the non-US IMG example, removes its first program and waits until the page has kept that
 * edit; returns the list's length before the removal.
 */
async function planExampleAndRemoveOne(on: Page = page): Promise<number> {
  await on.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
  await on.locator("#list-count").waitFor();
  await on.locator("#tab-programs").click();
  const before = Number((await on.locator("#list-count").innerText()).trim());
  await removeFirst(on);
  await keptMatching((ws) => ws.some(oneRemoved), on);
  return before;
}

/** Removes the list's first program and waits until the count shows it. */
async function removeFirst(on: Page = page): Promise<void> {
  const before = Number((await on.locator("#list-count").innerText()).trim());
  await on
    .locator("#program-table tbody tr")
    .first()
    .getByRole("button", { name: /Remove/ })
    .click();
  await expect
    .poll(async () => Number((await on.locator("#list-count").innerText()).trim()))
    .toBe(before - 1);
}

/** A saved plan made through the API, as someone else would share it: its id. */
async function savedPlanOf(example: string, specialty: string): Promise<string> {
  const profile = JSON.parse(readFileSync(join(repoRoot, "examples", example), "utf8"));
  const made = await fetch(`${server.baseUrl}/api/v1/plans`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ profile, specialty }),
  });
  expect(made.status).toBe(201);
  return ((await made.json()) as { id: string }).id;
}

describe("the work kept in this browser", () => {
  let count = 0;

  it("keeps a plan and its edited list, and after a reload offers it without showing it", async () => {
    await page.goto(`${server.baseUrl}/`);
    expect(await page.locator("#kept-offer").count()).toBe(0);
    expect(await page.locator("#keep-local").isChecked()).toBe(true);
    count = await planExampleAndRemoveOne();

    await page.reload();
    await page.locator("#kept-offer").waitFor();
    expect(await text("#kept-offer")).toMatch(/Diagnostic Radiology: a plan/);
    expect(await page.locator(".kept-work").count()).toBe(1);
    // The plan is not on screen until asked for: the next person at a shared computer sees an offer.
    expect(await page.locator("#list-count").count()).toBe(0);
  });

  it("opens the kept work as it was: the same plan, the removed program still removed", async () => {
    await page.locator(".kept-open").first().click();
    await page.locator("#list-count").waitFor();
    expect(Number(await text("#list-count"))).toBe(count - 1);
    expect(await page.locator("#kept-offer").count()).toBe(0);
    expect(await text("#keep-note")).toMatch(/open/);
    // Moved into this page's own key, not copied: one work kept, not two.
    await page.waitForTimeout(1_000);
    expect((await keptWorks()).filter(oneRemoved)).toHaveLength(1);
  });

  it("discards it when asked, and keeps nothing once the applicant stops keeping work here", async () => {
    await page.reload();
    await page.locator(".kept-discard").first().click();
    expect(await page.locator("#kept-offer").count()).toBe(0);
    await keptMatching((ws) => ws.length === 0);
    expect(await text("#keep-note")).toMatch(/discarded/);
    // New work is kept again after the choice.
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    await page.locator("#list-count").waitFor();
    await keptMatching((ws) => ws.length === 1);
    await page.locator("#keep-local").uncheck();
    expect(await keptWorks()).toEqual([]);
    await page.reload();
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).waitFor();
    expect(await page.locator("#kept-offer").count()).toBe(0);
    expect(await page.locator("#keep-local").isChecked()).toBe(false);
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    await page.locator("#list-count").waitFor();
    await page.waitForTimeout(1_000);
    expect(await keptWorks()).toEqual([]);
  });

  it("keeps unsaved work aside when a link to another saved plan is followed, keeps the linked plan's changes too, and offers each", async () => {
    await page.locator("#keep-local").check();
    await page.reload();
    count = await planExampleAndRemoveOne();
    // Someone else's saved plan, opened by its link in the same tab.
    const id = await savedPlanOf("us-md-im.json", "internal-medicine");
    await page.evaluate((planId) => {
      location.hash = `#/plan/${planId}`;
    }, id);
    await page.getByText(/Opened the saved plan/).waitFor();
    await page.locator("#kept-offer").waitFor();
    expect(await text("#kept-offer")).toMatch(/Diagnostic Radiology: a plan/);
    // Saved through the API with no programs chosen: it opens on the planner's list, not an empty one.
    expect(await text("#save-status")).toMatch(/no chosen programs yet, so the list shown is the planner's/);
    expect(Number(await text("#list-count"))).toBeGreaterThan(0);
    // The linked plan's own changes are kept as well, beside the unsaved work, not over it.
    await page.locator("#tab-programs").click();
    await removeFirst();
    await keptMatching(
      (ws) =>
        ws.length === 2 &&
        ws.some((w) => oneRemoved(w) && w.saved === null && w.planned) &&
        ws.some(
          (w) => w.specialty === "internal-medicine" && w.saved?.id === id && w.edits.removed.length === 1,
        ),
    );
    // Opening the unsaved work sets the linked plan's aside in turn: it is offered back.
    await page.getByRole("button", { name: /^Open it: Diagnostic Radiology/ }).click();
    await expect.poll(async () => Number(await text("#list-count"))).toBe(count - 1);
    expect(await text("#kept-offer")).toMatch(/Internal Medicine: a plan, a saved plan's link/);
    expect(await text("#keep-note")).toMatch(/what was on the page is kept too/);
    await page.getByRole("button", { name: /^Discard it: Internal Medicine/ }).click();
    expect(await page.locator("#kept-offer").count()).toBe(0);
    await keptMatching((ws) => ws.length === 1 && oneRemoved(ws[0] as Kept));
  });

  it("keeps the work of two tabs apart: neither writes over the other, and each is offered in the other", async () => {
    const second = await session.context.newPage();
    try {
      await second.goto(`${server.baseUrl}/`);
      // The first tab's work is already offered in the second.
      await second.locator("#kept-offer").waitFor();
      await second.getByRole("button", { name: /US MD senior with a home program/ }).click();
      await second.locator("#list-count").waitFor();
      // (The US MD headline, while here: its own kind's medians, and why its standing is provisional.)
      expect(await second.locator("#score-comparison").innerText()).toMatch(/matched US MD seniors' median/);
      expect(await second.locator("#provisional-why").innerText()).toMatch(
        /^Standing is provisional: no cited/,
      );
      await second.locator("#tab-programs").click();
      await removeFirst(second);
      await keptMatching(
        (ws) =>
          ws.length === 2 &&
          ws.some(oneRemoved) &&
          ws.some((w) => w.specialty === "internal-medicine" && w.edits.removed.length === 1),
      );
      // A change in the first tab rewrites only its own work.
      await removeFirst();
      await keptMatching(
        (ws) =>
          ws.length === 2 &&
          ws.some((w) => w.specialty === "diagnostic-radiology" && w.edits.removed.length === 2),
      );
      // The second tab's work shows up in the first tab's offers without a reload.
      await expect.poll(() => page.locator(".kept-work").count()).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("keeps the season's tracker, and opening the kept work over a tracker already shown brings its rows back", async () => {
    await page.locator("#keep-local").uncheck();
    await page.locator("#keep-local").check();
    await page.reload();
    count = await planExampleAndRemoveOne();
    await page.reload();
    await page.locator(".kept-open").first().click();
    await page.locator("#list-count").waitFor();
    await page.locator("#tab-season").click();
    const invited = page.locator("#tracker input[type=checkbox][aria-label$=': invited']").first();
    await invited.waitFor();
    const label = (await invited.getAttribute("aria-label")) ?? "";
    await invited.check();
    await keptMatching((ws) => ws.some((w) => w.tracker.some((e) => e.invited)));
    await page.reload();
    // Another plan first, with its (empty) tracker shown; then the kept work is opened over it.
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    await page.locator("#tab-season").click();
    await page.locator("#tracker").waitFor();
    expect(await page.getByLabel(label, { exact: true }).isChecked()).toBe(false);
    await page.locator(".kept-open").first().click();
    await page.locator("#tab-season").click();
    await expect.poll(() => page.getByLabel(label, { exact: true }).isChecked()).toBe(true);
  });

  it("caused no page error", () => {
    expect(errors).toEqual([]);
  });
});
