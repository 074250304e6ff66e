import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, browserSession } from "./support/browser-session.ts";

/**
 * The season's tracker on the page, in headless Chromium: as of mid-December, a non-US IMG's DR
 * list with no invitation recorded reads lower than the plan and raises the SOAP note; eight
 * invitations read higher. Every figure is the core's (`trackSeason`); the page only renders.
 * A spreadsheet's CSV with an unknown program and a bad date is imported with both reported by
 * line. Saved with the plan, the tracker comes back when the private link is opened.
 */
const session = browserSession();
const errors = session.errors;
let server: BrowserSession["server"];
let page: Page;
beforeAll(() => {
  server = session.server;
  page = session.page;
});

const rows = () => page.locator("#tracker-table tbody tr");

async function recordApplied(n: number, invited: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const row = rows().nth(i);
    await row.locator('input[type="date"]').first().fill("2026-09-03");
    const box = row.getByRole("checkbox", { name: /invited$/ });
    if ((await box.isChecked()) !== i < invited) await box.click();
  }
}

const pointsOf = async () => {
  const change = await page.locator("#season-change").innerText();
  const m = /([+−])([\d.]+) points/.exec(change);
  if (!m) throw new Error(`no change in "${change}"`);
  return (m[1] === "−" ? -1 : 1) * Number(m[2]);
};

describe("the season's tracker on the page", () => {
  it("reads no invitation by mid-December as lower odds with the SOAP note, and eight invitations as higher, each explained", async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel("Plan as of", { exact: true }).fill("2026-12-15");
    await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
    // The tracker is one of the plan's sections, shown once its link in the section menu is followed.
    await page.locator("#tab-season").click();
    await page.locator("#tracker-table").waitFor();
    expect(await rows().count()).toBeGreaterThanOrEqual(10);
    // The season's engine and data are fetched when the section is first shown: until they arrive
    // the panel says it is loading, so the test waits for the loaded text rather than reading once.
    await page.locator("#tracker-empty", { hasText: /Record at least one application/ }).waitFor();

    const n = Math.min(30, await rows().count());
    await recordApplied(n, 0);
    await page.locator("#season-report").waitFor();
    expect(await pointsOf()).toBeLessThan(0);
    expect(await page.locator("#season-pmatch").innerText()).toMatch(/% \(range [\d.]+%–[\d.]+%\)/);
    expect(await page.locator("#season-explanation").innerText()).toMatch(
      /fewer invitations than your plan expected/,
    );
    expect(await page.locator("#season-soap").innerText()).toMatch(/prepare for SOAP/);
    expect(await page.locator("#season-report").innerText()).toMatch(/By state: unknown/);
    expect(await page.locator("#season-apply-more").innerText()).toMatch(/no longer helps|still reading/);

    await recordApplied(n, 8);
    await expect.poll(pointsOf).toBeGreaterThan(0);
    expect(await page.locator("#season-explanation").innerText()).toMatch(/stronger than the plan assumed/);
    expect(await page.locator("#season-soap").innerText()).toMatch(/no SOAP preparation is needed yet/);
    // DR starts at PGY-2: the figures are the plan's joint chance with the PGY-1 year, and the SOAP note says so.
    expect(await page.locator("#season-explanation").innerText()).toMatch(
      /advanced position and a PGY-1 year together/,
    );
    expect(await page.locator("#season-soap").innerText()).toMatch(
      /supplemental PGY-1 list gives a [\d.]+% chance/,
    );
  }, 90_000);

  it("shows the core's problem by the program's row: a rank without an interview", async () => {
    const row = rows().nth(12);
    await row.getByRole("spinbutton").fill("1");
    await row.getByRole("spinbutton").blur();
    await page.locator("#tracker-issues").waitFor();
    expect(await row.locator(".field-error").innerText()).toMatch(
      /only programs that interviewed you can be ranked/,
    );
    expect(await row.getByRole("spinbutton").getAttribute("aria-invalid")).toBe("true");
    await row.getByRole("spinbutton").fill("");
    await row.getByRole("spinbutton").blur();
    await page.locator("#season-report").waitFor();
  });

  it("imports a spreadsheet with an unknown program and a bad date: both reported by line, the rest kept", async () => {
    const nameOf = async (i: number) =>
      ((await rows().nth(i).locator("th").innerText()).split("\n")[0] ?? "").trim().replace(/"/g, '""');
    const csv = [
      "Program,Date applied,Invited,Interview date,Notes",
      `"${await nameOf(0)}",2026-09-03,yes,2027-01-12,from my sheet`,
      "Unknown Program Of Nowhere,2026-09-03,,,",
      `"${await nameOf(1)}",2026-09-31,,,bad date`,
    ].join("\r\n");
    await page
      .locator("#tracker-import")
      .setInputFiles({ name: "sheet.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const issues = page.locator("#tracker-import-issues");
    await issues.waitFor();
    const text = await issues.innerText();
    expect(text).toMatch(/line 3/);
    expect(text).toMatch(/line 4/);
    const kept = rows().nth(0);
    expect(await kept.locator('input[type="text"]').inputValue()).toBe("from my sheet");
    // The bad date is left empty and kept in the notes, so nothing typed is lost.
    expect(await rows().nth(1).locator('input[type="text"]').inputValue()).toMatch(/Applied: 2026-09-31/);
    expect(await kept.locator('input[type="date"]').nth(1).inputValue()).toBe("2027-01-12");
    expect(errors).toEqual([]);
  });
});
