import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { rulebookFromJson, rulebookToJson } from "./rulebook-json.ts";

describe("the compiled rulebook written as JSON", () => {
  it("reads back as the same rulebook, maps and their order included", () => {
    const rb = repositoryRulebook();
    const back = rulebookFromJson(JSON.parse(JSON.stringify(rulebookToJson(rb))));
    expect(back).not.toBeNull();
    expect(isDeepStrictEqual(back, rb)).toBe(true);
    expect([...(back?.specialties.keys() ?? [])]).toEqual([...rb.specialties.keys()]);
    expect([...(back?.cycles.packs.keys() ?? [])]).toEqual([...rb.cycles.packs.keys()]);
  });

  it("refuses what is not one: the data files themselves, another format, nothing", () => {
    const json = rulebookToJson(repositoryRulebook());
    expect(rulebookFromJson([{ path: "sources.yaml", data: {} }])).toBeNull();
    expect(rulebookFromJson({ ...json, format: "matchplan-rulebook/0" })).toBeNull();
    expect(rulebookFromJson(null)).toBeNull();
  });
});
