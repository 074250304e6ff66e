import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AS_OF, profileOf } from "../../../../test/report/support/profiles.ts";
import { repositoryProgramData } from "../../../io/load-program-data.ts";
import { repositoryRulebook } from "../../../io/load-rulebook.ts";
import { planApplication } from "../../plan/plan-application.ts";
import { profileSchemaFor } from "../../profile/profile-schema-for.ts";
import { CSV_COLUMNS, csvRecords, parseBatchInput } from "./batch-input.ts";
import { flattenRow, runStrategy } from "./run-strategy.ts";

const rb = repositoryRulebook();
const ctx = {
  rb,
  data: repositoryProgramData(),
  schema: profileSchemaFor(rb),
  specialty: "diagnostic-radiology",
  asOf: AS_OF,
};

const header =
  "id,applicantType,graduationYear,visa,step1.outcome,step1.attempts,step2ck.score,step2ck.attempts,preferences.states";

describe("batch input", () => {
  it("a CSV row becomes a nested profile: numbers, lists split on semicolons, an empty score as null", () => {
    const rows = parseBatchInput(
      `${header}\nC-1,non-us-img,2023,j1,pass,1,236,1,OH;MI\nC-2,us-img,2025,none-needed,pass,1,,,\n`,
      "csv",
    );
    expect(rows[0]).toMatchObject({
      line: 2,
      id: "C-1",
      profile: {
        applicantType: "non-us-img",
        graduationYear: 2023,
        step1: { outcome: "pass", attempts: 1 },
        step2ck: { score: 236, attempts: 1 },
        preferences: { states: ["OH", "MI"] },
      },
    });
    expect(rows[1]?.profile).toMatchObject({ step2ck: { score: null } });
    expect(rows[1]?.profile).not.toHaveProperty("preferences");
  });

  it("an unknown CSV column is reported once, on the header line, with the columns allowed", () => {
    const rows = parseBatchInput("applicantType,step2ck.score,favouriteColour\nus-md,,blue\n", "csv");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 1, issues: [{ code: "unknown_field", path: "favouriteColour" }] });
    expect(rows[0]?.issues[0]?.allowed).toContain("step2ck.score");
  });

  it("a CSV without a step2ck.score column is an error on the header naming it, not every applicant 'not taken'", () => {
    const rows = parseBatchInput("id,applicantType,graduationYear\nC-1,us-md,2027\n", "csv");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 1,
      profile: null,
      issues: [
        {
          code: "missing_field",
          path: "step2ck.score",
          message: expect.stringContaining("column is missing"),
        },
      ],
    });
  });

  it("a row keeps the line it starts on, even after quoted line breaks and blank lines", () => {
    const text = `${header}\n\n"C-1\nsecond line",non-us-img,2023,j1,pass,1,236,1,\nC-2,non-us-img,2023,j1,pass,1,240,1,\n`;
    expect(parseBatchInput(text, "csv").map((r) => [r.line, r.id])).toEqual([
      [3, "C-1\nsecond line"],
      [5, "C-2"],
    ]);
  });

  it("record start lines count every line break before them (generated CSV)", () => {
    const cell = fc.oneof(fc.stringMatching(/^[a-z0-9]{0,4}$/), fc.constantFrom('"a\nb"', '"x,y"', '"q""q"'));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        (records) => {
          const lines = records.map((r) => r.join(","));
          const text = lines.join("\n");
          const parsed = csvRecords(text);
          let line = 1;
          const expected: number[] = [];
          for (const l of lines) {
            if (l !== "") expected.push(line);
            line += l.split("\n").length;
          }
          expect(parsed.map((r) => r.line)).toEqual(expected);
        },
      ),
    );
  });

  it("JSON Lines: a wrapper gives the row an id; a line that is not JSON is reported by its number", () => {
    const rows = parseBatchInput(
      '{"id":"J-1","profile":{"applicantType":"us-md"}}\n\n{ nope\n{"applicantType":"do"}\n',
      "jsonl",
    );
    expect(rows.map((r) => [r.line, r.id, r.issues.length])).toEqual([
      [1, "J-1", 0],
      [3, null, 1],
      [4, null, 0],
    ]);
    expect(rows[1]?.issues[0]?.message).toMatch(/not valid JSON/);
  });

  it("documents every profile field a CSV may carry, by its dotted path", () => {
    expect(Object.keys(CSV_COLUMNS)).toEqual(
      expect.arrayContaining(["step2ck.score", "letters.specialty", "preferences.budgetUsd"]),
    );
  });
});

