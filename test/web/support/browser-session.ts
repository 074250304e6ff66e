import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../../src/io/report/print-pdf.ts";
import { ensureWebBuilt, type RunningServer, startServer } from "./web-server.ts";

export interface BrowserSession {
  server: RunningServer;
  context: BrowserContext;
  /** One page, opened with the context; its uncaught errors go to `errors`. */
  page: Page;
  errors: string[];
}

/**
 * The real server and a headless Chromium with a profile of its own (so `localStorage` and the
 * service worker are this file's alone), started before the calling test file's tests and
 * stopped, with the profile removed, after them. Read the fields inside tests: they are set once
 * `beforeAll` has run.
 */
export function browserSession(viewport = { width: 1280, height: 900 }): BrowserSession {
  const session = { errors: [] as string[] } as BrowserSession;
  let profileDir = "";
  beforeAll(async () => {
    const executablePath = chromiumPath();
    if (!existsSync(executablePath))
      throw new Error(`Chromium not found at ${executablePath}; run under scripts/with-test-services.sh`);
    ensureWebBuilt();
    session.server = await startServer();
    profileDir = mkdtempSync(join(tmpdir(), "matchplan-chromium-"));
    session.context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      args: [...CHROMIUM_ARGS],
      headless: true,
      viewport,
    });
    session.page = await session.context.newPage();
    session.page.on("pageerror", (e) => session.errors.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await session.context?.close();
    await session.server?.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }, 30_000);
  return session;
}
