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
 * - Records that repeat across answers write their repeating part once (`RecordTexts`). A
 *   program list's rows open with the program's own facts (id, name, place, visa policy,
 *   sponsorship, sources: more than half of a list's bytes and of its writing time), then the
 *   applicant's figures. A compute worker keeps the UTF-8 of each program's facts, keyed by its id,
 *   and copies it into later answers while the facts are equal value for value; any difference
 *   writes them anew. A fact that is the very value written, frozen all the way down (the core
 *   hands out one frozen sources list and sponsorship per program), is equal without comparing.
 *
 * Equivalence: the property tests in json-bytes.test.ts compare the bytes with
 * `TextEncoder(JSON.stringify)` on generated values (shared references, undefined, non-ASCII,
 * lone surrogates, `toJSON`), on generated record lists through one long-lived `RecordTexts`
 * (ids repeated with changed facts, keys out of order, missing keys), and on 400 distinct program
 * lists written through one `RecordTexts`.
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

/** A piece of the answer: text, or bytes already encoded (a record's facts, from `RecordTexts`). */
type Piece = string | Uint8Array;

export function jsonBytes(
  value: unknown,
  allocate: AllocateBytes = exactly,
  records?: RecordTexts,
): Uint8Array<ArrayBuffer> {
  const pieces: Piece[] = [];
  const w: Writer = { pieces, seen: new Map(), records: records ?? null };
  if (!write(value, "", MANUAL_DEPTH, w)) return new Uint8Array(0);
  let total = 0;
  const sizes = new Array<number>(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const n = typeof piece === "string" ? Buffer.byteLength(piece, "utf8") : piece.byteLength;
    sizes[i] = n;
    total += n;
  }
  // Its own ArrayBuffer (never a slice of Node's shared pool), so it can be moved to another thread.
  const out = allocate(total);
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if (typeof piece !== "string") {
      out.set(piece, at);
      at += piece.byteLength;
    }
    // As many bytes as characters: ASCII, copied as is.
    else at += out.write(piece, at, sizes[i] === piece.length ? "latin1" : "utf8");
  }
  return new Uint8Array(out.buffer, 0, total);
}

