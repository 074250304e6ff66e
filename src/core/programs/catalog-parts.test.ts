import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { defaultDataDir } from "../../io/load-rulebook.ts";
import {
  type CatalogFile,
  joinCatalogParts,
  missingParts,
  readCatalogPart,
  splitCatalog,
} from "./catalog-parts.ts";

/** The catalog in parts: split by the build, joined by the web page (test/web/catalog-parts.test.ts plans on them). */
const file = () =>
  JSON.parse(readFileSync(join(defaultDataDir(), "catalog/programs.json"), "utf8")) as CatalogFile;
const whole = repositoryProgramData();

describe("the program catalog in parts", () => {
  it("holds every program once, in the catalog file's order, and joins back into the whole catalog", () => {
    const { index, parts } = splitCatalog(file(), whole);
    expect(parts.map((p) => p.specialty)).toEqual(index.specialties);
    const programs = file().programs;
    expect(parts.flatMap((p) => p.programs).length).toBe(programs.length);
    for (const part of parts)
      expect(part.programs).toEqual(programs.filter((p) => p.specialty === part.specialty));
    const loaded = parts.map((p) => readCatalogPart(index, p));
    expect(loaded.every((p) => p !== null)).toBe(true);
    const joined = joinCatalogParts(
      index,
      loaded.flatMap((p) => (p ? [p] : [])),
      whole.model,
    );
    for (const id of index.specialties)
      expect(joined.bySpecialty.get(id)?.map((p) => p.id)).toEqual(
        whole.bySpecialty.get(id)?.map((p) => p.id),
      );
    expect(missingParts(joined)).toEqual([]);
  });

  it("notes a specialty asked for and not loaded, and any read of the whole map", () => {
    const { index, parts } = splitCatalog(file(), whole);
    const dr = parts.find((p) => p.specialty === "diagnostic-radiology");
    const part = dr ? readCatalogPart(index, dr) : null;
    if (!part) throw new Error("no DR part");
    const data = joinCatalogParts(index, [part], whole.model);
    expect(data.bySpecialty.get("internal-medicine")).toBeUndefined();
    expect(data.bySpecialty.get("no-such-specialty")).toBeUndefined();
    expect(data.bySpecialty.get("diagnostic-radiology")?.length).toBeGreaterThan(0);
    expect(missingParts(data)).toEqual(["internal-medicine"]);
    expect(missingParts(data)).toEqual([]);
    expect([...data.bySpecialty.values()].length).toBe(1);
    expect(missingParts(data)).toBe("all");
  });
});
