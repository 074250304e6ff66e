import { describe, expect, it } from "vitest";
import { compileRulebook, type DataFile } from "../../src/core/rulebook/compile-rulebook.ts";
import { bracketGaps } from "../../src/core/study/study-data-checks.ts";
import { readDataFiles } from "../../src/io/load-rulebook.ts";

const files = (() => {
  const r = readDataFiles(new URL("../../data/", import.meta.url).pathname);
  if (!r.ok) throw new Error("data files unreadable");
  return r.value;
})();

// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary fields of parsed YAML
function withFile(path: string, edit: (data: any) => void): DataFile[] {
  return files.map((f) => {
    if (f.path !== path) return f;
    const data = structuredClone(f.data);
    edit(data);
    return { path, data };
  });
}
const issuesOf = (fs: DataFile[]) => {
  const r = compileRulebook(fs);
  return r.ok ? [] : r.issues;
};

describe("the study planner's data files", () => {
  it("load and cross-check cleanly", () => {
    expect(issuesOf(files)).toEqual([]);
  });

  it("a reference to a value no rule has is named with its file and path", () => {
    const issues = issuesOf(
      withFile("facts/study-plan-model.yaml", (d) => {
        d.day.blockSize.path = "phases.1.nothingHere";
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "unknown_reference",
        file: "facts/study-plan-model.yaml",
        path: "day.blockSize",
      }),
    );
  });

  it("the P2 gaps the model bridges must be exactly the gaps P2 leaves", () => {
    const issues = issuesOf(
      withFile("facts/study-plan-model.yaml", (d) => {
        d.length.baselineGaps = [{ min: 220, max: 224 }];
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "inconsistent",
        path: "length.baselineGaps",
        allowed: "220–224, 236–239",
      }),
    );
    expect(
      bracketGaps(
        [
          { max: 219, weeks: { min: 1, max: 2 } },
          { min: 240, weeks: { min: 1, max: 2 } },
        ],
        { min: 1, max: 300 },
      ),
    ).toEqual([{ min: 220, max: 239 }]);
  });

  it("every study-phases rule needs a phase model with the rule's own phase names", () => {
    const issues = issuesOf(
      withFile("facts/study-plan-model.yaml", (d) => {
        d.phaseModels[1].phases[0].name = "warm-up";
      }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: "phaseModels.1.phases.0.name" }));
  });

  it("the diagnoses must be P10's", () => {
    const issues = issuesOf(
      withFile("facts/study-plan-model.yaml", (d) => {
        d.diagnoses.procrastination = { on: ["heavy"] };
      }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: "diagnoses", code: "inconsistent" }));
  });

  it("every forecast coefficient is cited", () => {
    const issues = issuesOf(
      withFile("facts/study-forecast.yaml", (d) => {
        d.kinds.free120.sources = ["nowhere-2026"];
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "unknown_source",
        file: "facts/study-forecast.yaml",
        path: "kinds.free120.sources.0",
      }),
    );
  });
});
