import { describe, expect, it } from "vitest";
import {
  DEFAULT_HOST,
  DEFAULT_PDF_QUEUE,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  loadServerConfig,
} from "./config.ts";

const where = { cwd: "/srv/app", repoRoot: "/repo" };
const load = (env: Record<string, string>) => loadServerConfig(env, where);

describe("server configuration", () => {
  it("needs no settings: port 8080 on this machine only, the embedded store in .matchplan-data, CORS off, writes limited, no proxy trusted", () => {
    const r = load({});
    expect(DEFAULT_HOST).toBe("127.0.0.1");
    expect(r.ok && r.value).toEqual({
      port: DEFAULT_PORT,
      host: "127.0.0.1",
      store: { kind: "pglite", dataDir: "/srv/app/.matchplan-data" },
      corsOrigins: [],
      rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
      trustProxy: [],
      planLimits: { perClient: 50, total: 50_000 },
      planRetentionDays: 180,
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
      TRUST_PROXY: "10.1.2.3, 172.16.0.0/12,::1, ::ffff:192.168.0.0/112, 2001:db8:0:0:1::/64",
      HOST: "0.0.0.0",
      PLANS_PER_CLIENT: "5",
      PLANS_TOTAL: "0",
      PLAN_RETENTION_DAYS: "30",
      MATCHPLAN_DATA_DIR_STORE: "/var/lib/matchplan",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.port).toBe(9090);
    expect(r.value.store).toEqual({ kind: "postgres", url: "postgres://app:pw@db.internal:5432/matchplan" });
    expect(r.value.corsOrigins).toEqual(["https://a.example.org", "http://localhost:5173"]);
    expect(r.value.rateLimitPerMinute).toBe(0);
    expect(r.value.trustProxy).toEqual([
      "10.1.2.3/32",
      "172.16.0.0/12",
      "::1/128",
      "192.168.0.0/16",
      "2001:db8::/64",
    ]);
    expect(r.value.host).toBe("0.0.0.0");
    expect(r.value.planLimits).toEqual({ perClient: 5, total: 0 });
    expect(r.value.planRetentionDays).toBe(30);
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
    ["TRUST_PROXY", "10.0.0.0/33"],
    ["TRUST_PROXY", "10.0.0.1,"],
    ["TRUST_PROXY", "010.0.0.1"],
    ["TRUST_PROXY", "2001:db8::1::2"],
    ["HOST", "http://0.0.0.0"],
    ["HOST", "a host"],
    ["PLANS_PER_CLIENT", "-1"],
    ["PLANS_PER_CLIENT", "many"],
    ["PLANS_TOTAL", "1e6"],
    ["PLAN_RETENTION_DAYS", "half a year"],
    ["PLAN_RETENTION_DAYS", "99999999"],
  ])("names %s when it is %j", (name, value) => {
    const r = load({ [name]: value });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual([name]);
    expect(r.issues[0]?.message).not.toContain("\n");
  });

  it("refuses the old TRUST_PROXY=true, which believed X-Forwarded-For from anyone, saying what to write instead", () => {
    for (const value of ["true", "1"]) {
      const r = load({ TRUST_PROXY: value });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.issues[0]?.path).toBe("TRUST_PROXY");
      expect(r.issues[0]?.message).toMatch(/no longer accepted/);
      expect(r.issues[0]?.message).toContain("127.0.0.1,::1");
    }
    // false meant "no proxy" and still does.
    for (const value of ["false", "0"]) {
      const r = load({ TRUST_PROXY: value });
      expect(r.ok && r.value.trustProxy).toEqual([]);
    }
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
