import { connect } from "node:net";
import { performance } from "node:perf_hooks";

/**
 * A lean HTTP/1.1 load generator for `npm run bench:load`: keep-alive connections, each with one
 * request in flight (as autocannon's default), requests encoded to bytes once before the run,
 * and responses read only as far as their status line and length: the body is counted and
 * dropped, never parsed or kept. The load generator runs on the same cores as the server, so
 * every millisecond it spends on a 40–200 KB answer is one the server does not get; autocannon
 * hands every response to an HTTP parser and its body to callbacks (0.3–1.1 ms of CPU per plan
 * response, measured), this reads a few hundred header bytes.
 *
 * What it measures is what autocannon measures: a request's latency runs from writing its
 * first byte to reading its last; throughput counts the responses completed within the
 * duration; any status outside 2xx is an error, and so is a request unanswered after
 * `timeoutMs` (its connection is replaced) or a connection that fails or closes mid-answer.
 * Bodies are framed by `Content-Length` or chunked transfer coding; a response that says
 * `Connection: close` is read to its end and the connection replaced.
 */
export interface LoadOptions {
  /** The server's origin: `http://host:port`. */
  url: string;
  connections: number;
  durationSeconds: number;
  /** The next request's bytes (`encodeRequest`); called once per request sent. */
  next: () => Buffer;
  /** Requests per second across all connections; unpaced when absent. */
  ratePerSecond?: number;
  /** A request unanswered this long counts as a timeout; autocannon's default. */
  timeoutMs?: number;
  /** Told of each response completed within the duration: when (`performance.now()`) and its latency, in ms. */
  onResponse?: (atMs: number, latencyMs: number) => void;
}

