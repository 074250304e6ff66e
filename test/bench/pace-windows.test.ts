import { describe, expect, it } from "vitest";
import { type Completion, paceWindows } from "../../bench/pace-windows.ts";

/**
 * A closed loop of `connections`, each sending again as soon as its answer arrives, served at
 * `rateAt(t)` responses per second: every response takes connections ÷ rate (Little's law).
 */
function closedLoop(seconds: number, connections: number, rateAt: (ms: number) => number): Completion[] {
  const out: Completion[] = [];
  for (let at = 0; at < seconds * 1000; ) {
    const rate = rateAt(at);
    out.push({ at, latencyMs: (connections / rate) * 1000 });
    at += 1000 / rate;
  }
  return out;
}

describe("the load bench's pace windows", () => {
  it("finds the tail in the slow windows when the whole machine slows", () => {
    // 400 req/s, except two seconds (eight windows, fewer than a quarter of them) at 250 req/s.
    const trace = closedLoop(12, 50, (ms) => (Math.floor(ms / 1000) % 6 === 1 ? 250 : 400));
    const pace = paceWindows(trace);
    expect(pace).not.toBeNull();
    if (!pace) return;
    expect(pace.windows).toBe(47);
    expect(pace.slowestInSlowQuarter).toBe(1);
    // The slow quarter is the eight slow windows (200 ms each) and three at 125 ms.
    expect(pace.latencyByQuarter.slow.meanMs).toBeGreaterThan(170);
    expect(pace.latencyByQuarter.slow.meanMs).toBeLessThan(200);
    expect(pace.latencyByQuarter.fast.meanMs).toBeCloseTo(125, 6);
    expect(pace.latencyByQuarter.slow.perSecond).toBeLessThan(pace.latencyByQuarter.fast.perSecond);
    expect(pace.perSecond.min).toBe(248);
    expect(pace.perSecond.max).toBe(400);
    // Every response in a window takes the same time.
    expect(pace.withinWindow).toBeCloseTo(1, 6);
  });

  it("does not tie the tail to the pace when single requests stall at a steady pace", () => {
    // A steady 400 req/s; every 97th response takes three times as long.
    const trace = closedLoop(12, 50, () => 400).map((c, i) =>
      i % 97 === 0 ? { ...c, latencyMs: c.latencyMs * 3 } : c,
    );
    const pace = paceWindows(trace);
    expect(pace).not.toBeNull();
    if (!pace) return;
    // Every window serves the same number, so the slow quarter is just the earliest windows.
    expect(pace.perSecond.min).toBe(pace.perSecond.max);
    expect(pace.slowestInSlowQuarter).toBeLessThan(0.4);
    // Windows holding a stalled request stand out from their own mean.
    expect(pace.withinWindow).toBeGreaterThan(1);
  });

  it("has shares and ratios within their bounds whatever the trace", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 50; trial++) {
      const trace = closedLoop(3 + Math.floor(rand() * 10), 50, () => 100 + rand() * 400).map((c) => ({
        ...c,
        latencyMs: c.latencyMs * (0.5 + rand()),
      }));
      const pace = paceWindows(trace);
      if (!pace) continue;
      expect(pace.slowestInSlowQuarter).toBeGreaterThanOrEqual(0);
      expect(pace.slowestInSlowQuarter).toBeLessThanOrEqual(1);
      expect(pace.withinWindow).toBeGreaterThanOrEqual(1);
      expect(pace.perSecond.min).toBeLessThanOrEqual(pace.perSecond.max);
      expect(pace.latencyByQuarter.slow.perSecond).toBeLessThanOrEqual(pace.latencyByQuarter.fast.perSecond);
    }
  });

  it("says nothing about a trace too short for four windows", () => {
    expect(paceWindows([])).toBeNull();
    expect(paceWindows(closedLoop(0.9, 50, () => 400))).toBeNull();
  });
});
