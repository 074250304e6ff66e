import { describe, expect, it } from "vitest";
import { learnAcgmeStateCodes } from "./acgme-state-codes.ts";

describe("learnAcgmeStateCodes", () => {
  it("learns the state of ACGME ID digits 4–5 from listings that give both", () => {
    const table = learnAcgmeStateCodes([
      { acgmeId: "1401131539", state: "FL" },
      { acgmeId: "1404821001", state: "TX" },
    ]);
    expect(table.get("11")).toBe("FL");
    expect(table.get("48")).toBe("TX");
  });

  it("drops a code whose listings disagree too often to trust", () => {
    const table = learnAcgmeStateCodes([
      { acgmeId: "1401912345", state: "KS" },
      { acgmeId: "1401912346", state: "MO" },
    ]);
    expect(table.has("19")).toBe(false);
  });
});
