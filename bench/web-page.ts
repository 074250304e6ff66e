import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../src/io/report/print-pdf.ts";
import { ensureWebBuilt, startServer, webDist } from "../test/web/support/web-server.ts";

/**
 * The page's figures of issue 14, each printed with its target and PASS or MISS (never failing:
 * the machine's speed is not the code's): the JavaScript a first visit loads, gzip; the time from
 * opening the page to the first plan shown (an example chosen as soon as it can be), on
 * localhost; and the same under Chromium's throttling (DevTools protocol: 1.6 Mbps down, 750 kbps
 * up, 150 ms round trip, the CPU 4× slower), with the time until the form can be used. Each
 * visit is cold: a new browser context, no HTTP cache, no service worker.
 * `npx tsx bench/web-page.ts` runs it alone; `npm run bench` runs it with the rest.
 */
const JS_GZIP_TARGET_KB = 200;
const LOCAL_TARGET_MS = 1_000;
const THROTTLED_TARGET_MS = 3_000;
/** Slow 4G as Lighthouse and the issue define it: bytes per second and milliseconds. */
const THROTTLE = {
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  latency: 150,
  cpuSlowdown: 4,
};
const RUNS = 3;

const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The scripts index.html loads at start (its module entry and preloads), as sent gzip-compressed. */
function startupJsGzip(): { files: string[]; bytes: number } {
  const html = readFileSync(join(webDist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const bytes = files.reduce((sum, f) => {
    const path = join(webDist, f);
    return (
      sum +
      (existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(readFileSync(path)).length)
    );
  }, 0);
  return { files, bytes };
}

async function firstPlan(
  browser: Browser,
  url: string,
  throttled: boolean,
): Promise<{ formMs: number; planMs: number }> {
  const context = await browser.newContext({
    serviceWorkers: "block",
    viewport: { width: 1366, height: 900 },
  });
  try {
    const page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: THROTTLE.latency,
        downloadThroughput: THROTTLE.downloadThroughput,
        uploadThroughput: THROTTLE.uploadThroughput,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE.cpuSlowdown });
    }
    const t0 = performance.now();
    await page.goto(url);
    const example = page.getByRole("button", { name: /Non-US IMG/ }).first();
    await example.waitFor({ timeout: 60_000 });
    const formMs = performance.now() - t0;
    await example.click();
    await page.locator("#list-count").waitFor({ timeout: 60_000 });
    return { formMs, planMs: performance.now() - t0 };
  } finally {
    await context.close();
  }
}

export async function benchWebPage(): Promise<void> {
  ensureWebBuilt();
  const js = startupJsGzip();
  const kb = js.bytes / 1024;
  console.log(
    `page JavaScript at start (${js.files.length} file${js.files.length === 1 ? "" : "s"}), gzip: ${kb.toFixed(0)} KB — target ≤ ${JS_GZIP_TARGET_KB} KB: ${verdict(kb <= JS_GZIP_TARGET_KB)}`,
  );
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
  try {
    const url = `${server.baseUrl}/`;
    await firstPlan(browser, url, false); // warms the server's file reads, not the browser (a new context each run)
    const local: number[] = [];
    for (let i = 0; i < RUNS; i++) local.push((await firstPlan(browser, url, false)).planMs);
    const l = median(local);
    console.log(
      `first plan on localhost (open page → example → plan shown, cold browser cache): median ${l.toFixed(0)} ms of ${RUNS} — target ≤ ${LOCAL_TARGET_MS} ms: ${verdict(l <= LOCAL_TARGET_MS)}`,
    );
    const slow: Array<{ formMs: number; planMs: number }> = [];
    for (let i = 0; i < RUNS; i++) slow.push(await firstPlan(browser, url, true));
    const form = median(slow.map((s) => s.formMs));
    const plan = median(slow.map((s) => s.planMs));
    console.log(
      `first plan throttled (1.6 Mbps, 150 ms RTT, CPU 4× slower): form ready ${form.toFixed(0)} ms, plan shown ${plan.toFixed(0)} ms (medians of ${RUNS}) — target ≤ ${THROTTLED_TARGET_MS} ms: ${verdict(plan <= THROTTLED_TARGET_MS)}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchWebPage();
