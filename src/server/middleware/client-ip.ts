import type { Context } from "hono";

/**
 * Who a request comes from, as the key of one allowance (rate limit, saved-plan quota).
 *
 * The address: the socket's peer, unless that peer is one of the trusted proxies (TRUST_PROXY,
 * addresses or CIDR ranges). Then X-Forwarded-For is read from the right — each proxy appends
 * the address it received the request from — skipping trusted proxies, and the first address
 * that is not one is the client; entries further left were written by that client and may be
 * forged. An entry that is not an address stops the walk at the proxy that wrote it. A peer
 * that is not trusted is the client whatever the header says, so nobody can choose their own key.
 *
 * The key: one client however it reaches us. An IPv4 address written as IPv6 (`::ffff:a.b.c.d`,
 * as a dual-stack socket reports it) is that IPv4 address; every loopback address (127.0.0.0/8,
 * ::1) is one client, this machine; an IPv6 address counts by its /64, the prefix one
 * subscriber is given (RFC 6177 recommends at least a /64 per site; a single host commonly holds a
 * whole /64 and can pick any address in it). Not modelled: several people behind one IPv4
 * address (carrier-grade NAT) share an allowance, and a subscriber given a /48 has 65,536 keys.
 * Requests made in-process (tests) have no socket and are the one client "local".
 */

type Ip = { v: 4; bytes: number[] } | { v: 6; bytes: number[] };

const V4_BITS = 32;
const V6_BITS = 128; // not a score: bits in an IPv6 address
/** Bytes of the IPv6 prefix that makes one client: a /64. */
const V6_CLIENT_PREFIX_BYTES = 8;

/** `a.b.c.d` with each part a decimal byte and no leading zeros (which some parsers read as octal). */
function parseV4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b <= 0xff) ? bytes : null;
}

/** RFC 4291 §2.2 text forms: eight groups, `::` once, an IPv4 tail; a zone (`%eth0`) is dropped. */
function parseV6(text: string): number[] | null {
  const s = text.replace(/%[\w.-]+$/, "");
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseV4(p);
        if (!v4) return null;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(Number.parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail].flatMap((g) => [g >> 8, g & 0xff]);
}

/** An address, with IPv4-mapped IPv6 (`::ffff:a.b.c.d`) turned into the IPv4 address it is. */
export function parseIp(text: string): Ip | null {
  const v4 = parseV4(text);
  if (v4) return { v: 4, bytes: v4 };
  const v6 = parseV6(text);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { v: 4, bytes: v6.slice(12) } : { v: 6, bytes: v6 };
}

function format(ip: Ip): string {
  if (ip.v === 4) return ip.bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) =>
    (((ip.bytes[2 * i] as number) << 8) | (ip.bytes[2 * i + 1] as number)).toString(16),
  );
  // The longest run of two or more zero groups becomes `::` (RFC 5952 §4.2).
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.len).join(":")}`;
}

interface Range {
  ip: Ip;
  bits: number;
}

function parseRange(text: string): Range | null {
  const [addr = "", bitsText, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const max = ip.v === 4 ? V4_BITS : V6_BITS;
  if (bitsText === undefined) return { ip, bits: max };
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  // `::ffff:10.0.0.0/104` is 10.0.0.0/8: the mapped prefix's 96 bits go.
  const bits = Number(bitsText) - (ip.v === 4 && addr.includes(":") ? V6_BITS - V4_BITS : 0);
  return bits >= 0 && bits <= max ? { ip, bits } : null;
}

function inRange(ip: Ip, r: Range): boolean {
  if (ip.v !== r.ip.v) return false;
  for (let bit = 0; bit < r.bits; bit += 8) {
    const take = Math.min(8, r.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((ip.bytes[bit / 8] as number) & mask) !== ((r.ip.bytes[bit / 8] as number) & mask)) return false;
  }
  return true;
}

/**
 * A TRUST_PROXY entry (an address or a CIDR range) in one canonical form — `10.0.0.0/8`,
 * `127.0.0.1/32`, `2001:db8::/32` — with host bits cleared; null when it is neither.
 */
export function canonicalRange(text: string): string | null {
  const r = parseRange(text);
  if (!r) return null;
  const bytes = r.ip.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, r.bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return `${format({ v: r.ip.v, bytes } as Ip)}/${r.bits}`;
}

const LOOPBACK: Range[] = [parseRange("127.0.0.0/8"), parseRange("::1")].filter(
  (r): r is Range => r !== null,
);

/** The allowance key of an address (see the header); the text itself when it is not an address. */
export function clientKey(address: string): string {
  const ip = parseIp(address);
  if (!ip) return address;
  if (LOOPBACK.some((r) => inRange(ip, r))) return "loopback";
  if (ip.v === 4) return format(ip);
  const prefix = [
    ...ip.bytes.slice(0, V6_CLIENT_PREFIX_BYTES),
    ...Array<number>(16 - V6_CLIENT_PREFIX_BYTES).fill(0),
  ];
  return `${format({ v: 6, bytes: prefix })}/64`;
}

/** An X-Forwarded-For entry may carry a port (`1.2.3.4:5678`, `[2001:db8::1]:443`). */
function forwardedAddress(entry: string): Ip | null {
  const e = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(e);
  if (bracketed) return parseIp(bracketed[1] as string);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(e);
  return parseIp(v4WithPort ? (v4WithPort[1] as string) : e);
}

const parsedLists = new WeakMap<readonly string[], Range[]>();
function rangesOf(trusted: readonly string[]): Range[] {
  let ranges = parsedLists.get(trusted);
  if (!ranges) {
    ranges = trusted.map(parseRange).filter((r): r is Range => r !== null);
    parsedLists.set(trusted, ranges);
  }
  return ranges;
}

/** The client's address as described above: the peer, or the right-most untrusted X-Forwarded-For entry. */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trusted: readonly string[],
): string {
  const ranges = rangesOf(trusted);
  const isTrusted = (ip: Ip) => ranges.some((r) => inRange(ip, r));
  let hop = parseIp(peer);
  if (!hop || !isTrusted(hop) || !forwardedFor) return hop ? format(hop) : peer;
  const entries = forwardedFor.split(",");
  for (let i = entries.length - 1; i >= 0; i--) {
    const next = forwardedAddress(entries[i] as string);
    if (!next) break;
    hop = next;
    if (!isTrusted(hop)) break;
  }
  return format(hop);
}

/** The allowance key of the request's client (see the header). */
export function clientIp(c: Context, trustProxy: readonly string[]): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress;
  if (!peer) return "local";
  return clientKey(clientAddress(peer, c.req.header("x-forwarded-for"), trustProxy));
}
