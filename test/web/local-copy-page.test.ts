import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_COPY_KEY } from "../../web/src/local-copy.ts";
import { type BrowserSession, browserSession } from "./support/browser-session.ts";
import { repoRoot } from "./support/web-server.ts";

/**
 * The work the page keeps in this browser, in headless Chromium: a plan with an edited list
 * survives a reload as an offer (never shown unasked), opens as it was, and is gone once
 * discarded or once the applicant stops keeping work here.
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
const kept = () => page.evaluate((key) => localStorage.getItem(key), LOCAL_COPY_KEY);
/** Until the page has written its copy (it waits a moment after the last change). */
const keptMatching = (test: (copy: string | null) => boolean) =>
  expect.poll(async () => test(await kept()), { timeout: 10_000 }).toBe(true);

/**
 * Plans the non-US IMG example, removes its first program and waits until the page has kept that
 * edit; returns the list's length before the removal.
 */
async function planExampleAndRemoveOne(): Promise<number> {
  await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
  await page.locator("#list-count").waitFor();
  await page.locator("#tab-programs").click();
  const before = Number(await text("#list-count"));
  await page
    .locator("#program-table tbody tr")
    .first()
    .getByRole("button", { name: /Remove/ })
    .click();
  await expect.poll(async () => Number(await text("#list-count"))).toBe(before - 1);
  await keptMatching((c) => c !== null && JSON.parse(c).edits.removed.length === 1);
  return before;
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
    // The plan is not on screen until asked for: the next person at a shared computer sees an offer.
    expect(await page.locator("#list-count").count()).toBe(0);
  });

  it("opens the kept work as it was: the same plan, the removed program still removed", async () => {
    await page.locator("#kept-open").click();
    await page.locator("#list-count").waitFor();
    expect(Number(await text("#list-count"))).toBe(count - 1);
    expect(await page.locator("#kept-offer").count()).toBe(0);
    expect(await text("#keep-note")).toMatch(/open/);
  });

  it("discards it when asked, and keeps nothing once the applicant stops keeping work here", async () => {
    await page.reload();
    await page.locator("#kept-discard").click();
    expect(await page.locator("#kept-offer").count()).toBe(0);
    await keptMatching((c) => c === null);
    // New work is kept again after the choice.
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    await page.locator("#list-count").waitFor();
    await keptMatching((c) => c !== null);
    await page.locator("#keep-local").uncheck();
    expect(await kept()).toBeNull();
    await page.reload();
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).waitFor();
    expect(await page.locator("#kept-offer").count()).toBe(0);
    expect(await page.locator("#keep-local").isChecked()).toBe(false);
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    await page.locator("#list-count").waitFor();
    await page.waitForTimeout(1_000);
    expect(await kept()).toBeNull();
  });

  it("keeps unsaved work aside when a link to another saved plan is followed, and offers it back", async () => {
    await page.locator("#keep-local").check();
    await page.reload();
    count = await planExampleAndRemoveOne();
    // Someone else's saved plan, opened by its link in the same tab.
    const example = JSON.parse(readFileSync(join(repoRoot, "examples/us-md-im.json"), "utf8"));
    const made = await fetch(`${server.baseUrl}/api/v1/plans`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ profile: example, specialty: "internal-medicine" }),
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    await page.evaluate((planId) => {
      location.hash = `#/plan/${planId}`;
    }, id);
    await page.getByText(/Opened the saved plan/).waitFor();
    await page.locator("#kept-offer").waitFor();
    expect(await text("#kept-offer")).toMatch(/Diagnostic Radiology: a plan/);
    // The unsaved work is still the kept copy, however long the linked plan stays open.
    await page.waitForTimeout(1_000);
    const copy = JSON.parse((await kept()) ?? "null");
    expect(copy).toMatchObject({ specialty: "diagnostic-radiology", planned: true, saved: null });
    expect(copy.edits.removed).toHaveLength(1);
    await page.locator("#kept-open").click();
    await expect.poll(async () => Number(await text("#list-count"))).toBe(count - 1);
  });

  it("keeps the season's tracker, and opening the kept work over a tracker already shown brings its rows back", async () => {
    await page.reload();
    await page.locator("#kept-open").click();
    await page.locator("#list-count").waitFor();
    await page.locator("#tab-season").click();
    const invited = page.locator("#tracker input[type=checkbox][aria-label$=': invited']").first();
    await invited.waitFor();
    const label = (await invited.getAttribute("aria-label")) ?? "";
    await invited.check();
    await keptMatching(
      (c) => c !== null && JSON.parse(c).tracker.some((e: { invited?: boolean }) => e.invited),
    );
    await page.reload();
    // Another plan first, with its (empty) tracker shown; then the kept work is opened over it.
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    await page.locator("#tab-season").click();
    await page.locator("#tracker").waitFor();
    expect(await page.getByLabel(label, { exact: true }).isChecked()).toBe(false);
    await page.locator("#kept-open").click();
    await page.locator("#tab-season").click();
    await expect.poll(() => page.getByLabel(label, { exact: true }).isChecked()).toBe(true);
  });

  it("caused no page error", () => {
    expect(errors).toEqual([]);
  });
});
