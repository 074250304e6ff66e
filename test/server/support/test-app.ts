import { repositoryProgramData } from "../../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../../src/io/load-rulebook.ts";
import { createApp } from "../../../src/server/app.ts";
import type { ServerConfig } from "../../../src/server/config.ts";
import { openStore } from "../../../src/store/open-store.ts";
import type { Store } from "../../../src/store/store.ts";

/** The date the test apps take as today, so results do not move with the calendar. */
export const TODAY = "2026-06-01";

/** A store for routes that must not touch storage: any use fails the test. */
export const unusedStore: Store = {
  kind: "pglite",
  create: () => Promise.reject(new Error("the store was not expected to be used")),
  get: () => Promise.reject(new Error("the store was not expected to be used")),
  update: () => Promise.reject(new Error("the store was not expected to be used")),
  updateTracker: () => Promise.reject(new Error("the store was not expected to be used")),
  delete: () => Promise.reject(new Error("the store was not expected to be used")),
  deleteNotOpenedSince: () => Promise.reject(new Error("the store was not expected to be used")),
  ready: async () => true,
  close: async () => {},
};

/** Time allowed for an embedded database to start: a few seconds alone, more with other test files running. */
export const STORE_START_MS = 60_000;

/** The embedded database in memory (a few seconds to start: one per test file). */
export const memoryStore = () => openStore({ kind: "pglite", dataDir: null });

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** Every line the app logged. */
  lines: string[];
}

export function testApp(
  opts: {
    store?: Store;
    config?: Partial<ServerConfig>;
    clock?: () => Date;
    printPdf?: (html: string) => Promise<Buffer>;
  } = {},
): TestApp {
  const lines: string[] = [];
  const app = createApp({
    rulebook: repositoryRulebook(),
    programData: repositoryProgramData(),
    store: opts.store ?? unusedStore,
    config: {
      corsOrigins: [],
      rateLimitPerMinute: 0,
      trustProxy: [],
      webDir: "/nonexistent/web/dist",
      ...opts.config,
    },
    clock: opts.clock ?? (() => new Date(`${TODAY}T12:00:00Z`)),
    log: (line) => lines.push(line),
    ...(opts.printPdf ? { printPdf: opts.printPdf } : {}),
  });
  return { app, lines };
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely, field by field.
  body: any;
  text: string;
}

/** Sends a request in-process; a body that is not a string is sent as JSON. */
export async function send(
  app: TestApp["app"],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "content-type": "application/json", ...headers };
  }
  const res = await app.request(path, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed, text };
}
