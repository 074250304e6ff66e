import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../../test/support/scratch-dir.ts";
import { catalogSchema, type Program, provenanceOf } from "../core/catalog/program.ts";
import { buildCatalog } from "./build-catalog.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("./test-fixtures/raw", import.meta.url));
const nowhere = join(tmpdir(), "matchplan-no-catalog.json");

function build(raw = fixture) {
  return buildCatalog({ root, raw, out: nowhere });
}

function byId(programs: Program[], id: string): Program {
  const p = programs.find((x) => x.id === id);
  if (!p) throw new Error(`no program ${id}`);
  return p;
}

/** A copy of the fixture with every CSV's data rows in reverse order. */
function reversedFixture(): string {
  const dir = scratchDir("matchplan-raw-");
  cpSync(fixture, dir, { recursive: true });
  for (const folder of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, folder)).filter((f) => f.endsWith(".csv"))) {
      const path = join(dir, folder, file);
      const [header, ...rows] = readFileSync(path, "utf8").trimEnd().split("\n");
      writeFileSync(path, `${[header, ...rows.reverse()].join("\n")}\n`);
    }
  }
  return dir;
}

describe("building the catalog from a small fixture", () => {
  const { catalog, text } = build();
  const programs = catalog.programs;

  it("gives the same file, byte for byte, when built twice", () => {
    expect(build().text).toBe(text);
  });

  it("gives the same ids and records when the input rows come in another order", () => {
    const again = build(reversedFixture()).catalog.programs;
    expect(again.map((p) => p.id)).toEqual(programs.map((p) => p.id));
    expect(again).toEqual(programs);
  });

  it("ids programs by NRMP code, and Residency Explorer-only programs by specialty, state and name", () => {
    expect(programs.map((p) => p.id)).toContain("nrmp-1714420a0");
    expect(programs.map((p) => p.id)).toContain("re-diagnostic-radiology-va-naval-medical-center-portsmouth");
  });

  it("joins a Residency Explorer row to every NRMP track of its program", () => {
    for (const id of ["nrmp-1714420a0", "nrmp-1714420r0"]) {
      const p = byId(programs, id);
      expect(p.name).toBe("University of Texas Medical Branch Hospitals Program");
      expect(p.interviewRates?.nonUsImg).toBe(0.21);
      expect(provenanceOf(p, "interviewRates")?.source).toBe("aamc-residency-explorer-2024");
    }
    expect(byId(programs, "nrmp-1714420a0").track).toBe("advanced");
    expect(byId(programs, "nrmp-1714420r0").track).toBe("physician");
  });

  it("joins site-specific NRMP codes to the program named for that site", () => {
    expect(byId(programs, "nrmp-1978420c0").name).toMatch(/William Beaumont/);
    expect(byId(programs, "nrmp-1978420c1").name).toBe("Corewell Health (Dearborn) Program");
  });

  it("keeps interview rates off preliminary tracks and leaves unknowns null", () => {
    const prelim = byId(programs, "nrmp-1714140p0");
    expect(prelim.specialty).toBe("preliminary-medicine");
    expect(prelim.interviewRates).toBeNull();
    expect(prelim.visa).toBeNull();
    expect(byId(programs, "nrmp-1978420c1").interviewRates).toBeNull();
  });

  it("leaves out NRMP codes of specialties the registry does not hold", () => {
    expect(programs.some((p) => p.nrmpCode === "1714705C0")).toBe(false);
  });

  it("takes FREIDA visas, IMG share as a fraction, program type and positions for Internal Medicine", () => {
    const p = byId(programs, "nrmp-1102140c0");
    expect(p.visa).toEqual({ j1: false, h1b: true });
    expect(p.imgShare).toBeCloseTo(0.872);
    expect(p.programType).toBe("community-university-affiliated");
    expect(p.pgy1Positions).toBe(16);
    expect(provenanceOf(p, "visa")).toMatchObject({ source: "freida-im-2025", vintage: "2025-03-28" });
    expect(byId(programs, "nrmp-1714140c0").visa).toEqual({ j1: null, h1b: null });
  });

  it("reads a state from the institution name when the NRMP list has none, and derives the division", () => {
    const ty = byId(programs, "nrmp-1102999p0");
    expect(ty.state).toBe("FL");
    expect(ty.division).toBe("South Atlantic");
    expect(ty.name).toBe("AdventHealth Florida Program");
    expect(ty.acgmeId).toBe("9991100001");
  });

  it("keeps the Florida years a program took part in, with offered and filled positions", () => {
    expect(byId(programs, "nrmp-1102140c0").unfilledHistory).toEqual([
      { year: 2023, offered: 12, filled: 12 },
      { year: 2025, offered: 14, filled: 13 },
      { year: 2026, offered: 14, filled: 14 },
    ]);
  });

  it("reports join rates per source and specialty", () => {
    expect(catalog.metadata.joinRates).toContainEqual({
      from: "residency-explorer",
      to: "nrmp",
      specialty: "diagnostic-radiology",
      joined: 3,
      total: 4,
    });
  });

  it("writes a file that parses back into the same catalog", () => {
    const parsed = catalogSchema.safeParse(JSON.parse(text));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(catalog);
  });
});
