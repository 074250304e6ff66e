import { describe, expect, it } from "vitest";
import type { ListSummary } from "../../src/core/index.ts";
import {
  editsFromSaved,
  heldIds,
  keptEdits,
  leftOutMessage,
  NO_EDITS,
  recordListChange,
  replanMessage,
  savedLeftOut,
} from "../../web/src/plan-edits.ts";

const all = () => true;

describe("list edits that survive a re-plan", () => {
  it("a removed program stays removed when the new plan lists it again (budget change, specialty round trip)", () => {
    const dr = ["a", "b", "c"];
    const edits = recordListChange(NO_EDITS, dr, dr, ["a", "c"]);
    // Another budget: a longer list of the same specialty.
    expect(heldIds(["a", "b", "c", "d"], edits, all)).toEqual(["a", "c", "d"]);
    // Another specialty: nothing of it was removed.
    expect(heldIds(["x", "y"], edits, all)).toEqual(["x", "y"]);
    // Back: still removed.
    expect(heldIds(dr, edits, all)).toEqual(["a", "c"]);
  });

  it("an added program is kept where the new plan can list it, and dropped where it cannot", () => {
    const edits = recordListChange(NO_EDITS, ["a"], ["a"], ["a", "z"]);
    expect(heldIds(["a", "b"], edits, all)).toEqual(["a", "b", "z"]);
    expect(heldIds(["x"], edits, (id) => id !== "z")).toEqual(["x"]);
  });

  it("adding back a removed program undoes its removal; going back to the planner's list clears both", () => {
    const planned = ["a", "b"];
    let e = recordListChange(NO_EDITS, planned, planned, ["a"]);
    e = recordListChange(e, planned, ["a"], ["a", "b"]);
    expect([...e.removed]).toEqual([]);
    e = recordListChange(e, planned, ["a", "b"], ["a", "b", "z"]);
    e = recordListChange(e, planned, ["a", "b", "z"], planned);
    expect(e.added).toEqual([]);
    expect([...e.removed]).toEqual(["z"]);
    expect(heldIds(planned, e, all)).toEqual(planned);
  });

  it("a saved list becomes edits of the plan it is opened against", () => {
    const e = editsFromSaved(
      ["a", "b", "c"],
      [
        { programId: "a", status: "applied" },
        { programId: "z", status: "planned" },
      ],
    );
    expect(heldIds(["a", "b", "c"], e, all)).toEqual(["a", "z"]);
    expect(e.statuses.get("a")).toBe("applied");
  });

  it("says which edits still apply", () => {
    let e = recordListChange(NO_EDITS, ["a", "b"], ["a", "b"], ["a"]);
    e = { ...e, statuses: new Map([["a", "applied"]]) };
    expect(keptEdits(e, ["a", "b"], ["a"])).toEqual(["1 program you removed stays removed", "1 status kept"]);
    expect(keptEdits(e, ["x"], ["x"])).toEqual([]);
  });
});

describe("what a re-plan says", () => {
  const summary = (active: number, p: number, cost: number) =>
    ({ active, pMatch: { estimate: p, low: p / 2, high: p }, costUsd: cost }) as unknown as ListSummary;
  it("names the new specialty and budget, the figures before and after, and the edits kept", () => {
    expect(
      replanMessage({
        undone: false,
        specialty: "Interventional Radiology",
        budget: { usd: 3000 },
        before: summary(80, 0.734, 1995),
        after: summary(60, 0.61, 1500),
        kept: ["1 program you removed stays removed"],
      }),
    ).toBe(
      "Re-planned for Interventional Radiology, with a $3,000 budget: P(match) 73.4% → 61.0%, 80 → 60 programs, fees $1,995 → $1,500. Your edits: 1 program you removed stays removed.",
    );
  });
  it("says an undo and a changed profile", () => {
    expect(
      replanMessage({
        undone: true,
        specialty: null,
        budget: null,
        before: null,
        after: summary(1, 0.1, 1),
        kept: [],
      }),
    ).toBe("Undone: re-planned for your changed profile.");
  });
});

describe("a saved plan's programs the opened list cannot hold", () => {
  const saved = ["a", "b", "x", "gone-1", "gone-2"].map((programId) => ({ programId }));
  const planned = ["a"];
  const listable = new Set(["a", "b"]);
  const excluded = new Map([["x", "does not sponsor the J-1"]]);

  it("are sorted by why: a visa the program does not sponsor, or not a program of the specialty now", () => {
    const left = savedLeftOut(saved, planned, (id) => listable.has(id), excluded);
    expect(left).toEqual({ excluded: ["x"], absent: ["gone-1", "gone-2"] });
    expect(savedLeftOut(saved.slice(0, 2), planned, (id) => listable.has(id), excluded)).toEqual({
      excluded: [],
      absent: [],
    });
  });

  it("are named when the plan opens, with what saving again does, and nothing is said when none is left out", () => {
    const text = leftOutMessage({ excluded: ["x"], absent: ["gone-1", "gone-2"] }, "Diagnostic Radiology");
    expect(text).toBe(
      "3 programs of the saved plan are not on this list: 1 known not to sponsor the visa the profile needs; 2 not programs of Diagnostic Radiology in the current catalog (gone-1, gone-2). Saving again leaves them out.",
    );
    expect(leftOutMessage({ excluded: [], absent: ["g"] }, "Pediatrics")).toBe(
      "1 program of the saved plan is not on this list: 1 not a program of Pediatrics in the current catalog (g). Saving again leaves it out.",
    );
    expect(leftOutMessage({ excluded: [], absent: [] }, "Pediatrics")).toBe("");
  });
});
