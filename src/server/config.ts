import { isIP } from "node:net";
import { isAbsolute, resolve } from "node:path";
import { fail, type Issue, ok, type Result } from "../core/issues.ts";
import type { StoreConfig } from "../store/open-store.ts";
import { DEFAULT_PLAN_LIMITS, DEFAULT_PLAN_RETENTION_DAYS, type PlanLimits } from "../store/store.ts";
import { canonicalRange } from "./middleware/client-ip.ts";

/**
 * The server's configuration, read from the environment and checked before anything starts.
 * Every setting has a default, so `npm start` needs none; each problem is an issue whose path is
 * the variable's name, printed on one line.
 */
export interface ServerConfig {
  port: number;
  /** Interface to listen on: this machine only unless HOST names another (`0.0.0.0` or `::` = all). */
  host: string;
  store: StoreConfig;
  /** Exact origins allowed to call the API from a browser; empty = CORS off. */
  corsOrigins: string[];
  /**
   * Token bucket per client IP for every /api request, each taking tokens by its cost: the burst,
   * refilled over a minute; 0 = off.
   */
  rateLimitPerMinute: number;
  /**
   * Proxies whose X-Forwarded-For is believed, as canonical CIDR ranges (`10.0.0.0/8`,
   * `127.0.0.1/32`); empty = the socket's peer is the client.
   */
  trustProxy: string[];
  /** Saved plans allowed per client and in all (0 = no limit). */
  planLimits: PlanLimits;
  /** Days a saved plan may go unopened before it is deleted (0 = kept until deleted). */
  planRetentionDays: number;
  /** The web app's built files, served at `/` when the folder exists. */
  webDir: string;
  /** PDF reports printed at once and waiting; a request beyond both is a 503 with Retry-After. */
  pdfQueue: { concurrency: number; queueLength: number };
}

export const DEFAULT_PORT = 8080;
/**
 * Loopback only: a server started on a laptop is not reachable from the network until someone
 * decides it should be (HOST=0.0.0.0). A container, whose port is published from outside, sets it.
 */
export const DEFAULT_HOST = "127.0.0.1";
const MAX_PORT = 65_535;
export const DEFAULT_STORE_DIR = ".matchplan-data";
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60;
/**
 * One print at a time (each is a browser process of a few hundred MB, on a 2-core machine), and
 * four waiting: at a second or two a print, the last in line waits about ten seconds at most.
 */
export const DEFAULT_PDF_QUEUE = { concurrency: 1, queueLength: 4 } as const;
/** Engineering ceilings that catch a typo (a browser per print; waiting requests hold connections). */
const MAX_PDF_CONCURRENCY = 32;
const MAX_PDF_QUEUE_LENGTH = 10_000;
/** A century: longer than any plan is useful, and a bound so a typo cannot push the cutoff date out of range. */
const MAX_RETENTION_DAYS = 36_525;

type Env = Readonly<Record<string, string | undefined>>;

