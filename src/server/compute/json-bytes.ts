/**
 * A computed result as the UTF-8 bytes of its JSON: exactly the bytes of
 * `new TextEncoder().encode(JSON.stringify(value))`, made with less work. A program list is
 * 60–120 KB of JSON, and writing it was about a sixth of a compute worker's time per plan.
 *
 * - The result's top levels (plain objects, down to `MANUAL_DEPTH`) are walked here, and every
 *   value below them is written by `JSON.stringify`. A value met twice is written once and its
 *   text reused, found by identity (plans used to carry their PGY-1 list twice; a result that
 *   shares a sub-object still costs one write of it).
 * - The pieces go straight into one buffer of the right size: a piece that is all ASCII (most of
 *   them) is copied byte for byte, and only the pieces holding other characters are encoded as
 *   UTF-8. `JSON.stringify` of the whole result made one UTF-16 string as soon as a single "–"
 *   appeared, and encoding it read all of it again.
 *
 * Equivalence: the property test in json-bytes.test.ts compares the bytes with
 * `TextEncoder(JSON.stringify)` on generated values (shared references, undefined, non-ASCII,
 * lone surrogates, `toJSON`) and on 400 distinct program lists. Not done: caching the text of
 * catalog objects across requests, as the core builds a fresh object for every program it
 * returns (of a 200 KB plan, 0.6 KB was catalog objects by identity, measured).
 */

/** Levels of plain objects walked here; arrays and anything deeper are one `JSON.stringify` each. Two measured fastest (three makes more pieces than it saves). */
const MANUAL_DEPTH = 2;

/**
 * Where the bytes go: a buffer of at least `bytes` bytes that starts at offset 0 of an ArrayBuffer
 * of its own (so the result can be moved to another thread). By default a new one of exactly that
 * size; a compute worker passes one that reuses buffers the server has finished sending.
 */
export type AllocateBytes = (bytes: number) => Buffer<ArrayBuffer>;

const exactly: AllocateBytes = (bytes) => Buffer.allocUnsafeSlow(bytes);

export function jsonBytes(value: unknown, allocate: AllocateBytes = exactly): Uint8Array<ArrayBuffer> {
  const pieces: string[] = [];
  if (!write(value, "", MANUAL_DEPTH, pieces, new Map())) return new Uint8Array(0);
  let total = 0;
  const sizes = new Array<number>(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    const n = Buffer.byteLength(pieces[i] as string, "utf8");
    sizes[i] = n;
    total += n;
  }
  // Its own ArrayBuffer (never a slice of Node's shared pool), so it can be moved to another thread.
  const out = allocate(total);
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    // As many bytes as characters: ASCII, copied as is.
    at += out.write(piece, at, sizes[i] === piece.length ? "latin1" : "utf8");
  }
  return new Uint8Array(out.buffer, 0, total);
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Appends `value`'s JSON (as the property `key` of its parent) to `pieces`; false when
 * `JSON.stringify` would leave the property out (undefined, a function, a symbol).
 */
function write(
  value: unknown,
  key: string,
  depth: number,
  pieces: string[],
  seen: Map<object, string>,
): boolean {
  let v = value;
  // As JSON.stringify does for every property: an object's toJSON(key) stands for it.
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function")
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  if (depth > 0 && v !== null && typeof v === "object" && !Array.isArray(v) && isPlainObject(v)) {
    const record = v as Record<string, unknown>;
    pieces.push("{");
    let first = true;
    for (const k of Object.keys(record)) {
      const mark = pieces.length;
      pieces.push(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
      if (write(record[k], k, depth - 1, pieces, seen)) first = false;
      else pieces.length = mark;
    }
    pieces.push("}");
    return true;
  }
  if (v !== null && typeof v === "object") {
    const known = seen.get(v);
    if (known !== undefined) {
      pieces.push(known);
      return true;
    }
  }
  const text = JSON.stringify(v);
  if (text === undefined) return false;
  if (v !== null && typeof v === "object") seen.set(v, text);
  pieces.push(text);
  return true;
}
