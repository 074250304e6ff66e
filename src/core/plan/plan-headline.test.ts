import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { pct } from "../math/percent.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { swingText } from "../programs/uncertainty-text.ts";
import { visaNeedText } from "../programs/visa-sponsorship.ts";
import { holdList, summariseList } from "./held-list.ts";
import { planApplication } from "./plan-application.ts";
import { nextDate, planHeadline, scoreComparison } from "./plan-headline.ts";
import type { Step2ckDistribution } from "./types.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const asOf = "2026-12-06";
const example = profileSchemaFor(rb).parse(
  JSON.parse(readFileSync(new URL("../../../examples/non-us-img-dr.json", import.meta.url), "utf8")),
);
const dist = (matched: number | null, notMatched: number | null): Step2ckDistribution => ({
  specialtyName: "Radiology-Diagnostic",
  applicantType: "non-us-img",
  matchYear: 2026,
  matchRate: 0.5,
  matched: { n: 10, q1: null, median: matched, q3: null, mean: null, sd: null },
  notMatched: { n: 10, q1: null, median: notMatched, q3: null, mean: null, sd: null },
  sources: ["src"],
});

describe("scoreComparison", () => {
  it("says how many points the score is below matched applicants' median, naming the group", () => {
    const c = scoreComparison(241, dist(251, 245));
    expect(c?.versusMatched).toBe(-10);
    expect(c?.text).toContain("your 241 is 10 points below matched non-US IMGs' median 251");
    expect(c?.text).toContain("4 points below unmatched non-US IMGs' median 245");
  });

  it("says above, equal and one point in words", () => {
    expect(scoreComparison(252, dist(251, null))?.text).toContain(
      "1 point above matched non-US IMGs' median 251",
    );
    expect(scoreComparison(251, dist(251, null))?.text).toContain("your 251 equals matched");
  });

  it("gives nothing without a score or without published medians", () => {
    expect(scoreComparison(null, dist(250, 240))).toBeNull();
    expect(scoreComparison(240, null)).toBeNull();
    expect(scoreComparison(240, dist(null, null))).toBeNull();
  });
});

describe("planHeadline", () => {
  const made = planApplication(rb, data, { profile: example, specialty: "diagnostic-radiology", asOf });
  if (!made.ok) throw new Error(JSON.stringify(made.issues));
  const plan = made.value;
  const held = holdList(rb, data, plan);
  if (!held) throw new Error("no list");
  const ids = plan.list?.programs.map((p) => p.id) ?? [];

  it("reads standing, the held list's P(match) and cost, and the comparison off the plan", () => {
    const h = planHeadline(plan, summariseList(held, ids));
    expect(h.standing).toBe(plan.assessment.standing);
    expect(h.list?.programs).toBe(ids.length);
    expect(h.list?.pMatch?.estimate).toBeCloseTo(plan.list?.pMatch?.estimate ?? -1, 12);
    expect(h.list?.costUsd).toBe(summariseList(held, ids).costUsd);
    expect(h.action).toEqual(plan.assessment.recommendations[0]);
    expect(h.comparison?.score).toBe(example.step2ck.score);
    expect(h.comparison?.matchedMedian).toBe(plan.step2ck.distribution?.matched.median);
  });

  it("follows an edited list: one program fewer is one program fewer in the headline", () => {
    const h = planHeadline(plan, summariseList(held, ids.slice(1)));
    expect(h.list?.programs).toBe(ids.length - 1);
  });

  it("names as next date the earliest dated step on or after the plan's date", () => {
    const next = nextDate(plan);
    expect(next).not.toBeNull();
    expect((next?.date ?? "") >= asOf).toBe(true);
    const all = [
      ...(plan.timeline?.events.map((e) => e.date) ?? []),
      ...(plan.timeline?.items
        .filter((i) => i.kind === "milestone" || i.kind === "exam")
        .map((i) => i.start) ?? []),
    ].filter((d) => d >= asOf);
    expect(next?.date).toBe([...all].sort()[0]);
  });
});

