import { describe, expect, it } from "vitest";
import type { InterviewRates, Program } from "./program.ts";
import { searchPrograms } from "./search-programs.ts";

const rates = (nonUsImg: number | null): InterviewRates => ({
  md: null,
  do: null,
  usImg: null,
  nonUsImg,
  inState: null,
  outOfState: null,
  signal: { gold: null, silver: null, none: null, any: null },
});

const program = (id: string, over: Partial<Program>): Program => ({
  id,
  name: id,
  institution: null,
  city: null,
  state: null,
  division: null,
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

const catalog = {
  programs: [
    program("ny-j1-h1b", { state: "NY", visa: { j1: true, h1b: true }, interviewRates: rates(0.3) }),
    program("ny-j1", { state: "NY", visa: { j1: true, h1b: false }, interviewRates: rates(0.05) }),
    program("tx-unknown-visa", { state: "TX", visa: { j1: null, h1b: null }, interviewRates: rates(null) }),
    program("tx-no-freida", { state: "TX" }),
    program("dr-ny", { state: "NY", specialty: "diagnostic-radiology", interviewRates: rates(0.2) }),
  ],
};
const ids = (found: Program[]) => found.map((p) => p.id);

describe("searchPrograms", () => {
  it("returns the programs of one specialty, in catalog order", () => {
    expect(ids(searchPrograms(catalog, { specialty: "internal-medicine" }))).toEqual([
      "ny-j1-h1b",
      "ny-j1",
      "tx-unknown-visa",
      "tx-no-freida",
    ]);
  });

  it("filters by state, whatever its case", () => {
    expect(ids(searchPrograms(catalog, { specialty: "internal-medicine", state: "tx" }))).toEqual([
      "tx-unknown-visa",
      "tx-no-freida",
    ]);
  });

  it("keeps only programs known to sponsor the visa asked for", () => {
    expect(ids(searchPrograms(catalog, { specialty: "internal-medicine", visa: "h1b" }))).toEqual([
      "ny-j1-h1b",
    ]);
    expect(ids(searchPrograms(catalog, { specialty: "internal-medicine", visa: "j1" }))).toEqual([
      "ny-j1-h1b",
      "ny-j1",
    ]);
  });

  it("keeps only programs whose non-US-IMG interview rate reaches the minimum, leaving unknown rates out", () => {
    expect(ids(searchPrograms(catalog, { specialty: "internal-medicine", minImgRate: 0.05 }))).toEqual([
      "ny-j1-h1b",
      "ny-j1",
    ]);
    expect(ids(searchPrograms(catalog, { specialty: "internal-medicine", minImgRate: 0 }))).toEqual([
      "ny-j1-h1b",
      "ny-j1",
    ]);
  });

  it("combines criteria", () => {
    expect(
      ids(
        searchPrograms(catalog, { specialty: "internal-medicine", state: "NY", visa: "j1", minImgRate: 0.1 }),
      ),
    ).toEqual(["ny-j1-h1b"]);
  });

  it("finds nothing for a specialty the catalog lacks", () => {
    expect(searchPrograms(catalog, { specialty: "dermatology" })).toEqual([]);
  });
});
