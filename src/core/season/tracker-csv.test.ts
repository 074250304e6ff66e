import { describe, expect, it } from "vitest";
import { validateTracker } from "./tracker.ts";
import { trackerFromCsv, trackerToCsv } from "./tracker-csv.ts";

const catalog = new Map([
  ["1234420A0", "Alpha Medical Center Program"],
  ["2345420A0", "Beta University Program"],
  ["3456420A0", "Gamma, Delta Hospital Program"],
]);

describe("the tracker as a spreadsheet", () => {
  it("imports a spreadsheet with an unknown program and a bad date: both reported by line, every other row kept", () => {
    const csv = [
      "Program,Date applied,Invited,Interview date,Rejected,Rank,Notes,Coordinator",
      "Alpha Medical Center Program,2025-09-03,yes,2025-11-14,,1,loved it,Dr A",
      "Unknown Program Of Nowhere,2025-09-03,,,,,,",
      'Beta University Program,2025-09-31,,,yes,,"said ""no""",',
      '"Gamma, Delta Hospital Program",2025-09-04,2025-10-20,,,,,',
      "",
    ].join("\r\n");
    const r = trackerFromCsv(csv, catalog);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["unknown_reference", "line 3"],
        ["invalid_value", "line 4: Applied"],
      ]),
    );
    expect(r.unmatched).toEqual([
      { line: 3, row: expect.objectContaining({ Program: "Unknown Program Of Nowhere" }) },
    ]);
    expect(r.entries.map((e) => e.programId)).toEqual(["1234420A0", "2345420A0", "3456420A0"]);
    const [alpha, beta, gamma] = r.entries;
    expect(alpha).toMatchObject({
      applied: "2025-09-03",
      invited: true,
      interviewDate: "2025-11-14",
      rank: 1,
    });
    expect(alpha?.notes).toBe("loved it; Coordinator: Dr A");
    expect(beta).toMatchObject({ applied: null, rejected: true });
    expect(beta?.notes).toContain('said "no"');
    expect(beta?.notes).toContain("Applied: 2025-09-31");
    expect(gamma).toMatchObject({ invited: true, invitedOn: "2025-10-20" });
  });

  it("exports what it imports", () => {
    const t = validateTracker({
      specialty: "diagnostic-radiology",
      matchYear: 2026,
      entries: [
        {
          programId: "3456420A0",
          applied: "2025-09-03",
          invited: true,
          invitedOn: "2025-10-01",
          notes: 'a, "b"',
        },
        { programId: "1234420A0", applied: "2025-09-05", rejected: true },
      ],
    });
    if (!t.ok) throw new Error("invalid");
    const back = trackerFromCsv(trackerToCsv(t.value, catalog), catalog);
    expect(back.issues).toEqual([]);
    expect(back.entries).toEqual(t.value.entries);
  });
});

describe("the season's calendar", () => {
  it("has each interview and the season's deadlines, each with reminders", async () => {
    const { repositoryRulebook } = await import("../../io/load-rulebook.ts");
    const { repositorySeasonModel } = await import("../../io/load-season-model.ts");
    const { cycleFor } = await import("../assess/application-cycle.ts");
    const { seasonIcs } = await import("./season-ics.ts");
    const rb = repositoryRulebook();
    const t = validateTracker({
      specialty: "diagnostic-radiology",
      matchYear: 2026,
      entries: [
        { programId: "1234420A0", applied: "2025-09-03", invited: true, interviewDate: "2025-11-14" },
      ],
    });
    if (!t.ok) throw new Error("invalid");
    const ics = seasonIcs(t.value, cycleFor(rb, 2026), repositorySeasonModel(), catalog, "2025-10-01");
    expect(ics).toContain("SUMMARY:Interview: Alpha Medical Center Program");
    expect(ics).toContain("DTSTART;VALUE=DATE:20251114");
    expect(ics).toContain("SUMMARY:Rank-order list deadline");
    expect(ics).toContain("DTSTART;VALUE=DATE:20260225");
    expect(ics.match(/BEGIN:VALARM/g)?.length).toBeGreaterThanOrEqual(2 * 2);
    expect(ics).toContain("TRIGGER:-P7D");
  });
});
