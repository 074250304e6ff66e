import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open-store.ts";
import { type Store, StoreUnavailableError } from "../../src/store/store.ts";
import { type TcpProxy, tcpProxy, viaProxy } from "./support/tcp-proxy.ts";
import { send, testApp } from "./support/test-app.ts";
import { dropSchema, testDatabaseUrl, uniqueSchema } from "./support/test-database.ts";

/**
 * PostgreSQL going away under a running server: every request that needs it answers 503 with
 * Retry-After (not 500), says nothing about the request, and the server recovers by itself when
 * the database is back. The database is taken away by cutting a TCP relay in front of it, which
 * looks to the server exactly like a stopped PostgreSQL (connections dropped, then refused).
 */
const profile = JSON.parse(
  readFileSync(new URL("../../examples/non-us-img-dr.json", import.meta.url), "utf8"),
);
const plan = { profile, specialty: "diagnostic-radiology" };

let proxy: TcpProxy;
let store: Store;
const url = testDatabaseUrl();
const schema = uniqueSchema();

beforeAll(async () => {
  const target = new URL(url);
  proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  store = await openStore({ kind: "postgres", url: viaProxy(url, proxy), schema });
}, 60_000);

afterAll(async () => {
  await proxy.restore();
  await store.close();
  await proxy.close();
  await dropSchema(url, schema);
});

describe("with PostgreSQL down", () => {
  it("the store fails as unavailable (not as a bug), and works again once PostgreSQL is back", async () => {
    const r = await store.create({ ...plan, practiceLog: [], programs: [] });
    if (!r.ok) throw new Error("the create was refused");
    const saved = r.plan;
    await proxy.cut();
    await expect(store.get(saved.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.get(saved.id)).rejects.toThrow(/does not answer/);
    expect(await store.ready()).toBe(false);
    await proxy.restore();
    expect((await store.get(saved.id))?.id).toBe(saved.id);
  });

  it("every request that needs it answers 503 with Retry-After, the health check too; the rest still works", async () => {
    const { app, lines } = testApp({ store });
    const created = await send(app, "POST", "/api/v1/plans", plan);
    expect(created.status).toBe(201);
    await proxy.cut();
    try {
      const answers = [
        await send(app, "GET", `/api/v1/plans/${created.body.id}`),
        await send(app, "POST", "/api/v1/plans", plan),
        await send(app, "PUT", `/api/v1/plans/${created.body.id}`, { ...plan, version: 1 }),
        await send(app, "DELETE", `/api/v1/plans/${created.body.id}`),
      ];
      for (const a of answers) {
        expect(a.status).toBe(503);
        expect(a.headers.get("content-type")).toBe("application/problem+json");
        expect(a.body).toMatchObject({ type: "/api/v1/problems/service-unavailable", status: 503 });
        expect(a.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
        expect(a.text).not.toContain(created.body.id);
      }
      expect((await send(app, "GET", "/healthz")).status).toBe(503);
      // Routes that do not touch the database are not affected.
      expect((await send(app, "POST", "/api/v1/assess", plan)).status).toBe(200);
      // The log says what failed, not what was asked.
      const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === "error");
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((l) => l.error === "StoreUnavailableError")).toBe(true);
      expect(lines.join("\n")).not.toContain(created.body.id);
    } finally {
      await proxy.restore();
    }
    expect((await send(app, "GET", `/api/v1/plans/${created.body.id}`)).status).toBe(200);
  });
});
