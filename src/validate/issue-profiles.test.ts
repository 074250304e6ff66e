import { describe, expect, it } from "vitest";
import { type ProfileResult, profileMissRows } from "./issue-profiles.ts";
import type { JudgedRow } from "./judge-rows.ts";
import type { ListMeasurement } from "./plan-at-applications.ts";

/**
 * `profileMissRows`: a checked profile that misses its band becomes the band's recorded miss only
 * where the band's cohort row does not already miss, once per band, with the profile's own
 * difference, name and score.
 */
const band = { label: "220–229", lo: 220, hi: 229, published: 0.58, applicants: 111 };

function profile(
  name: string,
  conditional: number,
  status: ProfileResult["status"],
  score = 220,
): ProfileResult {
  return {
    name,
    specialty: "diagnostic-radiology",
    record: "",
    applicantType: "us-md",
    score,
    measurement: { conditional } as ListMeasurement,
    band,
    bandBasis: null,
    status,
    notJudged: null,
    note: null,
  };
}

function cohortRow(status: JudgedRow["status"]): JudgedRow {
  return {
    specialty: "diagnostic-radiology",
    applicantType: "us-md",
    measure: "band",
    band: "220–229",
    lo: 220,
    hi: 229,
    published: 0.58,
    applicants: 111,
    predicted: 0.54,
    difference: -0.04,
    status,
    heldOut: true,
  };
}

describe("profileMissRows", () => {
  it("records a missing profile in a band whose cohort row passes, with its own difference, name and score", () => {
    const rows = profileMissRows([profile("US MD, DR, 220", 0.392, "MISS")], [cohortRow("PASS")]);
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r?.status).toBe("MISS");
    expect(r?.band).toBe("220–229");
    expect(r?.difference).toBeCloseTo(0.392 - 0.58, 12);
    expect(r?.predicted).toBe(0.392);
    expect(r?.profile).toBe("US MD, DR, 220");
    expect(r?.profileStep2ck).toBe(220);
    expect(r?.heldOut).toBe(true);
  });

  it("adds nothing where the cohort row already misses, or where the profile passes, is thin or is not judged", () => {
    expect(profileMissRows([profile("a", 0.392, "MISS")], [cohortRow("MISS")])).toEqual([]);
    expect(profileMissRows([profile("b", 0.55, "PASS")], [cohortRow("PASS")])).toEqual([]);
    expect(profileMissRows([profile("c", 0.3, "THIN")], [cohortRow("PASS")])).toEqual([]);
    expect(profileMissRows([profile("d", 0.3, null)], [cohortRow("PASS")])).toEqual([]);
  });

  it("records a band once, from the first profile that misses it", () => {
    const rows = profileMissRows(
      [profile("first", 0.39, "MISS"), profile("second", 0.31, "MISS", 221)],
      [cohortRow("PASS")],
    );
    expect(rows.map((r) => r.profile)).toEqual(["first"]);
  });

  it("records a profile's band even where no cohort row was judged for it", () => {
    const rows = profileMissRows([profile("alone", 0.2, "MISS")], []);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.heldOut).toBe(true);
  });
});
