import { describe, expect, it } from "vitest";
import { nameTokens, normaliseName, stateNamedIn } from "./normalise-name.ts";

describe("normaliseName", () => {
  it("lowercases, drops punctuation and filler words, and reads St. as Saint", () => {
    expect(normaliseName("St. Luke's Hospital Program")).toBe("saint lukes hospital");
  });

  it("reads St as State after a place and before University", () => {
    expect(normaliseName("East Tennessee St Univ")).toBe("east tennessee state university");
    expect(normaliseName("Penn St")).toBe("penn state");
  });

  it("writes & as and, then drops it with the other filler words", () => {
    expect(normaliseName("Baylor Scott & White Med Ctr")).toBe("baylor scott white medical center");
  });

  it("drops 'University of' to the same canonical form as NRMP's 'U'", () => {
    expect(normaliseName("University of Texas Medical Branch")).toBe(normaliseName("U Texas Med Branch"));
  });

  it("writes out NRMP abbreviations", () => {
    expect(normaliseName("SUNY HSC Brooklyn")).toBe("suny health science center brooklyn");
    expect(normaliseName("Zucker SOM-Northwell")).toBe("zucker school medicine northwell");
  });

  it("reads capitalised state codes as states but leaves MD and LA alone", () => {
    expect(nameTokens("Medical University of SC")).toEqual(["medical", "university", "south", "carolina"]);
    expect(nameTokens("USC/LA General")).toContain("la");
    expect(nameTokens("3-yr MD Path")).toContain("md");
  });

  it("ignores accents and zero-width spaces", () => {
    expect(normaliseName("Hospital de la Concepción\u200b")).toBe("hospital de la concepcion");
  });
});

describe("stateNamedIn", () => {
  it("finds the one state a name spells out", () => {
    expect(stateNamedIn("U Kansas SOM-Wichita")).toBe("KS");
    expect(stateNamedIn("Northern NM Family Med")).toBe("NM");
    expect(stateNamedIn("Univ of Puerto Rico")).toBe("PR");
  });

  it("does not read West Virginia as Virginia", () => {
    expect(stateNamedIn("West Virginia University")).toBe("WV");
  });

  it("gives no state when a name names two, or none", () => {
    expect(stateNamedIn("University of Missouri-Kansas City")).toBeNull();
    expect(stateNamedIn("TidalHealth")).toBeNull();
  });
});
