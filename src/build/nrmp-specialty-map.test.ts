import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNrmpSpecialtyMap } from "./nrmp-specialty-map.ts";

const map = readNrmpSpecialtyMap(
  readFileSync(new URL("../../data/catalog/nrmp-specialties.yaml", import.meta.url), "utf8"),
);

describe("the NRMP code map", () => {
  it("sends Internal Medicine preliminary codes to preliminary-medicine and the rest to internal-medicine", () => {
    expect(map.resolve("140", "P")).toEqual({ specialty: "preliminary-medicine", track: "preliminary" });
    expect(map.resolve("140", "C")).toEqual({ specialty: "internal-medicine", track: "categorical" });
    expect(map.resolve("140", "M")).toEqual({ specialty: "internal-medicine", track: "categorical" });
  });

  it("calls every Transitional Year code a transitional track", () => {
    expect(map.resolve("999", "P")).toEqual({ specialty: "transitional-year", track: "transitional" });
  });

  it("maps advanced and physician tracks of Diagnostic Radiology", () => {
    expect(map.resolve("420", "A")).toEqual({ specialty: "diagnostic-radiology", track: "advanced" });
    expect(map.resolve("420", "R")).toEqual({ specialty: "diagnostic-radiology", track: "physician" });
  });

  it("leaves combined programs unmapped", () => {
    expect(map.resolve("705", "C")).toBeUndefined();
  });

  it("rejects a file that maps one code and track twice", () => {
    const twice = `source: x\ntracks: { C: categorical }\nspecialties:\n  - { specialty: a, code: "140", tracks: [C] }\n  - { specialty: b, code: "140", tracks: [C] }\n`;
    expect(() => readNrmpSpecialtyMap(twice)).toThrow(/twice/);
  });
});
