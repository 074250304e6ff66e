import { describe, expect, it } from "vitest";
import {
  decodeLocalCopy,
  encodeLocalCopy,
  forgetLocalCopy,
  KEEP_KEY,
  keepsLocalCopy,
  LOCAL_COPY_KEY,
  type LocalCopy,
  readLocalCopy,
  setKeepsLocalCopy,
  writeLocalCopy,
} from "../../web/src/local-copy.ts";
import { EMPTY_DRAFT } from "../../web/src/profile/draft.ts";

/** A Storage in memory, with a switch that makes every write fail (a full or disabled store). */
function memoryStorage(): Storage & { refuse: boolean; data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    refuse: false,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => {
      data.delete(k);
    },
    setItem(k, v) {
      if (this.refuse) throw new Error("QuotaExceededError");
      data.set(k, v);
    },
  };
}

const copy: Omit<LocalCopy, "keptAt"> = {
  draft: {
    ...EMPTY_DRAFT,
    applicantType: "non-us-img",
    step2Score: "236",
    regions: ["Mountain"],
    homeProgram: true,
  },
  specialty: "diagnostic-radiology",
  planned: true,
  edits: { removed: new Set(["a"]), added: ["b", "c"], statuses: new Map([["b", "applied"]]) },
  log: [{ date: "2026-11-01", kind: "nbme", form: 12, score: 241 }],
  tracker: [{ programId: "b", applied: "2026-09-20", invited: true } as LocalCopy["tracker"][number]],
  saved: { id: "abc", version: 3 },
};

describe("the work kept in this browser", () => {
  it("comes back as it was kept: sets, maps, the log, the tracker and the saved plan's link", () => {
    const back = decodeLocalCopy(encodeLocalCopy(copy, "2026-12-07T10:00:00.000Z"));
    expect(back).toEqual({ ...copy, keptAt: "2026-12-07T10:00:00.000Z" });
  });

  it("drops what does not fit field by field, keeping the rest", () => {
    const kept = JSON.parse(encodeLocalCopy(copy, "2026-12-07T10:00:00.000Z"));
    kept.draft.step2Score = 236; // a number where the form keeps text
    kept.draft.regions = ["Mountain", 7];
    kept.draft.unknownField = "x";
    kept.edits.statuses = [["b", "applied"], ["c", "lost"], "junk"];
    kept.log.push({ date: 5, kind: "nbme", score: 240, form: 1 });
    kept.tracker.push({ nope: true });
    kept.saved = { id: "abc", version: "3" };
    const back = decodeLocalCopy(JSON.stringify(kept));
    expect(back?.draft.step2Score).toBe("");
    expect(back?.draft.applicantType).toBe("non-us-img");
    expect(back?.draft.regions).toEqual(["Mountain"]);
    expect(back?.draft).not.toHaveProperty("unknownField");
    expect([...(back?.edits.statuses ?? [])]).toEqual([["b", "applied"]]);
    expect(back?.log).toEqual(copy.log);
    expect(back?.tracker).toEqual(copy.tracker);
    expect(back?.saved).toBeNull();
    expect(back?.specialty).toBe("diagnostic-radiology");
  });

  it("reads nothing from another version, broken JSON or nothing at all", () => {
    const other = JSON.parse(encodeLocalCopy(copy, "t"));
    other.version = 2;
    expect(decodeLocalCopy(JSON.stringify(other))).toBeNull();
    expect(decodeLocalCopy("{ not json")).toBeNull();
    expect(decodeLocalCopy("[]")).toBeNull();
    expect(decodeLocalCopy(null)).toBeNull();
  });

  it("is written, read and forgotten through the browser's storage, and says when the browser refuses", () => {
    const s = memoryStorage();
    expect(readLocalCopy(s)).toBeNull();
    expect(writeLocalCopy(s, copy, "2026-12-07T10:00:00.000Z")).toBe(true);
    expect(readLocalCopy(s)?.saved).toEqual({ id: "abc", version: 3 });
    s.refuse = true;
    expect(writeLocalCopy(s, { ...copy, specialty: "pediatrics" }, "later")).toBe(false);
    expect(readLocalCopy(s)?.specialty).toBe("diagnostic-radiology"); // the last good copy stays
    forgetLocalCopy(s);
    expect(s.data.has(LOCAL_COPY_KEY)).toBe(false);
    expect(writeLocalCopy(null, copy, "t")).toBe(false);
  });

  it("keeps by default; choosing not to removes the copy at once, and choosing again keeps anew", () => {
    const s = memoryStorage();
    expect(keepsLocalCopy(s)).toBe(true);
    writeLocalCopy(s, copy, "t");
    setKeepsLocalCopy(s, false);
    expect(keepsLocalCopy(s)).toBe(false);
    expect(s.data.has(LOCAL_COPY_KEY)).toBe(false);
    expect(s.data.get(KEEP_KEY)).toBe("no");
    setKeepsLocalCopy(s, true);
    expect(keepsLocalCopy(s)).toBe(true);
    expect(s.data.has(KEEP_KEY)).toBe(false);
  });
});
