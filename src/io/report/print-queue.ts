/**
 * A bounded queue in front of the PDF printer: at most `concurrency` prints at once and at most
 * `queueLength` waiting, first come first served. Each print starts a headless browser (about a
 * second of a core and a few hundred MB), so an unbounded queue lets a burst of requests pile up
 * minutes of waiting (issue 11: ten at once, the last waited 11.8 s) and hold every connection
 * open meanwhile. A request that finds the queue full is refused at once, as a value carrying how
 * long the work ahead of it should take, so the caller can answer 503 with `Retry-After`.
 */
export type Printer = (html: string) => Promise<Buffer>;

export interface PrintQueueLimits {
  /** Prints running at once (each is a browser process). */
  concurrency: number;
  /** Requests allowed to wait for a free printer; 0 = none wait. */
  queueLength: number;
}

export type Admission =
  | { accepted: true; pdf: Promise<Buffer> }
  | { accepted: false; retryAfterSeconds: number };

/** Assumed duration of a print before any was measured: a browser start plus a page, "a second or two" (docs/api.md). */
const FIRST_ESTIMATE_MS = 2_000;
/** Weight of the latest print in the running mean: recent prints count most, one slow print does not dominate. */
const LATEST_WEIGHT = 0.25;
const MS_PER_SECOND = 1_000;

export class PrintQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private meanMs = FIRST_ESTIMATE_MS;

  constructor(
    private readonly print: Printer,
    private readonly limits: PrintQueueLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limits.concurrency >= 1) || !(limits.queueLength >= 0))
      throw new Error("a print queue needs at least one printer and a queue length of zero or more");
  }

  /** Starts or queues the print, or refuses it when the queue is full. */
  submit(html: string): Admission {
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.queueLength)
      return { accepted: false, retryAfterSeconds: this.secondsToDrain() };
    return { accepted: true, pdf: this.run(html) };
  }

  /** Prints running and waiting now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async run(html: string): Promise<Buffer> {
    // Either a printer is free, or wait until a finishing print hands its place over.
    if (this.running < this.limits.concurrency) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    const started = this.now();
    try {
      return await this.print(html);
    } finally {
      this.meanMs += LATEST_WEIGHT * (this.now() - started - this.meanMs);
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Whole seconds until the prints running and waiting now should be done (at least 1). */
  private secondsToDrain(): number {
    const ahead = this.running + this.waiting.length;
    return Math.max(1, Math.ceil((ahead / this.limits.concurrency) * (this.meanMs / MS_PER_SECOND)));
  }
}
