import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { PROBLEM_KIND_NAMES, PROBLEM_KINDS } from "../../src/server/problem.ts";
import { send, testApp } from "./support/test-app.ts";

/**
 * The OpenAPI 3.1 document is generated from the same zod schemas that validate requests; it
 * must be a valid document and describe every route the server answers.
 */
const { app } = testApp();

async function document() {
  const a = await send(app, "GET", "/api/v1/openapi.json");
  expect(a.status).toBe(200);
  return a.body;
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route, with the profile from the core's schema and problem responses", async () => {
    const doc = await document();
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /api/v1/profile/validate",
        "POST /api/v1/assess",
        "POST /api/v1/programs/plan",
        "POST /api/v1/programs/what-if",
        "POST /api/v1/programs/evaluate",
        "GET /api/v1/programs/search",
        "GET /api/v1/specialties",
        "POST /api/v1/study/plan",
        "POST /api/v1/study/forecast",
        "POST /api/v1/plans",
        "GET /api/v1/plans/{id}",
        "PUT /api/v1/plans/{id}",
        "DELETE /api/v1/plans/{id}",
        "GET /api/v1/plans/{id}/tracker",
        "PUT /api/v1/plans/{id}/tracker",
        "POST /api/v1/season",
        "GET /healthz",
        "GET /api/v1/problems/{kind}",
        "POST /api/v1/timeline",
        "POST /api/v1/report",
      ].sort(),
    );
    const profile = doc.components.schemas.Profile;
    expect(profile.properties.step2ck.properties.score.maximum).toBeGreaterThan(0);
    expect(profile.additionalProperties).toBe(false);
    const assess = doc.paths["/api/v1/assess"].post;
    expect(assess.responses["422"].content["application/problem+json"].schema.$ref).toBe(
      "#/components/schemas/Problem",
    );
    expect(doc.paths["/api/v1/plans/{id}"].put.responses["409"]).toBeDefined();
  });
});

describe("problem types", () => {
  it("each resolves to its description", async () => {
    for (const kind of PROBLEM_KIND_NAMES) {
      const a = await send(app, "GET", `/api/v1/problems/${kind}`);
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ type: `/api/v1/problems/${kind}`, status: PROBLEM_KINDS[kind].status });
    }
    expect((await send(app, "GET", "/api/v1/problems/no-such-kind")).status).toBe(404);
  });
});
