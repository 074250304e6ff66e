import { describe, expect, it } from "vitest";
import type { Program } from "../core/catalog/program.ts";
import { diffCatalogs, formatDiff } from "./catalog-diff.ts";

const program = (id: string, over: Partial<Program> = {}): Program => ({
  id,
  name: `Program ${id}`,
  institution: null,
  city: null,
  state: "TX",
  division: "West South Central",
  specialty: "internal-medicine",
  track: "categorical",
  nrmpCode: null,
  nrmpTitle: null,
  acgmeId: null,
  coordinates: null,
  interviewRates: null,
  visa: null,
  imgShare: null,
  programType: null,
  pgy1Positions: null,
  interviewsLastYear: null,
  website: null,
  unfilledHistory: null,
  provenance: [],
  ...over,
});

describe("diffCatalogs", () => {
  const before = [program("a"), program("b"), program("c", { imgShare: 0.5 })];
  const after = [program("b"), program("c", { imgShare: 0.6 }), program("d")];
  const diff = diffCatalogs(before, after);

  it("lists programs added, removed and changed, by id", () => {
    expect(diff.added.map((p) => p.id)).toEqual(["d"]);
    expect(diff.removed.map((p) => p.id)).toEqual(["a"]);
    expect(diff.changed.map((c) => [c.after.id, c.fields])).toEqual([["c", ["imgShare"]]]);
  });

  it("does not count a change of provenance alone", () => {
    const moved = program("b", { provenance: [{ source: "x", vintage: "2025", fields: ["name"] }] });
    expect(diffCatalogs([program("b")], [moved]).changed).toEqual([]);
  });

  it("summarises counts and shows the changed value", () => {
    const lines = formatDiff(diff);
    expect(lines[0]).toBe("Changes against the previous catalog: 1 added, 1 removed, 1 changed");
    expect(lines.some((l) => l.includes("imgShare: 0.5 → 0.6"))).toBe(true);
  });
});
