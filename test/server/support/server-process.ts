import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * A real server process (`src/server/server-entry.mjs`, as `npm start` runs it) on a free port, for tests
 * that need listening servers: several instances, start-up failures, shutdown on a signal.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to standard error so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface Exited {
  code: number | null;
  stderr: string;
}

function launch(env: Record<string, string>): {
  child: ChildProcess;
  err: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["src/server/server-entry.mjs"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", PORT: "0", RATE_LIMIT_PER_MINUTE: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, err: () => err, exited };
}

/** Starts a server and resolves once it listens; rejects with its output if it exits first. */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const { child, err, exited } = launch(env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${err()}`));
    }, timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(err());
      if (!m) return;
      clearTimeout(timer);
      child.stderr?.off("data", check);
      resolve({
        child,
        url: m[1] as string,
        stderr: err,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stderr?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${err()}`));
    });
  });
}

/** Runs a server that is expected to refuse to start; resolves with its exit code and output. */
export async function failedStart(env: Record<string, string>): Promise<Exited> {
  const { err, exited } = launch(env);
  const code = await exited;
  return { code, stderr: err() };
}
