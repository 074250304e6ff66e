import { EventEmitter } from "node:events";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { sendComputed } from "./compute-body.ts";
import type { Compute } from "./compute-pool.ts";

/**
 * A computed body's memory goes back to the workers only once its response is closed (every
 * byte handed to the system, or the connection gone), and never when something else holds it.
 */
function recorder() {
  const recycled: Uint8Array[] = [];
  const compute: Compute = {
    run: () => Promise.reject(new Error("not used")),
    recycle: (b) => {
      recycled.push(b);
    },
    close: async () => {},
  };
  return { compute, recycled };
}

function appSending(compute: Compute, body: Uint8Array<ArrayBuffer>, shared: boolean) {
  const app = new Hono();
  app.get("/", (c) => sendComputed(c, compute, body, shared));
  return app;
}

describe("sendComputed", () => {
  it("answers the body as JSON and recycles it only when the Node response closes", async () => {
    const { compute, recycled } = recorder();
    const body = new TextEncoder().encode('{"a":1}') as Uint8Array<ArrayBuffer>;
    const outgoing = new EventEmitter();
    const res = await appSending(compute, body, false).request("/", {}, { outgoing });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.text()).toBe('{"a":1}');
    expect(recycled).toEqual([]);
    outgoing.emit("close");
    expect(recycled).toEqual([body]);
    outgoing.emit("close");
    expect(recycled).toHaveLength(1);
  });

  it("never recycles a body something else holds, nor one sent without a Node response", async () => {
    const { compute, recycled } = recorder();
    const body = new TextEncoder().encode("[]") as Uint8Array<ArrayBuffer>;
    const outgoing = new EventEmitter();
    await appSending(compute, body, true).request("/", {}, { outgoing });
    outgoing.emit("close");
    await appSending(compute, body, false).request("/");
    expect(recycled).toEqual([]);
  });
});
