import { describe, expect, it } from "vitest";
import { type JoinItem, joinByName } from "./join-by-name.ts";
import { inverseDocumentFrequency, nameDocument, nameSimilarity, tokensMatch } from "./name-similarity.ts";
import { nameTokens } from "./normalise-name.ts";

const acgme = (name: string, city: string, state: string): JoinItem => ({
  doc: nameDocument(nameTokens(name), nameTokens(city)),
  state,
});
const nrmp = (institution: string, state: string | null, sites: string[] = []): JoinItem => ({
  doc: nameDocument(nameTokens(institution), sites),
  state,
  sites,
});

describe("name similarity", () => {
  it("lets only the right, abbreviating side be cut short", () => {
    expect(tokensMatch("farmington", "farm")).toBe(true);
    expect(tokensMatch("mary", "maryland")).toBe(false);
  });

  it("scores an ACGME name against its NRMP short name above an unrelated one", () => {
    const weight = () => 1;
    const re = acgme("University of Texas Medical Branch Hospitals Program", "Galveston", "TX").doc;
    const same = nameSimilarity(re, nrmp("U Texas Med Branch-Galveston", "TX").doc, weight);
    const other = nameSimilarity(re, nrmp("Baylor Coll Med-Houston", "TX").doc, weight);
    expect(same).toBeGreaterThan(0.8);
    expect(other).toBeLessThan(0.3);
  });

  it("matches an NRMP acronym against the words it abbreviates", () => {
    const weight = () => 1;
    const re = acgme(
      "Advocate Health Care/Advocate Illinois Masonic Medical Center Program",
      "Chicago",
      "IL",
    ).doc;
    const withAcronym = nameSimilarity(re, nrmp("Advocate Health Care", "IL", ["aimmc"]).doc, weight);
    const withOther = nameSimilarity(re, nrmp("Advocate Health Care", "IL", ["algh"]).doc, weight);
    expect(withAcronym).toBeGreaterThan(withOther);
  });
});

describe("joinByName on a small fixture", () => {
  const left = [
    acgme("University of Texas Medical Branch Hospitals Program", "Galveston", "TX"),
    acgme("Corewell Health (Dearborn) Program", "Dearborn", "MI"),
    acgme("Corewell Health William Beaumont University Hospital Program", "Royal Oak", "MI"),
    acgme("AdventHealth Florida Program", "Orlando", "FL"),
    acgme("Naval Medical Center (Portsmouth) Program", "Portsmouth", "VA"),
  ];
  const right = [
    nrmp("Beaumont Health", "MI", ["royal", "oak"]),
    nrmp("U Texas Med Branch-Galveston", "TX"),
    nrmp("Beaumont Health", "MI", ["dearborn"]),
    nrmp("AdventHealth Florida", null),
    nrmp("U Texas Med Branch-Galveston", "FL"),
  ];
  const weight = inverseDocumentFrequency([...left, ...right].map((i) => i.doc));
  const pairs = joinByName(left, right, weight);
  const joined = Object.fromEntries(pairs.map((p) => [p.left, p.right]));

  it("joins each program to the NRMP entry for the same place", () => {
    expect(joined).toMatchObject({ 0: 1, 1: 2, 2: 0 });
  });

  it("joins an NRMP entry without a state when the names agree closely", () => {
    expect(joined[3]).toBe(3);
  });

  it("leaves a program with no counterpart unjoined, and never joins across states", () => {
    expect(joined[4]).toBeUndefined();
    expect(pairs.some((p) => p.right === 4)).toBe(false);
  });

  it("uses each item at most once", () => {
    expect(new Set(pairs.map((p) => p.right)).size).toBe(pairs.length);
  });
});
