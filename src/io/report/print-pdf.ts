/**
 * Prints an HTML document to PDF in headless Chromium (playwright-core, the system's Chromium:
 * `CHROMIUM_PATH`, else /usr/bin/chromium). The HTML is loaded with `setContent`, so nothing is
 * fetched; the PDF is tagged (accessible, with extractable text) and carries a document outline
 * from the headings. IO: launches a browser process, so it lives at the edge, not in the core.
 *
 * playwright-core is loaded on the first print, not with this module: loading it costs about 80 MB
 * of memory (measured), which a server that never prints a PDF would otherwise hold for its life.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-quic",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
] as const;

export interface PrintOptions {
  /** Defaults to CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
  /** Milliseconds to wait for the browser and the page. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export async function printPdf(html: string, options: PrintOptions = {}): Promise<Buffer> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? chromiumPath(),
    args: [...CHROMIUM_ARGS],
    timeout,
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: "load", timeout });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({
      format: "Letter",
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#6b7280">MatchPlan report · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await browser.close();
  }
}
