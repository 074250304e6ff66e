import { describe, expect, it } from "vitest";
import { editsFromSaved, heldIds, keptEdits, NO_EDITS, recordListChange } from "../../web/src/plan-edits.ts";

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
