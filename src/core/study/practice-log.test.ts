import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { parsePracticeLog } from "./practice-log.ts";

const rb = repositoryRulebook();

describe("parsePracticeLog", () => {
  it("accepts NBME, UWSA, Free 120 and other entries and sorts them by date", () => {
    const r = parsePracticeLog(
      rb,
      [
        { date: "2026-05-10", kind: "uwsa", form: 2, score: 251 },
        { date: "2026-05-01", kind: "nbme", form: "12", score: 240 },
        { date: "2026-05-12", kind: "free120", form: null, score: 248 },
        { date: "2026-05-13", kind: "other", form: "AMBOSS SA", score: 245 },
      ],
      "2026-05-19",
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.value.map((e) => [e.date, e.form])).toEqual([
        ["2026-05-01", 12],
        ["2026-05-10", 2],
        ["2026-05-12", null],
        ["2026-05-13", "AMBOSS SA"],
      ]);
  });

  it("names the entry and field of every problem", () => {
    const r = parsePracticeLog(
      rb,
      [
        { date: "2026-02-30", kind: "nbme", form: 12, score: 240 },
        { date: "2026-05-01", kind: "kaplan", score: 240 },
        { date: "2026-05-02", kind: "nbme", score: 301 },
        { date: "2026-06-01", kind: "uwsa", form: 3, score: 240, extra: 1 },
      ],
      "2026-05-19",
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path)).toEqual([
        "log[0].date",
        "log[1].kind",
        "log[2].score",
        "log[2].form",
        "log[3].extra",
        "log[3].date",
        "log[3].form",
      ]);
  });

  it("rejects a log that is not an array, or is empty", () => {
    expect(parsePracticeLog(rb, { date: "2026-05-01" }, "2026-05-19")).toMatchObject({ ok: false });
    expect(parsePracticeLog(rb, [], "2026-05-19")).toMatchObject({ ok: false, issues: [{ path: "log" }] });
  });
});
