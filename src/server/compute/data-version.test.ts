import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { dataVersion } from "./data-version.ts";

describe("dataVersion", () => {
  const rb = repositoryRulebook();
  const data = repositoryProgramData();

  it("is the same for the same loaded data, and remembered", () => {
    const v = dataVersion(rb, data);
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(dataVersion(rb, data)).toBe(v);
    // A copy with equal contents has the same version.
    expect(dataVersion({ ...rb }, { ...data })).toBe(v);
  });

  it("changes when a rule, a program or an entry of a Map changes", () => {
    const v = dataVersion(rb, data);
    expect(dataVersion({ ...rb, rules: rb.rules.slice(1) }, data)).not.toBe(v);
    const programs = data.catalog.programs.map((p, i) => (i === 0 ? { ...p, name: "Renamed" } : p));
    const renamed = { ...data, catalog: { ...data.catalog, programs } };
    expect(dataVersion(rb, renamed)).not.toBe(v);
    const specialties = new Map(rb.specialties);
    for (const id of [...specialties.keys()].slice(0, 1)) specialties.delete(id);
    expect(dataVersion({ ...rb, specialties }, data)).not.toBe(v);
  });
});
