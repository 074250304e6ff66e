import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./support/server-process.ts";

/**
 * `npm start` listens on this machine only (127.0.0.1) unless HOST says otherwise: the API is
 * not on the network by accident. Reached from one of this machine's other addresses, the
 * port is closed.
 */
const dir = mkdtempSync(join(tmpdir(), "matchplan-listen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** This machine's first non-loopback IPv4 address; every test machine so far has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

describe("the address the server listens on", () => {
  it("is 127.0.0.1 by default: reachable through loopback, refused from another interface", async () => {
    expect(outside, "this test needs a non-loopback IPv4 interface").toBeDefined();
    const server = await startServer({ MATCHPLAN_DATA_DIR_STORE: dir });
    try {
      expect(server.stderr()).toContain("interface 127.0.0.1");
      const port = Number(new URL(server.url).port);
      expect(await reachable("127.0.0.1", port)).toBe(true);
      expect(await reachable(outside as string, port)).toBe(false);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it("is every interface with HOST=0.0.0.0", async () => {
    const server = await startServer({ MATCHPLAN_DATA_DIR_STORE: dir, HOST: "0.0.0.0" });
    try {
      const port = Number(new URL(server.url).port);
      expect(await reachable(outside as string, port)).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