/** `cwd` resolves relative folders; `repoRoot` is where `web/dist` is looked for by default. */
export function loadServerConfig(env: Env, where: { cwd: string; repoRoot: string }): Result<ServerConfig> {
  const issues: Issue[] = [];
  const set = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };

  const wholeNumber = (name: string, fallback: number, min: number, max: number, what: string): number => {
    const raw = set(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      issues.push({
        code: "out_of_range",
        path: name,
        message: `"${raw}" is not ${what}`,
        allowed: `a whole number from ${min} to ${max}`,
      });
      return fallback;
    }
    return n;
  };

  const port = wholeNumber("PORT", DEFAULT_PORT, 0, MAX_PORT, "a TCP port (0 picks a free one)");
  const rateLimitPerMinute = wholeNumber(
    "RATE_LIMIT_PER_MINUTE",
    DEFAULT_RATE_LIMIT_PER_MINUTE,
    0,
    Number.MAX_SAFE_INTEGER,
    "a number of request tokens per minute (0 turns the limit off)",
  );

  const pdfQueue = {
    concurrency: wholeNumber(
      "PDF_CONCURRENCY",
      DEFAULT_PDF_QUEUE.concurrency,
      1,
      MAX_PDF_CONCURRENCY,
      "a number of PDF reports printed at once",
    ),
    queueLength: wholeNumber(
      "PDF_QUEUE_LENGTH",
      DEFAULT_PDF_QUEUE.queueLength,
      0,
      MAX_PDF_QUEUE_LENGTH,
      "a number of PDF reports allowed to wait (0: none wait)",
    ),
  };
  const planLimits: PlanLimits = {
    perClient: wholeNumber(
      "PLANS_PER_CLIENT",
      DEFAULT_PLAN_LIMITS.perClient,
      0,
      Number.MAX_SAFE_INTEGER,
      "a number of saved plans (0 turns the limit off)",
    ),
    total: wholeNumber(
      "PLANS_TOTAL",
      DEFAULT_PLAN_LIMITS.total,
      0,
      Number.MAX_SAFE_INTEGER,
      "a number of saved plans (0 turns the limit off)",
    ),
  };
  const planRetentionDays = wholeNumber(
    "PLAN_RETENTION_DAYS",
    DEFAULT_PLAN_RETENTION_DAYS,
    0,
    MAX_RETENTION_DAYS,
    "a number of days (0 keeps plans until they are deleted)",
  );

  let store: StoreConfig = {
    kind: "pglite",
    dataDir: absolute(set("MATCHPLAN_DATA_DIR_STORE") ?? DEFAULT_STORE_DIR, where.cwd),
  };
  const url = set("DATABASE_URL");
  if (url !== undefined) {
    const problem = checkDatabaseUrl(url);
    if (problem) issues.push({ code: "invalid_value", path: "DATABASE_URL", ...problem });
    else store = { kind: "postgres", url };
  }

  const corsOrigins: string[] = [];
  for (const origin of (set("CORS_ORIGINS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (isOrigin(origin)) corsOrigins.push(origin);
    else
      issues.push({
        code: "invalid_value",
        path: "CORS_ORIGINS",
        message: `"${origin}" is not an origin`,
        allowed: "comma-separated origins such as https://app.example.org (scheme, host and port; no path)",
      });
  }

  const trustProxy = trustedProxies(set("TRUST_PROXY"), issues);

  const host = set("HOST") ?? DEFAULT_HOST;
  if (isIP(host) === 0 && !HOST_NAME.test(host))
    issues.push({
      code: "invalid_value",
      path: "HOST",
      message: `"${host}" is not an IP address or a host name`,
      allowed: "an interface address such as 127.0.0.1 (this machine only), 0.0.0.0 (all IPv4) or :: (all)",
    });

  const config: ServerConfig = {
    port,
    host,
    store,
    corsOrigins,
    rateLimitPerMinute,
    trustProxy,
    planLimits,
    planRetentionDays,
    webDir: absolute(set("MATCHPLAN_WEB_DIR") ?? resolve(where.repoRoot, "web/dist"), where.cwd),
    pdfQueue,
  };
  return issues.length > 0 ? fail(issues) : ok(config);
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * TRUST_PROXY: the proxies in front of the server, by address or CIDR range, comma-separated.
 * It used to be a boolean that believed X-Forwarded-For from anyone; `true` is now refused with
 * what to write instead (guessing which proxy was meant could trust the wrong one), and `false`
 * still means no proxy.
 */
function trustedProxies(raw: string | undefined, issues: Issue[]): string[] {
  const allowed =
    "comma-separated addresses or CIDR ranges of the proxies that connect to this server, e.g. 127.0.0.1,::1 or 10.0.0.0/8";
  if (raw === undefined || raw === "false" || raw === "0") return [];
  if (raw === "true" || raw === "1") {
    issues.push({
      code: "invalid_value",
      path: "TRUST_PROXY",
      message: `"${raw}" is no longer accepted: it trusted X-Forwarded-For from anyone. Set it to the addresses of your proxies instead (127.0.0.1,::1 for a proxy on this machine)`,
      allowed,
    });
    return [];
  }
  const ranges: string[] = [];
  for (const entry of raw.split(",").map((s) => s.trim())) {
    const range = entry === "" ? null : canonicalRange(entry);
    if (range) ranges.push(range);
    else
      issues.push({
        code: "invalid_value",
        path: "TRUST_PROXY",
        message: `"${entry}" is not an IP address or CIDR range`,
        allowed,
      });
  }
  return ranges;
}

const absolute = (path: string, cwd: string) => (isAbsolute(path) ? path : resolve(cwd, path));

/** Whether a DATABASE_URL can be handed to the PostgreSQL client; the reason when not (never echoing a password). */
function checkDatabaseUrl(url: string): { message: string; allowed: string } | null {
  const allowed = "postgres://user:password@host:5432/database";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { message: "is not a URL", allowed };
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:")
    return { message: `has the scheme "${u.protocol.replace(/:$/, "")}", not postgres`, allowed };
  if (!u.hostname && !u.searchParams.get("host")) return { message: "names no host", allowed };
  return null;
}

function isOrigin(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.origin === value;
  } catch {
    return false;
  }
}
