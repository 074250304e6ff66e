import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assessProfile } from "../src/core/assess/assess-profile.ts";
import { caseFileSchema, type ScenarioCase } from "../src/core/assess/case-schema.ts";
import { profileSchemaFor } from "../src/core/profile/profile-schema-for.ts";
import { validateProfile } from "../src/core/profile/validate-profile.ts";
import { defaultDataDir, repositoryRulebook } from "../src/io/load-rulebook.ts";

const casesDir = join(defaultDataDir(), "cases");
const files = readdirSync(casesDir).filter((f) => f.endsWith(".yaml"));
const all: Array<{ file: string; c: ScenarioCase }> = files.flatMap((file) =>
  caseFileSchema.parse(parse(readFileSync(join(casesDir, file), "utf8"))).cases.map((c) => ({ file, c })),
);

describe("scenario cases in data/cases", () => {
  it("has at least 40 cases with unique names", () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((x) => x.c.name)).size).toBe(all.length);
  });

  const rb = repositoryRulebook();
  const schema = profileSchemaFor(rb);
  for (const { file, c } of all) {
    it(`${c.name} (${file})`, () => {
      const v = validateProfile(schema, c.profile);
      if (c.expect.invalidPaths) {
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.issues.map((i) => i.path)).toEqual(expect.arrayContaining(c.expect.invalidPaths));
        return;
      }
      if (!v.ok) throw new Error(`profile invalid: ${JSON.stringify(v.issues)}`);
      const r = assessProfile(rb, v.value, c.specialty, c.asOf);
      if (!r.ok) throw new Error(`assessment failed: ${JSON.stringify(r.issues)}`);
      const a = r.value;
      const e = c.expect;
      if (e.standing) expect(e.standing).toContain(a.standing);
      if (e.provisional !== undefined) expect(a.provisional).toBe(e.provisional);
      if (e.band === null) expect(a.step2ck.band).toBeNull();
      else if (e.band) {
        expect(a.step2ck.band).not.toBeNull();
        expect([a.step2ck.band?.min ?? null, a.step2ck.band?.max ?? null]).toEqual([e.band.min, e.band.max]);
        if (e.band.ruleId) expect(a.step2ck.band?.ruleId).toBe(e.band.ruleId);
      }
      if (e.target) {
        expect(a.step2ck.target?.min).toBe(e.target.min);
        if (e.target.max !== undefined) expect(a.step2ck.target?.max).toBe(e.target.max);
        if (e.target.ruleId) expect(a.step2ck.target?.ruleId).toBe(e.target.ruleId);
        if (e.target.reading) expect(a.step2ck.target?.reading).toBe(e.target.reading);
        if (e.target.readingRuleId)
          expect(a.step2ck.target?.readingNote?.ruleId).toBe(e.target.readingRuleId);
      }
      const checkCodes = (
        spec: { includes?: string[]; excludes?: string[] } | undefined,
        actual: string[],
      ) => {
        if (!spec) return;
        for (const code of spec.includes ?? []) expect(actual).toContain(code);
        for (const code of spec.excludes ?? []) expect(actual).not.toContain(code);
      };
      checkCodes(
        e.redFlags,
        a.redFlags.map((f) => f.code),
      );
      checkCodes(
        e.guidance,
        a.guidance.map((g) => g.ruleId),
      );
      checkCodes(
        e.recommendations,
        a.recommendations.map((f) => f.code),
      );
      checkCodes(
        e.compensators,
        a.compensators.map((f) => f.code),
      );
      if (e.applicationCount === null) expect(a.applicationCount).toBeNull();
      else if (e.applicationCount) {
        expect(a.applicationCount).not.toBeNull();
        if (e.applicationCount.min !== undefined)
          expect(a.applicationCount?.min).toBe(e.applicationCount.min);
        if (e.applicationCount.minAtLeast !== undefined)
          expect(a.applicationCount?.min).toBeGreaterThanOrEqual(e.applicationCount.minAtLeast);
        if (e.applicationCount.max !== undefined)
          expect(a.applicationCount?.max).toBe(e.applicationCount.max);
      }
      if (e.backupSpecialties?.nonEmpty !== undefined)
        expect(a.backupSpecialties.length > 0).toBe(e.backupSpecialties.nonEmpty);
      for (const id of e.backupSpecialties?.includes ?? []) expect(a.backupSpecialties).toContain(id);
      for (const [pattern, clears] of Object.entries(e.screening ?? {})) {
        expect(a.screening.find((s) => s.pattern === pattern)?.likelyClears).toBe(clears);
      }
      if (e.step3) expect(a.step3?.advice).toBe(e.step3);
      if (e.pathway !== undefined) expect(a.pathway?.scenario ?? null).toBe(e.pathway);
      // Every conclusion is explained.
      expect(a.because.length).toBeGreaterThan(0);
      for (const b of a.because) expect(b.sources.length).toBeGreaterThan(0);
    });
  }
});
