import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCensusDivisions } from "./census-divisions.ts";

const divisions = readCensusDivisions(
  readFileSync(new URL("../../data/geography/census-divisions.yaml", import.meta.url), "utf8"),
);

describe("the census division table", () => {
  it("places states in their Census Bureau divisions", () => {
    expect(divisions.divisionOf("MI")).toBe("East North Central");
    expect(divisions.divisionOf("DC")).toBe("South Atlantic");
    expect(divisions.divisionOf("TX")).toBe("West South Central");
  });

  it("places Puerto Rico in no division and does not know made-up codes", () => {
    expect(divisions.divisionOf("PR")).toBeNull();
    expect(divisions.divisionOf("XX")).toBeUndefined();
  });

  it("rejects a table that lists a state twice", () => {
    const twice = `source: { id: a, title: b, publisher: c, url: d, vintage: e, terms: f }\nregions:\n  South:\n    South Atlantic: [FL]\n    East South Central: [FL]\nnoDivision: []\n`;
    expect(() => readCensusDivisions(twice)).toThrow(/FL twice/);
  });
});