describe("the Step 2 CK distribution a plan compares against", () => {
  const usMd = profileSchemaFor(rb).parse(
    JSON.parse(readFileSync(new URL("../../../examples/us-md-im.json", import.meta.url), "utf8")),
  );
  const plan0 = () => {
    const made = planApplication(rb, data, {
      profile: example,
      specialty: "diagnostic-radiology",
      asOf,
      parts: ["list"],
    });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    return made.value;
  };
  const planFor = (profile: typeof usMd) => {
    const made = planApplication(rb, data, {
      profile,
      specialty: "internal-medicine",
      asOf,
      parts: ["list"],
    });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    return made.value;
  };

  it("is the applicant's own kind's: a US MD is compared with US MD seniors, never with non-US IMGs", () => {
    const plan = planFor(usMd);
    const d = plan.step2ck.distribution;
    const row = rb.outcomes.usMd2026.specialties["internal-medicine"];
    expect(d?.applicantType).toBe("us-md");
    expect(d?.matched.median).toBe(row?.matched.median);
    expect(d?.notMatched.median).toBe(row?.notMatched.median);
    // The US MD edition carries no match rate, means or SDs: unknown, not borrowed.
    expect(d?.matchRate).toBeNull();
    expect(d?.matched.mean).toBeNull();
    expect(d?.sources).toEqual([rb.outcomes.usMd2026.source]);
    const text = planHeadline(plan, null).comparison?.text ?? "";
    expect(text).toContain(`matched US MD seniors' median ${row?.matched.median}`);
    expect(text).not.toMatch(/IMG/);
  });

  it("says why a standing is provisional, in the assessment's words, and nothing when it is not", () => {
    const h = planHeadline(planFor(usMd), null);
    expect(h.provisional).toBe(true);
    expect(h.provisionalWhy).toMatch(/no cited Step 2 CK bands for this specialty and applicant type/);
    const banded = planHeadline(plan0(), null);
    expect(banded.provisional).toBe(false);
    expect(banded.provisionalWhy).toBeNull();
  });

  it("is unknown for a kind with no published distribution on record", () => {
    for (const applicantType of ["do", "us-img"] as const) {
      const plan = planFor({ ...usMd, applicantType });
      expect(plan.step2ck.distribution).toBeNull();
      expect(planHeadline(plan, null).comparison).toBeNull();
    }
  });

  it("is non-US IMGs' for a non-US IMG, with the published match rate", () => {
    const plan = planFor({ ...usMd, applicantType: "non-us-img" });
    const charted = rb.chartingOutcomes.specialties["internal-medicine"];
    expect(plan.step2ck.distribution?.applicantType).toBe("non-us-img");
    expect(plan.step2ck.distribution?.matchRate).toBe(charted?.matchRate);
    expect(plan.step2ck.distribution?.matched.median).toBe(charted?.step2ck.matched.median);
  });
});

describe("standing against P(match)", () => {
  const read = (file: string, specialty: string, score?: number) => {
    const raw = JSON.parse(readFileSync(new URL(`../../../examples/${file}.json`, import.meta.url), "utf8"));
    if (score !== undefined) raw.step2ck = { ...raw.step2ck, score };
    const made = planApplication(rb, data, { profile: profileSchemaFor(rb).parse(raw), specialty, asOf });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    const held = holdList(rb, data, made.value);
    if (!held) throw new Error("no list");
    const plan = made.value;
    return { plan, h: planHeadline(plan, summariseList(held, plan.list?.programs.map((p) => p.id) ?? [])) };
  };
  const line = data.model.lists.backupBelow.value;

  it("says what each reads when a strong band sits beside a list below the model's line for low odds", () => {
    const { plan, h } = read("non-us-img-ir", "interventional-radiology");
    const band = plan.assessment.step2ck.band;
    const v = plan.list?.visaSponsorship;
    expect(h.standing).toBe("strong");
    expect(h.list?.pMatch?.estimate).toBeLessThan(line);
    const s = h.standingVsOdds;
    expect(s?.direction).toBe("standing-above-odds");
    expect(s?.text).toContain(`Strong standing and a P(match) of ${pct(h.list?.pMatch?.estimate)}`);
    expect(s?.text).toContain(`band ${band?.min}+ (${band?.ruleId}: strong)`);
    expect(s?.text).toContain(`the ${h.list?.programs} programs on the list`);
    expect(s?.text).toContain(
      `sponsors the ${visaNeedText(v?.need ?? "none-needed")} you need (${v?.listed.known} say they do, ${v?.listed.inferred} are inferred`,
    );
    expect(s?.text).toContain(`below the ${pct(line)} line`);
    expect(s?.text).toContain(`What moves it most: ${swingText(plan.list?.whatMoves[0] as never)}`);
    expect(s?.comparison).toBe(h.comparison?.text ?? "no comparison");
    expect(s?.ruleIds).toEqual([band?.ruleId, "model.backup-below"]);
    expect(s?.sources).toEqual(expect.arrayContaining([...(band?.sources ?? []), "matchplan-assumptions"]));
  });

  it("says what each reads when a low standing sits beside a list at or above that line", () => {
    const { h } = read("non-us-img-dr", "family-medicine", 215);
    expect(h.standing).toBe("low");
    expect(h.list?.pMatch?.estimate).toBeGreaterThanOrEqual(line);
    expect(h.standingVsOdds?.direction).toBe("odds-above-standing");
    expect(h.standingVsOdds?.text).toMatch(
      /^Low standing and a P\(match\) of [\d.]+% read different things\./,
    );
    expect(h.standingVsOdds?.text).toContain(`at or above the ${pct(line)} line`);
  });

  it("adds nothing to a provisional standing, which says why already, however high the odds", () => {
    const { h } = read("us-md-im", "internal-medicine");
    expect(h.provisional).toBe(true);
    expect(h.list?.pMatch?.estimate).toBeGreaterThanOrEqual(line);
    expect(h.provisionalWhy).not.toBeNull();
    expect(h.standingVsOdds).toBeNull();
  });

  it("adds nothing where standing and odds agree: a very low standing beside a list below the line", () => {
    const { h } = read("non-us-img-dr", "diagnostic-radiology", 205);
    expect(h.standing).toBe("very-low");
    expect(h.list?.pMatch?.estimate).toBeLessThan(line);
    expect(h.standingVsOdds).toBeNull();
  });
});
