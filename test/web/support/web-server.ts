import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What the browser tests run against: the web app built into web/dist (built here when it is
 * missing or older than its sources) served by the real server from src/server — or, while the
 * server is not there, by a tiny static server, in which case saving is not available.
 */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const webDist = join(repoRoot, "web/dist");

function newest(paths: string[]): number {
  let t = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  for (const p of paths) visit(p);
  return t;
}

/** Builds web/dist with `npm run build:web` when it is missing or older than anything it is built from. */
export function ensureWebBuilt(): { built: boolean } {
  const index = join(webDist, "index.html");
  // The page bundles the core and the examples, and the data files are built from data/.
  const sources = [
    "web/src",
    "web/index.html",
    "web/vite.config.ts",
    "scripts/build-web-data.ts",
    "src/core",
    "src/io",
    "examples",
    "data/sources.yaml",
    "data/specialties.yaml",
    "data/rules",
    "data/facts",
    "data/model",
    "data/catalog/programs.json",
  ].map((p) => join(repoRoot, p));
  if (existsSync(index) && statSync(index).mtimeMs >= newest(sources)) return { built: false };
  // vitest sets NODE_ENV=test, which Vite would honour with a development build (no service worker).
  execFileSync("npm", ["run", "--silent", "build:web"], {
    cwd: repoRoot,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
  return { built: true };
}

export interface RunningServer {
  baseUrl: string;
  /** "api": the real server (saved plans work); "static": web/dist only. */
  kind: "api" | "static";
  stop: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

function staticServer(root: string): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        kind: "static",
        stop: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

const STOP_GRACE_MS = 3_000;

/** Spawns `src/server/main.ts` on a free port with a fresh embedded store; resolves when it listens. */
function apiServer(): Promise<RunningServer> {
  const storeDir = mkdtempSync(join(tmpdir(), "matchplan-web-store-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      MATCHPLAN_DATA_DIR_STORE: storeDir,
      MATCHPLAN_WEB_DIR: webDist,
      RATE_LIMIT_PER_MINUTE: "0",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        rmSync(storeDir, { recursive: true, force: true });
        resolve();
        return;
      }
      // The server finishes requests in flight on SIGTERM; a browser's idle keep-alive sockets can
      // hold that open until its grace period ends, so after a short wait the test stops it hard.
      const hard = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      child.once("exit", () => {
        clearTimeout(hard);
        if (process.env.MATCHPLAN_WEB_TEST_DEBUG) process.stderr.write(stderr);
        rmSync(storeDir, { recursive: true, force: true });
        resolve();
      });
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the server did not start within 60 s:\n${stderr}`));
    }, 60_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ baseUrl: `http://127.0.0.1:${m[1]}`, kind: "api", stop });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code}:\n${stderr}`));
    });
  });
}

/** The real server when src/server is there (MATCHPLAN_WEB_TEST_STATIC=1 forces the static one). */
export function startServer(): Promise<RunningServer> {
  const api = existsSync(join(repoRoot, "src/server/main.ts")) && !process.env.MATCHPLAN_WEB_TEST_STATIC;
  return api ? apiServer() : staticServer(webDist);
}