export interface LoadResult {
  /** Responses completed within the duration, of any status. */
  requests: number;
  perSecond: number;
  /** Milliseconds, over the responses completed within the duration. */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  /** Connections that failed or closed with a request unanswered. */
  errors: number;
  timeouts: number;
  /** Response bytes read (head and body). */
  bytes: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Bytes read from a socket at a time: Node's own read size for TCP. */
const READ_BUFFER_BYTES = 64 * 1024;
const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");

/** One request as the bytes to write: the request line, Host, the headers given, Content-Length when there is a body. */
export function encodeRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Buffer {
  const host = new URL(url).host;
  const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (payload) lines.push(`content-length: ${payload.length}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
  return payload ? Buffer.concat([head, payload]) : head;
}

/** Where a response's body ends, as read so far: a known number of bytes, chunked coding, or the connection's end. */
type Framing =
  | { kind: "length"; remaining: number }
  | { kind: "chunked"; state: "size" | "data" | "data-crlf" | "trailer"; remaining: number; line: Buffer }
  | { kind: "close" };

/**
 * Reads responses from a stream of bytes, one after another: `feed` takes each chunk as it
 * arrives and calls `done(status)` at the end of each response. Exported for its tests.
 */
export class ResponseReader {
  private head: Buffer | null = null;
  private framing: Framing | null = null;
  private status = 0;
  /** The response being read asked for the connection to close after it. */
  closeAfter = false;

  constructor(private readonly done: (status: number) => void) {}

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.framing !== null) {
        at = this.readBody(chunk, at);
        continue;
      }
      // Reading the head: it is small, so joining its pieces costs little.
      const rest = chunk.subarray(at);
      const before = this.head?.length ?? 0;
      const joined = this.head ? Buffer.concat([this.head, rest]) : rest;
      const end = joined.indexOf(HEAD_END, Math.max(0, before - HEAD_END.length + 1));
      if (end === -1) {
        this.head = Buffer.from(joined);
        return;
      }
      this.head = null;
      at += end + HEAD_END.length - before;
      this.startBody(joined.toString("latin1", 0, end));
      const f = this.framing as Framing | null;
      if (f?.kind === "length" && f.remaining === 0) this.finish();
    }
  }

  /** The connection ended: a response framed by the connection's end is complete. */
  end(): boolean {
    if (this.framing?.kind === "close") {
      this.finish();
      return true;
    }
    return false;
  }

  private startBody(head: string): void {
    // "HTTP/1.1 200 OK": the status is the three digits after the first space.
    this.status = Number(head.slice(head.indexOf(" ") + 1, head.indexOf(" ") + 4));
    const lower = head.toLowerCase();
    this.closeAfter = /\r\nconnection:\s*close/.test(lower);
    const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    if (/\r\ntransfer-encoding:[^\r]*chunked/.test(lower))
      this.framing = { kind: "chunked", state: "size", remaining: 0, line: Buffer.alloc(0) };
    else if (length) this.framing = { kind: "length", remaining: Number(length[1]) };
    else if (this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200))
      this.framing = { kind: "length", remaining: 0 };
    else this.framing = { kind: "close" };
  }

  private finish(): void {
    this.framing = null;
    this.done(this.status);
  }

  /** Consumes body bytes from `chunk` at `at`; returns where the next response starts (or the chunk's end). */
  private readBody(chunk: Buffer, at: number): number {
    const f = this.framing as Framing;
    if (f.kind === "close") return chunk.length;
    if (f.kind === "length") {
      const take = Math.min(f.remaining, chunk.length - at);
      f.remaining -= take;
      if (f.remaining === 0) this.finish();
      return at + take;
    }
    // Chunked: size line, data, CRLF, … a zero size, then trailer lines up to an empty one.
    while (at < chunk.length) {
      if (f.state === "data") {
        const take = Math.min(f.remaining, chunk.length - at);
        f.remaining -= take;
        at += take;
        if (f.remaining === 0) {
          f.state = "data-crlf";
          f.line = Buffer.alloc(0);
        }
        continue;
      }
      // A line's CR may end one chunk and its LF start the next.
      if (f.line.length > 0 && f.line[f.line.length - 1] === 0x0d && chunk[at] === 0x0a) {
        const text = f.line.toString("latin1", 0, f.line.length - 1);
        f.line = Buffer.alloc(0);
        at += 1;
        if (this.chunkLine(f, text)) return at;
        continue;
      }
      const eol = chunk.indexOf(CRLF, at);
      const piece = chunk.subarray(at, eol === -1 ? chunk.length : eol);
      const line = f.line.length > 0 ? Buffer.concat([f.line, piece]) : piece;
      if (eol === -1) {
        f.line = Buffer.from(line);
        return chunk.length;
      }
      at = eol + CRLF.length;
      f.line = Buffer.alloc(0);
      if (this.chunkLine(f, line.toString("latin1"))) return at;
    }
    return at;
  }

  /** One line of chunked coding read; true when it ended the response. */
  private chunkLine(f: Extract<Framing, { kind: "chunked" }>, text: string): boolean {
    if (f.state === "data-crlf") {
      f.state = "size";
      return false;
    }
    if (f.state === "size") {
      const size = Number.parseInt(text.split(";")[0] ?? "", 16);
      if (size === 0) f.state = "trailer";
      else {
        f.state = "data";
        f.remaining = size;
      }
      return false;
    }
    // Trailer: an empty line ends the response.
    if (text !== "") return false;
    this.finish();
    return true;
  }
}

/** Runs the load and resolves with its figures once the duration is over. */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const { hostname, port } = new URL(opts.url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let bytes = 0;
  let sent = 0;
  let running = true;
  /** Each connection's way to stop: its socket destroyed, its timers cleared. */
  const stops = new Set<() => void>();
  const started = performance.now();
  const endsAt = started + opts.durationSeconds * 1000;
  const within = () => performance.now() <= endsAt;

  const open = (): void => {
    if (!running) return;
    // Every read lands in one buffer per connection, reused: no allocation per read.
    const socket = connect({
      host: hostname,
      port: Number(port),
      noDelay: true,
      onread: {
        buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
        callback: (n: number, buf: Uint8Array) => {
          bytes += n;
          reader.feed((buf as Buffer).subarray(0, n));
          return true;
        },
      },
    });
    let sentAt = 0;
    let waiting = false;
    let timer: NodeJS.Timeout | undefined;
    let pace: NodeJS.Timeout | undefined;
    let closed = false;
    const stop = () => {
      closed = true;
      clearTimeout(timer);
      clearTimeout(pace);
      stops.delete(stop);
      socket.destroy();
    };
    stops.add(stop);
    /** Ends this connection and opens another in its place. */
    const replace = () => {
      if (closed) return;
      stop();
      open();
    };
    const reader = new ResponseReader((status) => {
      const now = performance.now();
      waiting = false;
      clearTimeout(timer);
      if (now <= endsAt) {
        latencies.push(now - sentAt);
        opts.onResponse?.(now, now - sentAt);
        if (status < 200 || status > 299) non2xx++;
      }
      if (reader.closeAfter) replace();
      else send();
    });
    const send = () => {
      if (!running || closed) return;
      // Paced: the k-th request of the run goes no sooner than k ÷ rate seconds after the start.
      if (opts.ratePerSecond !== undefined) {
        const wait = started + (sent / opts.ratePerSecond) * 1000 - performance.now();
        if (wait > 0) {
          pace = setTimeout(send, wait);
          return;
        }
      }
      sent++;
      waiting = true;
      timer = setTimeout(() => {
        if (within()) timeouts++;
        replace();
      }, timeoutMs);
      sentAt = performance.now();
      socket.write(opts.next());
    };
    socket.on("connect", send);
    socket.on("error", () => {
      // Counted when the connection closes, below.
    });
    socket.on("close", () => {
      if (closed || !running) return;
      if (reader.end()) return replace();
      if (waiting && within()) errors++;
      replace();
    });
  };

  for (let i = 0; i < opts.connections; i++) open();
  return new Promise((resolve) => {
    setTimeout(() => {
      running = false;
      for (const stop of [...stops]) stop();
      const seconds = (performance.now() - started) / 1000;
      const sorted = Float64Array.from(latencies).sort();
      const q = (p: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
      resolve({
        requests: sorted.length,
        perSecond: sorted.length / seconds,
        latency: {
          p50: q(0.5),
          p90: q(0.9),
          p99: q(0.99),
          max: sorted[sorted.length - 1] ?? Number.NaN,
          mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
        },
        non2xx,
        errors,
        timeouts,
        bytes,
      });
    }, opts.durationSeconds * 1000);
  });
}
