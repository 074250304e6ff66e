import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServer } from "./support/server-process.ts";
import {
  createSchema,
  dropSchema,
  testDatabaseUrl,
  uniqueSchema,
  urlWithSchema,
} from "./support/test-database.ts";

/**
 * Two real server instances over one PostgreSQL (as behind a load balancer): they start at the
 * same time (migrating once between them), a plan saved through one is read and updated
 * through the other, and a stale update through the first is refused with 409. Both stop
 * cleanly on SIGTERM.
 */
const profile = {
  applicantType: "non-us-img",
  graduationYear: 2023,
  visa: "j1",
  step1: { outcome: "pass", attempts: 1 },
  step2ck: { score: 236, attempts: 1 },
};
const SPECIALTY = "diagnostic-radiology";

let a: ServerProcess;
let b: ServerProcess;
let url: string;
let schema: string;

beforeAll(async () => {
  url = testDatabaseUrl();
  schema = uniqueSchema();
  await createSchema(url, schema);
  const env = { DATABASE_URL: urlWithSchema(url, schema) };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([
    a?.child.exitCode === null ? a.stop() : null,
    b?.child.exitCode === null ? b.stop() : null,
  ]);
  if (url && schema) await dropSchema(url, schema);
});

const call = async (server: ServerProcess, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

describe("two server instances over one PostgreSQL", () => {
  it("both report the PostgreSQL store as ready", async () => {
    for (const s of [a, b])
      expect((await call(s, "GET", "/healthz")).body).toEqual({ status: "ok", store: "postgres" });
  });

  it("share saved plans: save through one, read and update through the other; a stale update is a 409", async () => {
    const created = await call(a, "POST", "/api/v1/plans", { profile, specialty: SPECIALTY });
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    const read = await call(b, "GET", `/api/v1/plans/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.profile).toEqual(profile);

    const updated = await call(b, "PUT", `/api/v1/plans/${id}`, {
      version: 1,
      profile: { ...profile, step2ck: { score: 248, attempts: 1 } },
      specialty: SPECIALTY,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);

    // The first instance still holds version 1: its update must not overwrite the second's.
    const stale = await call(a, "PUT", `/api/v1/plans/${id}`, { version: 1, profile, specialty: SPECIALTY });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const now = await call(a, "GET", `/api/v1/plans/${id}`);
    expect(now.body.profile.step2ck.score).toBe(248);

    expect((await call(a, "DELETE", `/api/v1/plans/${id}`)).status).toBe(204);
    expect((await call(b, "GET", `/api/v1/plans/${id}`)).status).toBe(404);
  });

  it("stop on SIGTERM with exit code 0 after closing the store", async () => {
    const [codeA, codeB] = await Promise.all([a.stop(), b.stop()]);
    expect([codeA, codeB]).toEqual([0, 0]);
    expect(a.stderr()).toMatch(/stopped/);
  });
});
