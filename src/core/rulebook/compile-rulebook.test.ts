import { describe, expect, it } from "vitest";
import { readDataFiles } from "../../io/load-rulebook.ts";
import { checkBands, compileRulebook, type DataFile } from "./compile-rulebook.ts";

const files = (() => {
  const r = readDataFiles(new URL("../../../data/", import.meta.url).pathname);
  if (!r.ok) throw new Error("data files unreadable");
  return r.value;
})();

/** The repository's data with one file replaced. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary fields of parsed YAML
function withFile(path: string, edit: (data: any) => void): DataFile[] {
  return files.map((f) => {
    if (f.path !== path) return f;
    const data = structuredClone(f.data);
    edit(data);
    return { path, data };
  });
}

describe("compileRulebook", () => {
  it("accepts the repository's data", () => {
    const r = compileRulebook(files);
    expect(r.ok).toBe(true);
  });

  it("names the file and path of a rule citing an unknown source", () => {
    const r = compileRulebook(
      withFile("rules/timing.yaml", (d) => {
        d.rules[0].sources = ["seed-999#x"];
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual(
        expect.objectContaining({
          code: "unknown_source",
          file: "rules/timing.yaml",
          path: "rules.0.sources.0",
        }),
      );
  });

  it("rejects a section that the source does not have, and an out-of-range statistics entry", () => {
    const r = compileRulebook(
      withFile("rules/timing.yaml", (d) => {
        d.rules[0].sources = ["seed-000#nowhere", "match-statistics#100000"];
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.filter((i) => i.code === "unknown_source")).toHaveLength(2);
  });

  it("rejects an unregistered specialty in a rule's scope", () => {
    const r = compileRulebook(
      withFile("rules/applying.yaml", (d) => {
        d.rules[0].scope.specialties = ["cardiology"];
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "unknown_specialty", file: "rules/applying.yaml" });
  });

  it("rejects a rule with no source at all (pass one)", () => {
    const r = compileRulebook(
      withFile("rules/timing.yaml", (d) => {
        d.rules[0].sources = [];
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: "rules/timing.yaml", path: "rules.0.sources" });
  });

  it("rejects conditions reading unknown facts and duplicate rule ids", () => {
    const r = compileRulebook(
      withFile("rules/timing.yaml", (d) => {
        d.rules[1].when = { fact: "shoeSize", op: "gt", value: 3 };
        d.rules[2].id = d.rules[0].id;
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code).sort()).toEqual(["duplicate_id", "unknown_reference"]);
  });

  it("rejects overlapping DR bands", () => {
    const r = compileRulebook(
      withFile("rules/step2ck/bands/diagnostic-radiology.yaml", (d) => {
        d.rules[0].bands[1].max = 252;
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "bands_overlap", path: "rules.0.bands.1" });
  });

  it("reports a missing data file", () => {
    const r = compileRulebook(files.filter((f) => f.path !== "facts/exam-rules.yaml"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "missing_field", file: "facts/exam-rules.yaml" });
  });
});

describe("the input limits file", () => {
  const LIMITS = "facts/input-limits.yaml";
  // biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary fields of parsed YAML
  const issuesWith = (edit: (d: any) => void) => {
    const r = compileRulebook(withFile(LIMITS, edit));
    return r.ok ? [] : r.issues;
  };

  it("is required, and every limit carries its reason", () => {
    const missing = compileRulebook(files.filter((f) => f.path !== LIMITS));
    expect(missing.ok ? [] : missing.issues).toContainEqual(
      expect.objectContaining({ code: "missing_field", file: LIMITS }),
    );
    expect(
      issuesWith((d) => {
        delete d.study.hoursPerDay.why;
      }),
    ).toContainEqual(expect.objectContaining({ file: LIMITS, path: "study.hoursPerDay.why" }));
  });

  it("a date window starting before the oldest Step 2 CK pass mark, or leaving out a stated cycle date, is refused", () => {
    expect(
      issuesWith((d) => {
        d.dates.value.from = "2000-01-01";
      }),
    ).toContainEqual(
      expect.objectContaining({ file: LIMITS, path: "dates.value.from", code: "inconsistent" }),
    );
    expect(
      issuesWith((d) => {
        d.dates.value.to = "2026-01-01";
      }),
    ).toContainEqual(expect.objectContaining({ file: LIMITS, path: "dates.value", code: "inconsistent" }));
  });

  it("limits that would refuse what the guides plan or the planner schedules are refused", () => {
    expect(
      issuesWith((d) => {
        d.study.weeks.value.max = 12;
      }),
    ).toContainEqual(expect.objectContaining({ path: "study.weeks.value.max", code: "inconsistent" }));
    expect(
      issuesWith((d) => {
        d.practiceLog.form.value.maxNumber = 10;
      }),
    ).toContainEqual(expect.objectContaining({ path: "practiceLog.form.value.maxNumber" }));
    expect(
      issuesWith((d) => {
        d.whatIf.evaluations.value.max = 10;
      }),
    ).toContainEqual(expect.objectContaining({ path: "whatIf.evaluations.value.max" }));
  });
});

describe("checkBands", () => {
  const scale = { min: 1, max: 300 };
  const b = (min: number | null, max: number | null) => ({
    min,
    max,
    label: `${min}-${max}`,
    standing: "low" as const,
  });
  it("accepts ordered bands with a gap", () => {
    expect(checkBands([b(250, null), b(240, 249), b(null, 229)], scale, "f", "p")).toEqual([]);
  });
  it("finds unordered, inverted and out-of-scale bands", () => {
    expect(checkBands([b(240, 249), b(250, null)], scale, "f", "p")[0]?.code).toBe("bands_unordered");
    expect(checkBands([b(249, 240)], scale, "f", "p")[0]?.code).toBe("bands_unordered");
    expect(checkBands([b(250, 320)], scale, "f", "p")[0]?.code).toBe("out_of_range");
  });
});
