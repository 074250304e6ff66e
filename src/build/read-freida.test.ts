import { describe, expect, it } from "vitest";
import { parseVisaStatuses, readFreidaListings } from "./read-freida.ts";

describe("parseVisaStatuses", () => {
  it("reads a listed visa as sponsored and an unlisted one as not", () => {
    expect(parseVisaStatuses("['J-1 through ECFMG']")).toEqual({ j1: true, h1b: false });
    expect(parseVisaStatuses("['J-1 through ECFMG', 'H-1B', 'F-1']")).toEqual({ j1: true, h1b: true });
  });

  it("reads the dict form FREIDA uses in a few rows", () => {
    const dicts =
      "[{'value': 'J-1 through ECFMG', 'label': 'J-1 visa sponsorship through ECFMG'}, {'value': 'H-1B', 'label': 'H-1B visa'}]";
    expect(parseVisaStatuses(dicts)).toEqual({ j1: true, h1b: true });
  });

  it("treats an empty list as not reported, not as no sponsorship", () => {
    expect(parseVisaStatuses("[]")).toEqual({ j1: null, h1b: null });
    expect(parseVisaStatuses("")).toEqual({ j1: null, h1b: null });
  });
});

describe("readFreidaListings", () => {
  it("takes the ACGME ID from the listing link", () => {
    expect(readFreidaListings('[{"title":"Southeast Health Program","link":"/program/9990100003"}]')).toEqual(
      [{ acgmeId: "9990100003", name: "Southeast Health Program" }],
    );
  });
});
