import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../src/io/report/print-pdf.ts";
import { ensureWebBuilt, startServer, webDist } from "../test/web/support/web-server.ts";

/** Web bundle size (gzip) and time to the first plan in headless Chromium; the CLI batch of 10,000 profiles. */
export async function benchWeb(): Promise<void> {
  ensureWebBuilt();
  const assets = join(webDist, "assets");
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(assets).filter((x) => x.endsWith(".js"))) {
    const b = readFileSync(join(assets, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  console.log(
    `web bundle: ${(raw / 1024).toFixed(0)} KB JavaScript, ${(gz / 1024).toFixed(0)} KB gzip (all chunks; target ≤ 200 KB gzip)`,
  );

  // What a first visit downloads: every file the page fetches, as sent to a browser accepting Brotli.
  const sent = (dir: string): { raw: number; br: number } => {
    let r = { raw: 0, br: 0 };
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        const sub = sent(path);
        r = { raw: r.raw + sub.raw, br: r.br + sub.br };
      } else if (!/\.(br|gz)$/.test(e.name)) {
        const size = statSync(path).size;
        r.raw += size;
        r.br += existsSync(`${path}.br`) ? statSync(`${path}.br`).size : size;
      }
    }
    return r;
  };
  const visit = sent(webDist);
  console.log(
    `first visit download (page, scripts, data): ${(visit.raw / 1e6).toFixed(2)} MB raw, ${(visit.br / 1e6).toFixed(2)} MB as sent with Brotli`,
  );

  const server = await startServer();
  const profileDir = mkdtempSync(join(tmpdir(), "matchplan-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      await page.route("**/*", (r) =>
        r.continue({ headers: { ...r.request().headers(), "cache-control": "no-cache" } }),
      );
      const t0 = performance.now();
      await page.goto(`${server.baseUrl}/`);
      await page.getByRole("button", { name: /Non-US IMG, Step 2 CK taken/ }).click();
      await page.locator("#standing").waitFor();
      times.push(performance.now() - t0);
      await page.close();
    }
    times.sort((a, b) => a - b);
    console.log(
      `time to first plan in headless Chromium (open page → example → plan shown): median ${(times[1] ?? Number.NaN).toFixed(0)} ms of 3 (target ≤ 1,500 ms)`,
    );
  } finally {
    await context.close();
    await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

export function benchBatch(count = 10_000): void {
  const dir = mkdtempSync(join(tmpdir(), "matchplan-batch-"));
  try {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      lines.push(
        JSON.stringify({
          applicantType: ["us-md", "do", "us-img", "non-us-img"][i % 4],
          graduationYear: 2012 + (i % 15),
          visa: ["none-needed", "j1", "h1b", "j1-or-h1b"][(i >> 2) % 4],
          step1: { outcome: "pass", attempts: 1 + (i % 7 === 0 ? 1 : 0) },
          step2ck: { score: 205 + (i % 70), attempts: 1 },
          usce: { handsOnMonths: i % 5, observershipMonths: i % 3, specialtyMonths: 0 },
          letters: { total: 3, specialty: i % 4, us: i % 3 },
          preferences: { budgetUsd: 1000 + (i % 40) * 100 },
        }),
      );
    }
    const input = join(dir, "profiles.jsonl");
    writeFileSync(input, `${lines.join("\n")}\n`);
    const t0 = performance.now();
    execFileSync(
      process.execPath,
      [
        "bin/matchplan.js",
        "batch",
        "--in",
        input,
        "--specialty",
        "diagnostic-radiology",
        "--out",
        join(dir, "out.jsonl"),
        "--as-of",
        "2026-11-22",
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    const s = (performance.now() - t0) / 1000;
    console.log(
      `CLI batch, ${count.toLocaleString("en-US")} generated profiles (DR, whole strategy each): ${s.toFixed(1)} s total, ${(count / s).toFixed(0)} rows/s (target ≤ 30 s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
