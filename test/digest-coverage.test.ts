import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultDataDir, repositoryRulebook } from "../src/io/load-rulebook.ts";

const index = parse(readFileSync(join(defaultDataDir(), "digest-index.yaml"), "utf8")) as {
  sections: Array<{ prefix: string; count: number }>;
};
const digestIds = index.sections.flatMap((s) =>
  Array.from({ length: s.count }, (_, i) => `${s.prefix}${i + 1}`),
);

describe("every rule of the guides' digest is encoded as data", () => {
  const rb = repositoryRulebook();
  const encoded = new Set(rb.rules.flatMap((r) => r.digest));

  it("the index lists the 62 digest ids (S1–S6 … M1)", () => {
    expect(digestIds).toHaveLength(62);
  });

  for (const id of digestIds) {
    it(`${id} has at least one rule citing a source`, () => {
      const rules = rb.rules.filter((r) => r.digest.includes(id));
      expect(rules.length, `no rule in data/rules encodes ${id}`).toBeGreaterThan(0);
      for (const r of rules) expect(r.sources.length).toBeGreaterThan(0);
    });
  }

  it("no rule claims a digest id that does not exist", () => {
    for (const id of encoded) expect(digestIds).toContain(id);
  });

  it("every guide-derived rule cites at least one of the five guides", () => {
    for (const r of rb.rules) {
      const guides = r.sources.filter((s) => s.startsWith("seed-"));
      const stats = r.sources.filter((s) => !s.startsWith("seed-"));
      expect(guides.length + stats.length).toBeGreaterThan(0);
      if (guides.length === 0) expect(r.assumption ?? r.summary, `${r.id} cites no guide`).toBeTruthy();
    }
  });
});
