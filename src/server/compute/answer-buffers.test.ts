import { describe, expect, it } from "vitest";
import { AnswerBuffers, MAX_KEPT } from "./answer-buffers.ts";
import { jsonBytes } from "./json-bytes.ts";

describe("AnswerBuffers", () => {
  it("makes a buffer of the asked length at offset 0 of an ArrayBuffer of its own, rounded up", () => {
    const b = new AnswerBuffers().allocate(70_000);
    expect(b.length).toBe(70_000);
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBeGreaterThanOrEqual(70_000);
    expect(b.buffer.byteLength % 1024).toBe(0);
  });

  it("writes the next answer into the smallest kept buffer large enough, and makes a new one otherwise", () => {
    const buffers = new AnswerBuffers();
    const small = new ArrayBuffer(64 * 1024);
    const large = new ArrayBuffer(256 * 1024);
    buffers.keep([large, small]);
    expect(buffers.allocate(50_000).buffer).toBe(small);
    expect(buffers.allocate(50_000).buffer).toBe(large);
    const fresh = buffers.allocate(50_000);
    expect(fresh.buffer).not.toBe(small);
    expect(fresh.buffer).not.toBe(large);
    expect(buffers.size).toBe(0);
  });

  it("ignores moved-away buffers and keeps at most MAX_KEPT, the largest", () => {
    const buffers = new AnswerBuffers();
    const moved = new ArrayBuffer(1024);
    structuredClone(moved, { transfer: [moved] });
    buffers.keep([moved]);
    expect(buffers.size).toBe(0);
    buffers.keep(Array.from({ length: MAX_KEPT + 3 }, (_, i) => new ArrayBuffer((i + 1) * 1024)));
    expect(buffers.size).toBe(MAX_KEPT);
    // The three smallest went: the smallest kept holds 4 KiB.
    expect(buffers.allocate(1).buffer.byteLength).toBe(4 * 1024);
  });

  it("gives jsonBytes the same bytes in a reused buffer as in a new one", () => {
    const buffers = new AnswerBuffers();
    const value = { a: "–", list: [1, 2.5, "x"], nested: { b: null } };
    const first = jsonBytes(value, buffers.allocate);
    buffers.keep([first.buffer]);
    const again = jsonBytes({ ...value, a: "b" }, buffers.allocate);
    expect(again.buffer).toBe(first.buffer);
    expect(new TextDecoder().decode(again)).toBe(JSON.stringify({ ...value, a: "b" }));
  });
});
