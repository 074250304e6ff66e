import { describe, expect, it } from "vitest";
import {
  decodeLocalCopy,
  encodeLocalCopy,
  forgetAllKeptWork,
  forgetKeptWork,
  KEEP_KEY,
  KEPT_PREFIX,
  keepsLocalCopy,
  LOCAL_COPY_KEY,
  type LocalCopy,
  MAX_KEPT,
  newSlot,
  readKeptWorks,
  setKeepsLocalCopy,
  writeKeptWork,
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
    expect(readKeptWorks(s)).toEqual([]);
    expect(writeKeptWork(s, "a1", copy, "2026-12-07T10:00:00.000Z")).toEqual({ ok: true, dropped: [] });
    expect(readKeptWorks(s).map((w) => [w.slot, w.saved])).toEqual([["a1", { id: "abc", version: 3 }]]);
    s.refuse = true;
    expect(writeKeptWork(s, "a1", { ...copy, specialty: "pediatrics" }, "later").ok).toBe(false);
    expect(readKeptWorks(s)[0]?.specialty).toBe("diagnostic-radiology"); // the last good copy stays
    s.refuse = false;
    forgetKeptWork(s, "a1");
    expect(s.data.size).toBe(0);
    expect(writeKeptWork(null, "a1", copy, "t").ok).toBe(false);
    expect(readKeptWorks(null)).toEqual([]);
  });

  it("keeps each page's work under its own slot: one page never writes over another's", () => {
    const s = memoryStorage();
    writeKeptWork(s, "tab-a", copy, "2026-12-07T10:00:00.000Z");
    writeKeptWork(s, "tab-b", { ...copy, specialty: "neurology" }, "2026-12-07T11:00:00.000Z");
    writeKeptWork(s, "tab-a", { ...copy, specialty: "pediatrics" }, "2026-12-07T12:00:00.000Z");
    // The most recently kept first; one slot can be left out (a page's own work is not offered to it).
    expect(readKeptWorks(s).map((w) => [w.slot, w.specialty])).toEqual([
      ["tab-a", "pediatrics"],
      ["tab-b", "neurology"],
    ]);
    expect(readKeptWorks(s, "tab-a").map((w) => w.slot)).toEqual(["tab-b"]);
    expect([...s.data.keys()].sort()).toEqual([`${KEPT_PREFIX}tab-a`, `${KEPT_PREFIX}tab-b`]);
  });

  it("reads the one copy an earlier page kept as one more work, and leaves copies of another version alone", () => {
    const s = memoryStorage();
    s.data.set(LOCAL_COPY_KEY, encodeLocalCopy(copy, "2026-12-01T09:00:00.000Z"));
    s.data.set(`${KEPT_PREFIX}future`, JSON.stringify({ version: 99, keptAt: "2026-12-09" }));
    s.data.set("matchplan.keep", "yes");
    s.data.set("unrelated", encodeLocalCopy(copy, "2026-12-02T09:00:00.000Z"));
    const works = readKeptWorks(s);
    expect(works).toHaveLength(1);
    expect(works[0]).toMatchObject({ specialty: "diagnostic-radiology", keptAt: "2026-12-01T09:00:00.000Z" });
    forgetKeptWork(s, works[0]?.slot ?? "");
    expect(s.data.has(LOCAL_COPY_KEY)).toBe(false);
    expect(s.data.has(`${KEPT_PREFIX}future`)).toBe(true);
  });

  it(`keeps at most ${MAX_KEPT} works, removing the one kept longest ago and naming it`, () => {
    const s = memoryStorage();
    for (let i = 0; i < MAX_KEPT; i++)
      expect(
        writeKeptWork(s, `w${i}`, copy, `2026-12-07T10:${String(i).padStart(2, "0")}:00.000Z`).dropped,
      ).toEqual([]);
    const { ok, dropped } = writeKeptWork(s, "newest", copy, "2026-12-07T11:00:00.000Z");
    expect(ok).toBe(true);
    expect(dropped.map((d) => d.slot)).toEqual(["w0"]);
    expect(readKeptWorks(s)).toHaveLength(MAX_KEPT);
    // Writing the page's own slot again drops nothing more.
    expect(writeKeptWork(s, "newest", copy, "2026-12-07T11:01:00.000Z").dropped).toEqual([]);
  });

  it("gives each page a slot of its own", () => {
    const slots = new Set(Array.from({ length: 1_000 }, newSlot));
    expect(slots.size).toBe(1_000);
    for (const slot of slots) expect(slot).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps by default; choosing not to removes every kept work at once, and choosing again keeps anew", () => {
    const s = memoryStorage();
    expect(keepsLocalCopy(s)).toBe(true);
    writeKeptWork(s, "a", copy, "t1");
    writeKeptWork(s, "b", copy, "t2");
    s.data.set(LOCAL_COPY_KEY, encodeLocalCopy(copy, "t0"));
    setKeepsLocalCopy(s, false);
    expect(keepsLocalCopy(s)).toBe(false);
    expect([...s.data.keys()]).toEqual([KEEP_KEY]);
    expect(s.data.get(KEEP_KEY)).toBe("no");
    setKeepsLocalCopy(s, true);
    expect(keepsLocalCopy(s)).toBe(true);
    expect(s.data.has(KEEP_KEY)).toBe(false);
    writeKeptWork(s, "c", copy, "t3");
    forgetAllKeptWork(s);
    expect(s.data.size).toBe(0);
  });
});
