/**
 * Where a load's slowest requests came from: the machine's pace over time, or single requests.
 *
 * At a fixed number of connections, each waiting for its answer before sending again, the mean
 * latency is connections ÷ throughput (Little's law). When the whole machine slows for a second
 * (a host's other tenants, the engine optimising or collecting), throughput falls and every
 * request in that second waits longer; when single requests stall, a few stand out in windows
 * that are otherwise fast. The responses are cut into windows of `windowMs` by the time each
 * completed, and the slowest 1% are located:
 *
 * - `slowestInSlowQuarter`: the share of the slowest 1% that completed in the quarter of windows
 *   that served the fewest responses. Near 1, the tail is the pace; near 0.25, it is not tied to it.
 * - `latencyByQuarter`: mean latency in the fastest and in the slowest quarter of windows, with
 *   each quarter's throughput.
 * - `withinWindow`: the median, over windows, of a window's slowest response ÷ its mean: how far
 *   single requests stand out from their own second.
 *
 * Windows are whole `windowMs` from the first response; the last, partial one is left out, and a
 * window with no response counts as serving none. Quarters are taken over windows sorted by
 * responses served (ties by start time), each at least one window.
 */
export interface PaceWindows {
  windows: number;
  windowMs: number;
  /** Fewest and most responses in one window, per second. */
  perSecond: { min: number; max: number };
  slowestInSlowQuarter: number;
  latencyByQuarter: {
    fast: { perSecond: number; meanMs: number };
    slow: { perSecond: number; meanMs: number };
  };
  withinWindow: number;
}

/** One completed response: when it completed and how long it took, both in ms. */
export interface Completion {
  at: number;
  latencyMs: number;
}

interface Window {
  index: number;
  latencies: number[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function paceWindows(completions: readonly Completion[], windowMs = 250): PaceWindows | null {
  if (completions.length === 0) return null;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const c of completions) {
    start = Math.min(start, c.at);
    end = Math.max(end, c.at);
  }
  const count = Math.floor((end - start) / windowMs);
  if (count < 4) return null;
  const windows: Window[] = Array.from({ length: count }, (_, index) => ({ index, latencies: [] }));
  for (const c of completions) {
    const i = Math.floor((c.at - start) / windowMs);
    if (i < count) windows[i]?.latencies.push(c.latencyMs);
  }
  const inWindows = windows.flatMap((w) => w.latencies);
  if (inWindows.length === 0) return null;

  const bySpeed = [...windows].sort((a, b) => a.latencies.length - b.latencies.length || a.index - b.index);
  const quarter = Math.max(1, Math.floor(count / 4));
  const slow = bySpeed.slice(0, quarter);
  const fast = bySpeed.slice(count - quarter);
  const slowSet = new Set(slow.map((w) => w.index));

  // The slowest 1% (at least one response), and the windows they completed in.
  const sorted = [...inWindows].sort((a, b) => b - a);
  const tailSize = Math.max(1, Math.floor(sorted.length / 100));
  const threshold = sorted[tailSize - 1] as number;
  let tail = 0;
  let tailInSlow = 0;
  for (const w of windows)
    for (const l of w.latencies)
      if (l >= threshold) {
        tail++;
        if (slowSet.has(w.index)) tailInSlow++;
      }

  const quarterFigures = (ws: readonly Window[]) => {
    const ls = ws.flatMap((w) => w.latencies);
    return {
      perSecond: (ls.length / ws.length) * (1000 / windowMs),
      meanMs: ls.length > 0 ? mean(ls) : Number.NaN,
    };
  };
  const ratios = windows
    .filter((w) => w.latencies.length > 0)
    .map((w) => Math.max(...w.latencies) / mean(w.latencies))
    .sort((a, b) => a - b);
  const perSecond = (w: Window) => w.latencies.length * (1000 / windowMs);
  return {
    windows: count,
    windowMs,
    perSecond: { min: perSecond(bySpeed[0] as Window), max: perSecond(bySpeed[count - 1] as Window) },
    slowestInSlowQuarter: tailInSlow / tail,
    latencyByQuarter: { fast: quarterFigures(fast), slow: quarterFigures(slow) },
    withinWindow: ratios[Math.floor(ratios.length / 2)] as number,
  };
}
