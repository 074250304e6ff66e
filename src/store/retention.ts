import type { Store } from "./store.ts";

/**
 * Retention: plans nobody has opened for `days` are deleted — once at start, then every
 * `everyMs`. Each instance sweeps on its own; sweeps over one PostgreSQL are idempotent, so
 * several instances need no coordination. A sweep that fails (the database is away) is
 * reported and tried again at the next tick; the server keeps serving either way.
 */
export interface RetentionOptions {
  days: number;
  /** The clock; the real one in production. */
  now?: () => number;
  everyMs?: number;
  /** Told how many plans each sweep deleted. */
  onSwept?: (deleted: number) => void;
  onError?: (err: unknown) => void;
}

const DAY_MS = 86_400_000;
/**
 * An hour: a plan deleted up to an hour after its time harms no one, and each sweep then has
 * at most an hour's worth of plans to delete.
 */
export const RETENTION_SWEEP_EVERY_MS = 3_600_000;

export interface Retention {
  /** Stops the sweeps and waits for one in flight, so the store can be closed after it. */
  stop(): Promise<void>;
  /** The sweep in flight, if any (tests wait on it). */
  idle(): Promise<void>;
}

export function startRetention(store: Store, opts: RetentionOptions): Retention {
  const now = opts.now ?? Date.now;
  let running: Promise<void> = Promise.resolve();
  if (opts.days <= 0) return { stop: async () => {}, idle: () => running };
  const sweep = () => {
    running = running.then(async () => {
      try {
        const deleted = await store.deleteNotOpenedSince(new Date(now() - opts.days * DAY_MS));
        opts.onSwept?.(deleted);
      } catch (e) {
        opts.onError?.(e);
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, opts.everyMs ?? RETENTION_SWEEP_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    idle: () => running,
  };
}
