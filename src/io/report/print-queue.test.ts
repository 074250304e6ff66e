import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Admission, PrintQueue } from "./print-queue.ts";

/** A printer whose prints finish only when the test says so, in any order. */
function gatedPrinter() {
  const pending: Array<{ html: string; finish: (ok: boolean) => void }> = [];
  let running = 0;
  let most = 0;
  const print = (html: string) =>
    new Promise<Buffer>((resolve, reject) => {
      running++;
      most = Math.max(most, running);
      pending.push({
        html,
        finish: (ok) => {
          running--;
          if (ok) resolve(Buffer.from(`pdf of ${html}`));
          else reject(new Error("printer failed"));
        },
      });
    });
  return { print, pending, most: () => most };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const accepted = (a: Admission) => {
  if (!a.accepted) throw new Error("expected the print to be accepted");
  return a.pdf;
};

describe("PrintQueue", () => {
  it("runs at most `concurrency` prints, queues up to `queueLength`, and refuses the rest with a wait", async () => {
    const p = gatedPrinter();
    const q = new PrintQueue(p.print, { concurrency: 2, queueLength: 1 });
    const a = accepted(q.submit("a"));
    const b = accepted(q.submit("b"));
    const c = accepted(q.submit("c"));
    const refused = q.submit("d");
    expect(refused.accepted).toBe(false);
    if (!refused.accepted) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(q.load).toEqual({ running: 2, waiting: 1 });
    await settle();
    expect(p.pending.map((x) => x.html)).toEqual(["a", "b"]);
    p.pending[1]?.finish(true);
    expect((await b).toString()).toBe("pdf of b");
    await settle();
    // c took b's place; the queue has room again.
    expect(p.pending.map((x) => x.html)).toEqual(["a", "b", "c"]);
    expect(q.load).toEqual({ running: 2, waiting: 0 });
    const e = accepted(q.submit("e"));
    p.pending[0]?.finish(true);
    p.pending[2]?.finish(true);
    await settle();
    p.pending[3]?.finish(true);
    expect((await Promise.all([a, c, e])).map(String)).toEqual(["pdf of a", "pdf of c", "pdf of e"]);
    expect(p.most()).toBe(2);
    expect(q.load).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the place of a print that failed", async () => {
    const p = gatedPrinter();
    const q = new PrintQueue(p.print, { concurrency: 1, queueLength: 0 });
    const a = accepted(q.submit("a"));
    expect(q.submit("b").accepted).toBe(false);
    await settle();
    p.pending[0]?.finish(false);
    await expect(a).rejects.toThrow("printer failed");
    expect(q.load).toEqual({ running: 0, waiting: 0 });
    expect(q.submit("c").accepted).toBe(true);
  });

  it("says to retry after the work ahead should be done, from the prints it measured", async () => {
    let now = 0;
    const p = gatedPrinter();
    const q = new PrintQueue(p.print, { concurrency: 1, queueLength: 1 }, () => now);
    for (let i = 0; i < 20; i++) {
      const pdf = accepted(q.submit(`warm ${i}`));
      await settle();
      now += 10_000;
      p.pending.at(-1)?.finish(true);
      await pdf;
    }
    accepted(q.submit("running"));
    accepted(q.submit("waiting"));
    const refused = q.submit("refused");
    // Prints have taken ~10 s each and two are ahead: about 20 s.
    expect(refused).toEqual({ accepted: false, retryAfterSeconds: expect.any(Number) });
    if (!refused.accepted) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(19);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(21);
    }
  });

  it("never exceeds its bounds, and answers every accepted print, whatever the order prints finish in", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.oneof(fc.constant("submit" as const), fc.nat({ max: 5 })), { maxLength: 40 }),
        async (concurrency, queueLength, steps) => {
          const p = gatedPrinter();
          const q = new PrintQueue(p.print, { concurrency, queueLength });
          const answers: Array<Promise<Buffer>> = [];
          const finished = new Set<number>();
          for (const step of steps) {
            if (step === "submit") {
              const a = q.submit(`job ${answers.length}`);
              const { running, waiting } = q.load;
              expect(running).toBeLessThanOrEqual(concurrency);
              expect(waiting).toBeLessThanOrEqual(queueLength);
              if (a.accepted) answers.push(a.pdf);
            } else {
              const open = p.pending.map((_, i) => i).filter((i) => !finished.has(i));
              const pick = open[step % Math.max(1, open.length)];
              if (pick !== undefined) {
                finished.add(pick);
                p.pending[pick]?.finish(true);
              }
            }
            await settle();
          }
          // Finish everything still printing or waiting.
          while (finished.size < answers.length) {
            await settle();
            p.pending.forEach((x, i) => {
              if (!finished.has(i)) {
                finished.add(i);
                x.finish(true);
              }
            });
          }
          expect(await Promise.all(answers)).toHaveLength(answers.length);
          expect(p.most()).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 50 },
    );
  });
});
