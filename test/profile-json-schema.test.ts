import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { repositoryRulebook } from "../src/io/load-rulebook.ts";

describe("the published JSON Schema of the profile", () => {
  it("schemas/profile.schema.json is what the zod schema exports (regenerate with `npx matchplan schema`)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../schemas/profile.schema.json", import.meta.url), "utf8"),
    );
    const generated = JSON.parse(
      JSON.stringify(z.toJSONSchema(profileSchemaFor(repositoryRulebook()), { io: "input" })),
    );
    expect(committed).toEqual(generated);
  });

  it("carries the cited score range and rejects unknown fields", () => {
    const rb = repositoryRulebook();
    const s = JSON.parse(readFileSync(new URL("../schemas/profile.schema.json", import.meta.url), "utf8"));
    const score = s.properties.step2ck.properties.score;
    const numeric = score.anyOf?.find((x: { type?: string }) => x.type === "integer") ?? score;
    expect(numeric.minimum).toBe(rb.exam.usmle.scale.value.min);
    expect(numeric.maximum).toBe(rb.exam.usmle.scale.value.max);
    expect(s.additionalProperties).toBe(false);
  });
});