interface Writer {
  pieces: Piece[];
  /** Objects already written in this answer, by identity, with their text. */
  seen: Map<object, string>;
  records: RecordTexts | null;
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

const hasToJson = (v: unknown): v is { toJSON: (key: string) => unknown } =>
  v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function";

/**
 * Appends `value`'s JSON (as the property `key` of its parent) to the pieces; false when
 * `JSON.stringify` would leave the property out (undefined, a function, a symbol).
 */
function write(value: unknown, key: string, depth: number, w: Writer): boolean {
  let v = value;
  // As JSON.stringify does for every property: an object's toJSON(key) stands for it.
  if (hasToJson(v)) v = v.toJSON(key);
  if (depth > 0 && v !== null && typeof v === "object" && !Array.isArray(v) && isPlainObject(v)) {
    const record = v as Record<string, unknown>;
    w.pieces.push("{");
    let first = true;
    for (const k of Object.keys(record)) {
      const mark = w.pieces.length;
      w.pieces.push(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
      if (write(record[k], k, depth - 1, w)) first = false;
      else w.pieces.length = mark;
    }
    w.pieces.push("}");
    return true;
  }
  if (v !== null && typeof v === "object") {
    const known = w.seen.get(v);
    if (known !== undefined) {
      w.pieces.push(known);
      return true;
    }
    const heads = w.records?.headsOf(key);
    if (heads && Array.isArray(v) && opensWith(v[0], heads) && !w.records?.full()) {
      w.pieces.push(writeRecords(v, key, heads, w));
      return true;
    }
  }
  const text = JSON.stringify(v);
  if (text === undefined) return false;
  if (v !== null && typeof v === "object") w.seen.set(v, text);
  w.pieces.push(text);
  return true;
}

/**
 * An array of records whose leading properties are `heads`: each record's facts from the cache
 * when they are equal to the ones last written for its id, the rest by `JSON.stringify`.
 * Appends every piece but the closing "]", which it returns, so the caller pushes it.
 */
function writeRecords(list: readonly unknown[], key: string, heads: readonly string[], w: Writer): string {
  const records = w.records as RecordTexts;
  w.pieces.push("[");
  for (let i = 0; i < list.length; i++) {
    if (i > 0) w.pieces.push(",");
    const row = list[i];
    if (!writeRecord(row, key, heads, records, w.pieces) && !write(row, String(i), 0, w))
      w.pieces.push("null");
  }
  return "]";
}

/** Whether a value is a record with an id whose keys open with `heads` (a list whose first row is not is written as usual). */
function opensWith(row: unknown, heads: readonly string[]): boolean {
  if (row === null || typeof row !== "object" || Array.isArray(row) || !isPlainObject(row) || hasToJson(row))
    return false;
  if (typeof (row as { id?: unknown }).id !== "string") return false;
  let i = 0;
  for (const k in row) {
    if (i >= heads.length) return true;
    if (k !== heads[i]) return false;
    i++;
  }
  return i >= heads.length;
}

/** One record through the cache; false when it is not a record of that shape (written as usual instead). */
function writeRecord(
  row: unknown,
  key: string,
  heads: readonly string[],
  records: RecordTexts,
  pieces: Piece[],
): boolean {
  if (row === null || typeof row !== "object" || Array.isArray(row) || !isPlainObject(row) || hasToJson(row))
    return false;
  const record = row as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== "string") return false;
  // The record's own keys must open with the heads, in order; the others follow as they come.
  const keys = Object.keys(record);
  if (keys.length < heads.length) return false;
  for (let i = 0; i < heads.length; i++) if (keys[i] !== heads[i]) return false;
  const facts = records.facts(key, id, record, heads);
  // The other properties, each as JSON.stringify writes a property: "key":value, or nothing.
  let rest = "";
  for (let i = heads.length; i < keys.length; i++) {
    const k = keys[i] as string;
    const text = propertyText(record[k], k);
    if (text === undefined) continue;
    rest += rest === "" && facts.empty ? `${records.keyText(k)}${text}` : `,${records.keyText(k)}${text}`;
  }
  pieces.push(facts.bytes);
  pieces.push(`${rest}}`);
  return true;
}

/** A property's value as JSON.stringify writes it; undefined when the property is left out. */
function propertyText(value: unknown, key: string): string | undefined {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return value === null ? "null" : JSON.stringify(hasToJson(value) ? value.toJSON(key) : value);
    default:
      return JSON.stringify(value);
  }
}

interface Facts {
  /** Copies of the values written, in the order of the heads (`snapshot`). */
  values: unknown[];
  /** The values themselves, and whether each could not have changed since (`unchangeable`). */
  refs: unknown[];
  fixed: boolean[];
  /** Their UTF-8: the record's "{" and its leading properties, without the closing "}" (just "{" when `empty`). */
  bytes: Uint8Array;
  /** Every head was undefined: nothing but "{" written. */
  empty: boolean;
}

/**
 * The text of records' leading properties, kept across answers. `heads` names, by the property
 * that holds an array of records, the keys each record opens with; a record's facts are found by
 * that property and its `id`, and used only while every value is equal to the one written
 * (`sameJson`), so the bytes are always `JSON.stringify`'s. Holds at most `maxEntries` records
 * (past it, lists are written as before until `clear`); the ids come from the catalog, not from
 * requests, so a worker's cache stays at the size of the catalog it has answered about.
 */
