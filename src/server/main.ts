import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { formatIssue } from "../core/issues.ts";
import { repositoryProgramData } from "../io/load-program-data.ts";
import { repositoryRulebook } from "../io/load-rulebook.ts";
import { openStore } from "../store/open-store.ts";
import { startRetention } from "../store/retention.ts";
import { StoreOpenError } from "../store/sql-database.ts";
import { createApp } from "./app.ts";
import { computeWorkersFrom } from "./compute/compute-config.ts";
import { type Compute, ComputePool, WORKER_RESOURCE_LIMITS } from "./compute/compute-pool.ts";
import { shareComputeData } from "./compute/worker-data.ts";
import { loadServerConfig } from "./config.ts";

/**
 * `npm start`: check the configuration, load the data, start the compute workers, open the
 * store (migrating it), serve, and on SIGTERM or SIGINT stop accepting connections, finish what
 * is in flight and close the store and the workers. A bad setting or an unreachable database
 * stops the start with one line naming the setting and exit code 2; anything else unexpected
 * exits 1.
 */
const EXIT = { ok: 0, failed: 1, badConfig: 2 } as const;
const SHUTDOWN_GRACE_MS = 10_000;
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadServerConfig(process.env, { cwd: process.cwd(), repoRoot });
  if (!config.ok) {
    for (const issue of config.issues) say(`matchplan server: ${formatIssue(issue)}`);
    process.exit(EXIT.badConfig);
  }
  const cfg = config.value;
  const workers = computeWorkersFrom(process.env);
  if (!workers.ok) {
    for (const issue of workers.issues) say(`matchplan server: ${formatIssue(issue)}`);
    process.exit(EXIT.badConfig);
  }
  const rulebook = repositoryRulebook();
  const programData = repositoryProgramData();
  // The workers start while the store opens; a worker that cannot start fails the start.
  const computeStarting: Promise<Compute | undefined> =
    workers.value > 0
      ? ComputePool.start({
          size: workers.value,
          workerData: shareComputeData(rulebook, programData),
          resourceLimits: WORKER_RESOURCE_LIMITS,
          onWorkerExit: (reason) =>
            process.stdout.write(
              `${JSON.stringify({ time: new Date().toISOString(), level: "error", error: "ComputeWorkerExit", reason })}\n`,
            ),
        })
      : Promise.resolve(undefined);
  // Awaited after the store opens; handled now so a failure is not reported as unhandled meanwhile.
  computeStarting.catch(() => {});

  const started = performance.now();
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(cfg.store, { limits: cfg.planLimits });
  } catch (e) {
    if (e instanceof StoreOpenError) {
      say(`matchplan server: ${e.setting}: ${e.message}`);
      process.exit(EXIT.badConfig);
    }
    throw e;
  }
  const storeMs = Math.round(performance.now() - started);
  let compute: Compute | undefined;
  try {
    compute = await computeStarting;
  } catch (e) {
    await store.close();
    throw e;
  }

  const version = (
    JSON.parse(readFileSync(new URL("package.json", `file://${repoRoot}`), "utf8")) as { version: string }
  ).version;
  const app = createApp({
    rulebook,
    programData,
    store,
    config: cfg,
    version,
    ...(compute ? { compute } : {}),
  });
  // Plans nobody opened within PLAN_RETENTION_DAYS go now and then hourly; a sweep that fails
  // (the database is away) is tried again at the next one.
  const retention = startRetention(store, {
    days: cfg.planRetentionDays,
    onSwept: (n) => {
      if (n > 0)
        say(`matchplan server: deleted ${n} saved plans not opened for ${cfg.planRetentionDays} days`);
    },
    onError: (e) => say(`matchplan server: retention sweep failed: ${(e as Error).name}`),
  });
  const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, (info) => {
    const where = cfg.store.kind === "postgres" ? "PostgreSQL" : `embedded PGlite in ${cfg.store.dataDir}`;
    say(
      `matchplan server: listening on http://${urlHost(cfg.host)}:${info.port} (interface ${cfg.host}; store: ${where}, opened in ${storeMs} ms; compute: ${workers.value > 0 ? `${workers.value} worker threads` : "in the server thread"}; web app: ${cfg.webDir})`,
    );
  });
  server.on("error", (e: NodeJS.ErrnoException) => {
    const setting = e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND" ? "HOST" : "PORT";
    say(
      `matchplan server: ${setting}: cannot listen on ${cfg.host} port ${cfg.port}: ${e.code === "EADDRINUSE" ? "the port is in use" : e.message}`,
    );
    void retention
      .stop()
      .then(() => Promise.all([store.close(), compute?.close()]))
      .finally(() => process.exit(EXIT.badConfig));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`matchplan server: ${signal}: finishing requests in flight, then closing the store`);
    const force = setTimeout(() => {
      say("matchplan server: requests still open after the grace period; closing anyway");
      process.exit(EXIT.failed);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      retention
        .stop()
        .then(() => Promise.all([store.close(), compute?.close()]))
        .then(() => {
          say("matchplan server: stopped");
          process.exit(EXIT.ok);
        })
        .catch(() => process.exit(EXIT.failed));
    });
    // Keep-alive connections with no request in flight would hold `close` open.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** The host to put in the printed URL: `localhost` when this machine reaches the server that way. */
function urlHost(host: string): string {
  if (["127.0.0.1", "::1", "localhost", "0.0.0.0", "::"].includes(host)) return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

main().catch((e: Error) => {
  say(`matchplan server: failed to start: ${e.message}`);
  process.exit(EXIT.failed);
});
