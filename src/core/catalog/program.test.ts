import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type Catalog,
  catalogSchema,
  expandValidatedCatalog,
  type Program,
  programSchema,
  programSources,
  provenanceOf,
} from "./program.ts";

const program: Program = {
  id: "nrmp-1714420a0",
  name: "University of Texas Medical Branch Hospitals Program",
  institution: "U Texas Med Branch-Galveston",
  city: "Galveston",
  state: "TX",
  division: "West South Central",
  specialty: "diagnostic-radiology",
  track: "advanced",
  nrmpCode: "1714420A0",
  nrmpTitle: "Radiology-Diagnostic",
  acgmeId: null,
  coordinates: null,
  interviewRates: {
    md: 0.12,
    do: 0.08,
    usImg: 0.1,
    nonUsImg: 0.21,
    inState: 0.3,
    outOfState: 0.05,
    signal: { gold: 0.5, silver: 0.4, none: 0.06, any: null },
  },
  visa: null,
  imgShare: null,
  programType: null,
  pgy1Positions: null,
  interviewsLastYear: null,
  website: null,
  unfilledHistory: [{ year: 2025, offered: 4, filled: 3 }],
  provenance: [
    {
      source: "nrmp-program-list-2023",
      vintage: "2023",
      fields: ["institution", "specialty", "track", "nrmpCode", "nrmpTitle"],
    },
    {
      source: "aamc-residency-explorer-2024",
      vintage: "2024",
      fields: ["name", "city", "state", "interviewRates"],
    },
  ],
};

describe("programSchema", () => {
  it("accepts a complete program", () => {
    expect(programSchema.safeParse(program).success).toBe(true);
  });

  it("rejects an interview rate written as a percentage", () => {
    const percent = { ...program, interviewRates: { ...program.interviewRates, nonUsImg: 21 } };
    expect(programSchema.safeParse(percent).success).toBe(false);
  });

  it("rejects a state that is not a two-letter code and a division that is not a census division", () => {
    expect(programSchema.safeParse({ ...program, state: "Texas" }).success).toBe(false);
    expect(programSchema.safeParse({ ...program, division: "Southwest" }).success).toBe(false);
  });

  it("rejects a Match year with more positions filled than offered", () => {
    const overfilled = { ...program, unfilledHistory: [{ year: 2025, offered: 4, filled: 5 }] };
    expect(programSchema.safeParse(overfilled).success).toBe(false);
  });
});

describe("provenanceOf", () => {
  it("finds the entry that cites a field", () => {
    expect(provenanceOf(program, "interviewRates")?.source).toBe("aamc-residency-explorer-2024");
    expect(provenanceOf(program, "website")).toBeUndefined();
  });
});

describe("programSources", () => {
  it("names each source of the program's fields once, in provenance order, read again or not", () => {
    const sources = programSources(program);
    expect(sources).toEqual([...new Set(program.provenance.map((e) => e.source))]);
    expect(programSources(program)).toEqual(sources);
  });

  it("gives every program of the repository's catalog the sources computed without the memo, twice over", () => {
    const catalog = catalogSchema.parse(
      JSON.parse(readFileSync(new URL("../../../data/catalog/programs.json", import.meta.url), "utf8")),
    );
    for (let pass = 0; pass < 2; pass++)
      for (const p of catalog.programs)
        expect(programSources(p)).toEqual([...new Set(p.provenance.map((e) => e.source))]);
  });

  it("gives every caller the same frozen list: no caller can change what a later one gets", () => {
    const first = programSources(program);
    expect(programSources(program)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as string[]).push("changed-by-a-caller")).toThrow(TypeError);
    expect(programSources(program)).not.toContain("changed-by-a-caller");
  });
});

describe("catalogSchema", () => {
  const metadata: Catalog["metadata"] = {
    schemaVersion: 1,
    description: "test",
    inputs: [],
    programsPerSpecialty: { "diagnostic-radiology": 1 },
    joinRates: [],
  };
  const { provenance, ...rest } = program;
  const stored = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));

  it("restores left-out nulls and shared provenance profiles", () => {
    const file = {
      metadata: { ...metadata, provenanceProfiles: { p1: provenance } },
      programs: [{ ...stored, provenance: "p1" }],
    };
    const parsed = catalogSchema.safeParse(file);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.programs[0]).toEqual(program);
  });

  it("rejects a program naming a profile the file does not hold", () => {
    const file = {
      metadata: { ...metadata, provenanceProfiles: {} },
      programs: [{ ...stored, provenance: "p1" }],
    };
    const parsed = catalogSchema.safeParse(file);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/p1/);
  });
});

describe("expandValidatedCatalog (the page's start-up path for a file the build validated)", () => {
  it("gives exactly what catalogSchema gives for the repository's catalog", () => {
    const file = JSON.parse(
      readFileSync(new URL("../../../data/catalog/programs.json", import.meta.url), "utf8"),
    );
    const parsed = catalogSchema.parse(file);
    expect(expandValidatedCatalog(file)).toEqual(parsed);
  });

  it.each([
    ["not an object", "catalog"],
    ["no programs", { metadata: { schemaVersion: 1 } }],
    ["another schema version", { metadata: { schemaVersion: 2 }, programs: [] }],
    ["no metadata", { programs: [] }],
  ])("refuses a file with %s", (_, file) => {
    expect(expandValidatedCatalog(file)).toBeNull();
  });
});