export class RecordTexts {
  /** By the property holding the records, then by id. */
  private readonly entries = new Map<string, Map<string, Facts>>();
  private count = 0;
  private readonly keys = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly heads: ReadonlyMap<string, readonly string[]>,
    private readonly maxEntries = DEFAULT_MAX_RECORDS,
  ) {}

  /** A property's key as JSON writes it, with its colon. */
  keyText(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      text = `${JSON.stringify(key)}:`;
      if (this.keys.size < this.maxEntries) this.keys.set(key, text);
    }
    return text;
  }

  headsOf(key: string): readonly string[] | undefined {
    return this.heads.get(key);
  }

  full(): boolean {
    return this.count >= this.maxEntries;
  }

  clear(): void {
    this.entries.clear();
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  facts(key: string, id: string, record: Record<string, unknown>, heads: readonly string[]): Facts {
    let byId = this.entries.get(key);
    if (!byId) {
      byId = new Map();
      this.entries.set(key, byId);
    }
    const known = byId.get(id);
    if (known && sameValues(record, heads, known)) {
      this.hits++;
      return known;
    }
    this.misses++;
    const refs = heads.map((h) => record[h]);
    const values = refs.map(snapshot);
    const fixed = refs.map(unchangeable);
    const head: Record<string, unknown> = {};
    for (const h of heads) head[h] = record[h];
    const text = JSON.stringify(head);
    const facts: Facts = {
      values,
      refs,
      fixed,
      bytes: Buffer.from(text.slice(0, -1), "utf8"),
      empty: text === "{}",
    };
    if (known) byId.set(id, facts);
    else if (this.count < this.maxEntries) {
      byId.set(id, facts);
      this.count++;
    }
    return facts;
  }
}

/**
 * Whether a record's leading values have the JSON of the ones written before: the very value
 * written, when it could not have changed since (a primitive, or plain data frozen all the way
 * down, as the catalog's per-program facts are), or else equal value for value to its snapshot.
 */
function sameValues(record: Record<string, unknown>, heads: readonly string[], known: Facts): boolean {
  for (let i = 0; i < heads.length; i++) {
    const v = record[heads[i] as string];
    if (v === known.refs[i] && known.fixed[i]) continue;
    if (!sameJson(v, known.values[i])) return false;
  }
  return true;
}

/**
 * Whether a value's JSON can never change: a primitive (not a function), or an array or plain
 * object that is frozen, has no `toJSON`, holds only data properties (a getter may answer
 * differently each time) and whose values are all unchangeable in turn. Checked once, when a
 * record's facts are written; a value that is not, is compared value for value every time.
 */
export function unchangeable(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return typeof v !== "function";
  const proto = Object.getPrototypeOf(v);
  if (proto !== Array.prototype && proto !== Object.prototype && proto !== null) return false;
  if (hasToJson(v) || !Object.isFrozen(v)) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(v)))
    if (!("value" in d) || !unchangeable(d.value)) return false;
  return true;
}

/** Enough for every program of every specialty several times over. */
const DEFAULT_MAX_RECORDS = 50_000;

/**
 * Whether a value has the same JSON as a snapshot taken by `snapshot` for certain: equal
 * primitives, or arrays and plain objects with the same keys in the same order and equal values.
 * Anything else (a `toJSON`, a class instance) counts as different, so its text is written again.
 */
export function sameJson(a: unknown, snap: unknown): boolean {
  if (typeof a !== "object" || a === null) return a === snap || (Number.isNaN(a) && Number.isNaN(snap));
  if (Array.isArray(a)) {
    if (!Array.isArray(snap) || a.length !== snap.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], snap[i])) return false;
    return true;
  }
  if (!(snap instanceof RecordSnapshot) || !isPlainObject(a) || hasToJson(a)) return false;
  // for-in reads the own keys in order without making an array; an inherited enumerable key
  // (JSON leaves it out) shows up as a key the snapshot lacks, so the answer is "different".
  let i = 0;
  for (const k in a) {
    if (k !== snap.keys[i] || !sameJson((a as Record<string, unknown>)[k], snap.values[i])) return false;
    i++;
  }
  return i === snap.keys.length;
}

/** A plain object's keys and values, in order, as they were when copied. */
class RecordSnapshot {
  constructor(
    readonly keys: string[],
    readonly values: unknown[],
  ) {}
}

/** Stands in a snapshot for what `sameJson` never calls the same: a class instance, an object with `toJSON`. */
const OPAQUE: object = Object.freeze({});

/**
 * A copy of a value's plain data (arrays and plain objects, deep), so a later change to the
 * value itself is seen as a difference rather than read through a shared reference.
 */
export function snapshot(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(snapshot);
  if (!isPlainObject(v) || hasToJson(v)) return OPAQUE;
  const keys = Object.keys(v);
  return new RecordSnapshot(
    keys,
    keys.map((k) => snapshot((v as Record<string, unknown>)[k])),
  );
}
