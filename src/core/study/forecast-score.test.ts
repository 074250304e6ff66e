import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { addDays } from "./dates.ts";
import { forecastScore } from "./forecast-score.ts";
import type { PracticeExam } from "./types.ts";

const rb = repositoryRulebook();
const nbme = (date: string, form: number, score: number): PracticeExam => ({
  date,
  kind: "nbme",
  form,
  score,
});
const run = (
  log: PracticeExam[],
  target: number,
  asOf = "2026-05-19",
  examDate: string | undefined = "2026-05-29",
) => {
  const r = forecastScore(rb, { log, target, asOf, ...(examDate ? { examDate } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
};
const short = [nbme("2026-05-04", 11, 228), nbme("2026-05-11", 12, 236), nbme("2026-05-18", 13, 241)];
const rising = [nbme("2026-05-04", 11, 248), nbme("2026-05-11", 12, 252), nbme("2026-05-18", 13, 255)];

describe("forecastScore", () => {
  it("NBMEs 228 → 236 → 241, target 250, exam in 10 days: consider postponing, with the reason", () => {
    const f = run(short, 250);
    expect(["consider-postponing", "postpone"]).toContain(f.decision);
    expect(f.forecast.estimate).toBeLessThan(245);
    expect(f.because.find((b) => b.ruleId === "G2")?.note).toMatch(/below the target 250/);
    expect(f.because.some((b) => b.ruleId === "G3")).toBe(true);
  });

  it("NBMEs 248 → 252 → 255, target 250: go", () => {
    const f = run(rising, 250);
    expect(f.decision).toBe("go");
    expect(f.forecast.estimate).toBeGreaterThanOrEqual(250);
    expect(f.forecast.low).toBeLessThan(f.forecast.estimate);
    expect(f.forecast.high).toBeGreaterThan(f.forecast.estimate);
  });

  it("far below target with room before review: postpone; with no room left in the cycle: consider postponing (G3)", () => {
    const low = [nbme("2026-05-04", 11, 215), nbme("2026-05-11", 12, 220)];
    expect(run(low, 250, "2026-05-19", "2026-05-29").decision).toBe("postpone");
    const late = run(low, 250, "2026-08-20", "2026-08-30");
    expect(late.decision).toBe("consider-postponing");
    expect(late.because.find((b) => b.ruleId === "G3")?.note).toMatch(/no room this cycle/);
  });

  it("subtracts each resource's typical bias: UWSA 1 reads high, NBME forms read low", () => {
    const uwsa = run([{ date: "2026-05-18", kind: "uwsa", form: 1, score: 250 }], 250);
    const form = run([nbme("2026-05-18", 13, 250)], 250);
    expect(uwsa.readings[0]?.corrected).toBeLessThan(250);
    expect(form.readings[0]?.corrected).toBeGreaterThan(250);
  });

  it("suggests what would tighten the estimate, and each suggestion narrows the band", () => {
    const f = run(short, 250);
    expect(f.tighten.length).toBeGreaterThan(0);
    for (const t of f.tighten) expect(t.halfWidthAfter).toBeLessThan(t.halfWidthNow);
    expect(f.tighten.map((t) => t.action).join(" ")).toMatch(/NBME form 14/);
  });

  const score = fc.integer({ min: 200, max: 270 });
  const kinds = fc.constantFrom<Pick<PracticeExam, "kind" | "form">>(
    { kind: "nbme", form: 12 },
    { kind: "nbme", form: 6 },
    { kind: "uwsa", form: 1 },
    { kind: "uwsa", form: 2 },
    { kind: "free120", form: null },
    { kind: "other", form: "AMBOSS SA" },
  );
  const logs = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 60 }), kinds, score), { minLength: 1, maxLength: 6 })
    .map((xs) => xs.map(([d, k, s]): PracticeExam => ({ date: addDays("2026-03-01", d), ...k, score: s })));

  it("the band narrows as evidence grows: one more practice exam never widens it", () => {
    fc.assert(
      fc.property(logs, kinds, score, (log, k, s) => {
        const before = run(log, 250, "2026-05-01", "2026-05-20");
        const after = run([...log, { date: "2026-05-01", ...k, score: s }], 250, "2026-05-01", "2026-05-20");
        expect(after.forecast.sd).toBeLessThanOrEqual(before.forecast.sd + 0.05);
      }),
    );
  });

  it("recent results weigh more: the same change moves the estimate more when it is the latest exam", () => {
    fc.assert(
      fc.property(
        fc.array(score, { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        (scores, bump) => {
          const log = scores.map((s, i) => nbme(addDays("2026-04-01", 7 * i), 12, s));
          const base = run(log, 250, "2026-05-19", undefined);
          const bumpFirst = run(
            log.map((e, i) => (i === 0 ? { ...e, score: e.score + bump } : e)),
            250,
            "2026-05-19",
            undefined,
          );
          const bumpLast = run(
            log.map((e, i) => (i === log.length - 1 ? { ...e, score: e.score + bump } : e)),
            250,
            "2026-05-19",
            undefined,
          );
          const w = base.readings.map((r) => r.weight);
          for (let i = 1; i < w.length; i++) expect(w[i]).toBeGreaterThanOrEqual((w[i - 1] as number) - 1e-9);
          expect(bumpLast.forecast.estimate - base.forecast.estimate).toBeGreaterThanOrEqual(
            bumpFirst.forecast.estimate - base.forecast.estimate,
          );
        },
      ),
    );
  });

  it("the decision never loosens as the target rises", () => {
    const order = ["go", "consider-postponing", "postpone"];
    fc.assert(
      fc.property(logs, fc.integer({ min: 200, max: 260 }), (log, t) => {
        const a = run(log, t, "2026-05-01", "2026-05-20");
        const b = run(log, t + 5, "2026-05-01", "2026-05-20");
        expect(order.indexOf(b.decision)).toBeGreaterThanOrEqual(order.indexOf(a.decision));
      }),
    );
  });
});
