import { describe, expect, it } from "vitest";
import { readVisaListings } from "./read-residency-explorer-visa.ts";

const header =
  "program_name,acgme_program_code,city,state,j1_sponsorship_through_ecfmg,h1b,f1_opt_1st_year\n";

describe("reading Residency Explorer program pages with visa answers", () => {
  it("reads Yes and No as the program's answer, and an empty cell as no answer", () => {
    const rows = readVisaListings(
      `${header}A Program,1801100008,Orlando,FL,Yes,Yes,No\nB Program,1802600001,Minneapolis,MN,Yes,No,No\nC Program,1803500001,Albany,NY,,,\n`,
    );
    expect(rows.map((r) => r.visa)).toEqual([{ j1: true, h1b: true }, { j1: true, h1b: false }, null]);
    expect(rows[0]).toMatchObject({ acgmeId: "1801100008", name: "A Program", city: "Orlando", state: "FL" });
  });

  it("refuses an answer that is neither Yes, No nor empty, naming the column", () => {
    expect(() => readVisaListings(`${header}A Program,1801100008,Orlando,FL,Maybe,No,No\n`)).toThrow(
      /j1_sponsorship_through_ecfmg "Maybe"/,
    );
  });

  it("refuses a program code that is not a 10-digit ACGME ID", () => {
    expect(() => readVisaListings(`${header}A Program,18011,Orlando,FL,Yes,No,No\n`)).toThrow(
      /not a 10-digit ACGME program ID/,
    );
  });
});
