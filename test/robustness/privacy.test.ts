import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../src/io/load-program-data.ts";
import { repositoryRulebook } from "../../src/io/load-rulebook.ts";
import { createApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";

/**
 * The server's logs over a full session — save, read, update with chosen programs, compute,
 * fail, delete — must hold none of the applicant's values: scores, visa, citizenship, where they
 * apply from, graduation year, the programs they chose, or the plan's id (which is the key to the plan).
 */
const dir = mkdtempSync(join(tmpdir(), "matchplan-privacy-"));
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: "pglite", dataDir: join(dir, "store") });
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("privacy: nothing the applicant entered reaches the logs", () => {
  it("a full session leaves no profile value, program name or plan id in the log lines", async () => {
    const lines: string[] = [];
    const data = repositoryProgramData();
    const app = createApp({
      rulebook: repositoryRulebook(),
      programData: data,
      store,
      config: { corsOrigins: [], rateLimitPerMinute: 0, trustProxy: [], webDir: join(dir, "no-web") },
      log: (line) => lines.push(line),
    });
    const profile = {
      applicantType: "non-us-img",
      graduationYear: 2019,
      visa: "h1b",
      // A listed nationality applying from abroad: the plan carries the H-1B and travel notes.
      citizenship: "ZW",
      applyingFrom: "outside-us",
      step1: { outcome: "pass", attempts: 2 },
      step2ck: { score: 237, attempts: 1 },
      letters: { total: 3, specialty: 2, us: 1 },
    };
    const chosen = (data.bySpecialty.get("internal-medicine") ?? []).slice(0, 3);
    const json = (body: unknown) => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

    const created = await app.request(
      "/api/v1/plans",
      json({
        profile,
        specialty: "internal-medicine",
        practiceLog: [{ date: "2026-05-01", kind: "nbme", form: "13", score: 233 }],
        programs: [],
      }),
    );
    expect(created.status).toBe(201);
    const { id, version } = (await created.json()) as { id: string; version: number };
    expect((await app.request(`/api/v1/plans/${id}`)).status).toBe(200);
    const updated = await app.request(`/api/v1/plans/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        version,
        profile,
        specialty: "internal-medicine",
        practiceLog: [],
        programs: chosen.map((p) => ({ programId: p.id, status: "applied" })),
      }),
    });
    expect(updated.status).toBe(200);
    for (const route of ["/api/v1/assess", "/api/v1/programs/plan"])
      expect((await app.request(route, json({ profile, specialty: "internal-medicine" }))).status).toBe(200);
    expect(
      (
        await app.request(
          "/api/v1/programs/evaluate",
          json({ profile, specialty: "internal-medicine", programIds: chosen.map((p) => p.id) }),
        )
      ).status,
    ).toBe(200);
    // Failures too: an out-of-range score and a stale update.
    expect(
      (
        await app.request(
          "/api/v1/assess",
          json({
            profile: { ...profile, step2ck: { score: 337, attempts: 1 } },
            specialty: "internal-medicine",
          }),
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await app.request(
          "/api/v1/programs/plan",
          json({ profile: { ...profile, citizenship: "QQ" }, specialty: "internal-medicine" }),
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await app.request(`/api/v1/plans/${id}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            version,
            profile,
            specialty: "internal-medicine",
            practiceLog: [],
            programs: [],
          }),
        })
      ).status,
    ).toBe(409);
    expect((await app.request(`/api/v1/plans/${id}`, { method: "DELETE" })).status).toBeLessThan(300);

    // Timings and timestamps are the server's own numbers; leave them out so they cannot match by chance.
    const log = lines.map((l) => l.replace(/"time":"[^"]*"/g, "").replace(/"ms":[\d.]+/g, "")).join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(10);
    const secrets = [
      id,
      "237",
      "337",
      "233",
      "h1b",
      "H1B",
      "2019",
      "ZW",
      "Zimbabwe",
      "QQ",
      "outside-us",
      ...chosen.flatMap((p) => [p.id, p.name]),
    ];
    const leaked = secrets.filter((s) => log.includes(s));
    console.log(`privacy: ${lines.length} log lines captured; leaked values: ${leaked.length}`);
    expect(leaked).toEqual([]);
  }, 60_000);
});
