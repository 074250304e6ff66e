import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Catalog, CITED_FIELDS, catalogSchema, programSchema } from "../core/catalog/program.ts";
import { buildCatalog } from "./build-catalog.ts";

/** The catalog the app ships: data/catalog/programs.json, as committed. */
const root = fileURLToPath(new URL("../..", import.meta.url));
const path = `${root}data/catalog/programs.json`;
const text = readFileSync(path, "utf8");
const parsed = catalogSchema.safeParse(JSON.parse(text));
const catalog = parsed.data as Catalog;
const sources = parse(readFileSync(`${root}data/sources.yaml`, "utf8")).sources as Record<string, unknown>;
const census = parse(readFileSync(`${root}data/geography/census-divisions.yaml`, "utf8")).source.id as string;
const specialties = (
  parse(readFileSync(`${root}data/specialties.yaml`, "utf8")).specialties as { id: string }[]
).map((s) => s.id);

describe("the committed program catalog", () => {
  it("parses, and every program passes the program schema", () => {
    expect(parsed.success).toBe(true);
    const failures = catalog.programs.filter((p) => !programSchema.safeParse(p).success).map((p) => p.id);
    expect(failures).toEqual([]);
  });

  it.each([
    ["diagnostic-radiology", 190],
    ["interventional-radiology", 90],
    ["internal-medicine", 640],
    ["family-medicine", 700],
    ["transitional-year", 200],
    ["preliminary-medicine", 300],
    ["preliminary-surgery", 200],
  ])("holds at least the expected programs of %s (%i)", (specialty, minimum) => {
    expect(catalog.programs.filter((p) => p.specialty === specialty).length).toBeGreaterThanOrEqual(minimum);
  });

  it("covers every Residency Explorer specialty of the registry", () => {
    const present = new Set(catalog.programs.map((p) => p.specialty));
    const withRates = new Set(
      catalog.programs.filter((p) => p.interviewRates !== null).map((p) => p.specialty),
    );
    expect([...present].every((s) => specialties.includes(s))).toBe(true);
    expect(withRates.size).toBeGreaterThanOrEqual(22);
  });

  it("cites every non-null field exactly once, to a known source", () => {
    const problems: string[] = [];
    for (const p of catalog.programs) {
      for (const field of CITED_FIELDS) {
        const citing = p.provenance.filter((e) => e.fields.includes(field));
        if (p[field] !== null && citing.length !== 1)
          problems.push(`${p.id}.${field}: ${citing.length} citations`);
        if (p[field] === null && citing.length > 0) problems.push(`${p.id}.${field}: null but cited`);
      }
      for (const e of p.provenance) {
        if (!(e.source in sources) && e.source !== census)
          problems.push(`${p.id}: unknown source ${e.source}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it("carries the program-reported visa answers of neurology programs, cited to their Residency Explorer pages", () => {
    const neurology = catalog.programs.filter((p) => p.specialty === "neurology");
    const answered = neurology.filter((p) => p.visa !== null);
    expect(answered.length).toBeGreaterThanOrEqual(150);
    for (const p of answered)
      expect(p.provenance.find((e) => e.fields.includes("visa"))?.source).toBe(
        "aamc-residency-explorer-neurology-2026",
      );
    expect(answered.filter((p) => p.visa?.h1b === true).length).toBeGreaterThanOrEqual(30);
  });

  it("has unique ids", () => {
    expect(new Set(catalog.programs.map((p) => p.id)).size).toBe(catalog.programs.length);
  });

  it("counts its programs per specialty correctly in the metadata", () => {
    const counts: Record<string, number> = {};
    for (const p of catalog.programs) counts[p.specialty] = (counts[p.specialty] ?? 0) + 1;
    expect(catalog.metadata.programsPerSpecialty).toEqual(counts);
  });

  it("is what a fresh build of data/raw produces", () => {
    const fresh = buildCatalog({ root, raw: `${root}data/raw`, out: path });
    expect(fresh.text === text).toBe(true);
  });

  it("stays a few MB", () => {
    expect(Buffer.byteLength(text)).toBeLessThan(5 * 1024 * 1024);
  });
});