describe("the strategy for one row", () => {
  it("a bad score is reported with its field and the row's line; the message says what is allowed", () => {
    const [row] = parseBatchInput(`${header}\nC-9,non-us-img,2023,j1,pass,1,320,1,\n`, "csv");
    const r = runStrategy(ctx, row as NonNullable<typeof row>);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(2);
    expect(r.issues[0]).toMatchObject({ path: "step2ck.score" });
    expect(r.issues[0]?.message).toMatch(/must be at most 300/);
    expect(flattenRow(r)).toMatchObject({ line: 2, id: "C-9", ok: false });
  });

  it("a good row carries standing, the program plan, the study target and the backup level", () => {
    const [row] = parseBatchInput(`${header}\nC-1,non-us-img,2023,j1,pass,2,221,1,\n`, "csv");
    const r = runStrategy(ctx, row as NonNullable<typeof row>);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.standing).toBe("very-low");
    expect(r.result.programs?.count).toBeGreaterThan(0);
    expect(r.result.target?.min).toBeGreaterThan(0);
    // 221 after a Step 1 failure is low for DR: scenario C leads, not B's improvement story (issue 12).
    expect(r.result.narrative).toEqual({ lead: "C", explain: true });
    expect(r.result.backup.level).toBe("active");
    const flat = flattenRow(r);
    expect(flat).toMatchObject({ ok: true, standing: "very-low", narrativeLead: "C", explainScores: true });
    expect(Object.values(flat).every((v) => ["string", "number", "boolean"].includes(typeof v))).toBe(true);
  });

  it("a row whose exam is still to come gets the planner's exam date", () => {
    const [row] = parseBatchInput(`${header}\nC-2,us-img,2025,none-needed,pass,1,,,\n`, "csv");
    const r = runStrategy(ctx, row as NonNullable<typeof row>);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.study?.examDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("an IR row carries the alternative-pathway list's own P(match) and the chance of either, with ranges, as the plan gives them", () => {
    const [row] = parseBatchInput(`${header}\nC-3,non-us-img,2023,h1b,pass,1,236,1,\n`, "csv");
    const r = runStrategy({ ...ctx, specialty: "interventional-radiology" }, row as NonNullable<typeof row>);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const plan = planApplication(rb, ctx.data, {
      profile: profileOf({
        applicantType: "non-us-img",
        graduationYear: 2023,
        visa: "h1b",
        step1: { outcome: "pass", attempts: 1 },
        step2ck: { score: 236, attempts: 1 },
      }),
      specialty: "interventional-radiology",
      asOf: AS_OF,
      parts: ["list"],
    });
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const list = plan.value.list;
    const p = r.result.programs;
    expect(p?.parallel?.specialty).toBe("diagnostic-radiology");
    expect(p?.parallel?.pMatch).toBe(list?.parallel?.pMatch?.estimate);
    expect(p?.parallel?.pMatchHigh).toBe(list?.parallel?.pMatch?.high);
    expect(p?.pMatchEither).toEqual(list?.pMatchAny);
    const flat = flattenRow(r);
    for (const k of [
      "parallelPMatch",
      "parallelPMatchLow",
      "parallelPMatchHigh",
      "pMatchEither",
      "pMatchEitherLow",
      "pMatchEitherHigh",
    ])
      expect(typeof flat[k], k).toBe("number");
    expect(flat.parallelPMatchLow as number).toBeLessThanOrEqual(flat.parallelPMatch as number);
    expect(flat.parallelPMatch as number).toBeLessThanOrEqual(flat.parallelPMatchHigh as number);
    expect(flat.pMatchEither as number).toBeGreaterThanOrEqual(flat.pMatch as number);
    expect(flat.parallelPrograms).toBe(p?.parallel?.count);
    // A DR row has no such list: the columns are there, empty.
    const [dr] = parseBatchInput(`${header}\nC-4,non-us-img,2023,j1,pass,1,236,1,\n`, "csv");
    const d = runStrategy(ctx, dr as NonNullable<typeof dr>);
    expect(flattenRow(d)).toMatchObject({ parallelPMatch: "", pMatchEither: "", parallelSpecialty: "" });
  });
});
