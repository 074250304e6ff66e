import { describe, expect, it } from "vitest";
import {
  DEFAULT_PDF_QUEUE,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  loadServerConfig,
} from "./config.ts";

const where = { cwd: "/srv/app", repoRoot: "/repo" };
const load = (env: Record<string, string>) => loadServerConfig(env, where);

describe("server configuration", () => {
  it("needs no settings: port 8080, the embedded store in .matchplan-data, CORS off, writes limited", () => {
    const r = load({});
    expect(r.ok && r.value).toEqual({
      port: DEFAULT_PORT,
      host: undefined,
      store: { kind: "pglite", dataDir: "/srv/app/.matchplan-data" },
      corsOrigins: [],
      rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
      trustProxy: false,
      webDir: "/repo/web/dist",
      pdfQueue: DEFAULT_PDF_QUEUE,
    });
  });

  it("reads the PDF queue's bounds", () => {
    const r = load({ PDF_CONCURRENCY: "2", PDF_QUEUE_LENGTH: "0" });
    expect(r.ok && r.value.pdfQueue).toEqual({ concurrency: 2, queueLength: 0 });
  });

  it("switches to PostgreSQL when DATABASE_URL is set, and reads the other settings", () => {
    const r = load({
      PORT: "9090",
      DATABASE_URL: "postgres://app:pw@db.internal:5432/matchplan",
      CORS_ORIGINS: "https://a.example.org, http://localhost:5173",
      RATE_LIMIT_PER_MINUTE: "0",
      TRUST_PROXY: "true",
      MATCHPLAN_DATA_DIR_STORE: "/var/lib/matchplan",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.port).toBe(9090);
    expect(r.value.store).toEqual({ kind: "postgres", url: "postgres://app:pw@db.internal:5432/matchplan" });
    expect(r.value.corsOrigins).toEqual(["https://a.example.org", "http://localhost:5173"]);
    expect(r.value.rateLimitPerMinute).toBe(0);
    expect(r.value.trustProxy).toBe(true);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["PORT", "80.5"],
    ["DATABASE_URL", "not a url"],
    ["DATABASE_URL", "mysql://db/x"],
    ["CORS_ORIGINS", "https://a.example.org/path"],
    ["CORS_ORIGINS", "*"],
    ["RATE_LIMIT_PER_MINUTE", "lots"],
    ["TRUST_PROXY", "maybe"],
    ["PDF_CONCURRENCY", "0"],
    ["PDF_CONCURRENCY", "many"],
    ["PDF_QUEUE_LENGTH", "-1"],
    ["PDF_QUEUE_LENGTH", "2.5"],
  ])("names %s when it is %j", (name, value) => {
    const r = load({ [name]: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual([name]);
    expect(r.issues[0]?.message).not.toContain("\n");
  });

  it("never repeats a database password in its messages", () => {
    const r = load({ DATABASE_URL: "mysql://app:hunter2@db/x" });
    expect(JSON.stringify(r)).not.toContain("hunter2");
  });

  it("reports every bad setting at once", () => {
    const r = load({ PORT: "x", TRUST_PROXY: "x" });
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(["PORT", "TRUST_PROXY"]);
  });
});
