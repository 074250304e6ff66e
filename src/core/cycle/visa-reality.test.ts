import { describe, expect, it } from "vitest";
import { repositoryProgramData } from "../../io/load-program-data.ts";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import type { Profile } from "../profile/profile-schema.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { applicantShift } from "../programs/applicant-shift.ts";
import { estimateInterviewOdds } from "../programs/interview-odds.ts";
import { oddsContext } from "../programs/odds-context.ts";
import { factsFreshness } from "./fact-freshness.ts";
import { travelBanInEffect, visaReality } from "./visa-reality.ts";

const rb = repositoryRulebook();
const data = repositoryProgramData();
const schema = profileSchemaFor(rb);
const profile = (over: Record<string, unknown> = {}): Profile =>
  schema.parse({
    applicantType: "non-us-img",
    graduationYear: 2022,
    visa: "h1b",
    step1: { outcome: "pass", attempts: 1 },
    step2ck: { score: 240, attempts: 1 },
    ...over,
  });
const AS_OF = "2026-05-01"; // the 2027 Match is still open

describe("the H-1B proclamation", () => {
  it("an applicant outside the US needing an H-1B sees its cost, status, source and last-verified date, and lower odds", () => {
    const v = visaReality(rb, profile({ applyingFrom: "outside-us" }), 2027, AS_OF);
    const share = rb.cycles.visa.h1bFromAbroad.pausedShare.value;
    expect(v.h1bFactor).toBeCloseTo(1 - share, 10);
    const note = v.notes.find((n) => n.kind === "h1b-proclamation");
    expect(note?.points[0]).toMatch(/US\$100,000 payment on each new H-1B petition.*effective 2025-09-21/);
    expect(note?.points[0]).toMatch(/status for the 2027 Match is unknown/);
    expect(note?.points.join(" ")).toMatch(/lowers the interview odds .* to 75%/);
    expect(note?.provenance).toMatch(/USIA Legal.*Last verified 2026-12-06 — secondary sources/);
    expect(note?.sources).toEqual(
      expect.arrayContaining(["usia-h1b-clarification-2025", "muvisaadvisor-gnyha-2026"]),
    );
    expect(note?.confidence).toBe("secondary");
    expect(v.because[0]).toMatchObject({ ruleId: "visa.h1b-from-abroad", value: { h1bFactor: 1 - share } });
  });

  it("inside the US (an approved change of status) the odds stay; with no location given the note says when it would apply", () => {
    const inside = visaReality(rb, profile({ applyingFrom: "inside-us" }), 2027, AS_OF);
    expect(inside.h1bFactor).toBe(1);
    expect(inside.notes[0]?.points.join(" ")).toMatch(/change of status .* not carry the payment/);
    const unsaid = visaReality(rb, profile(), 2027, AS_OF);
    expect(unsaid.h1bFactor).toBe(1);
    expect(unsaid.notes[0]?.points.join(" ")).toMatch(/whether you apply from inside or outside the US/);
    expect(visaReality(rb, profile({ visa: "j1", applyingFrom: "outside-us" }), 2027, AS_OF).notes).toEqual(
      [],
    );
  });

  it("lowers interview odds by the factor only where the program is reached through an H-1B", () => {
    const sp = rb.specialties.get("internal-medicine");
    if (!sp) throw new Error("no IM");
    const ctx = oddsContext(rb, data, sp, profile());
    const programs = data.bySpecialty.get("internal-medicine") ?? [];
    const h1bOnly = programs.find((p) => p.visa?.h1b === true && p.visa.j1 === false && p.interviewRates);
    const both = programs.find((p) => p.visa?.h1b === true && p.visa.j1 === true && p.interviewRates);
    if (!h1bOnly || !both) throw new Error("catalog lacks the programs this test needs");
    const odds = (over: Record<string, unknown>, p: typeof both) => {
      const pr = profile(over);
      return estimateInterviewOdds(p, applicantShift(rb, data.model, pr, sp, AS_OF), ctx, data.model);
    };
    const factor = 1 - rb.cycles.visa.h1bFromAbroad.pausedShare.value;
    const abroad = odds({ applyingFrom: "outside-us" }, both);
    const home = odds({ applyingFrom: "inside-us" }, both);
    expect(abroad.estimate).toBeCloseTo(home.estimate * factor, 10);
    expect(abroad.basis).toMatch(/H-1B proclamation/);
    // J-1 or H-1B: where the J-1 is on offer nothing changes; where only the H-1B is, the factor applies.
    const either = { visa: "j1-or-h1b", applyingFrom: "outside-us" };
    expect(odds(either, both).estimate).toBeCloseTo(
      odds({ ...either, applyingFrom: "inside-us" }, both).estimate,
      12,
    );
    expect(odds(either, h1bOnly).estimate).toBeCloseTo(
      odds({ ...either, applyingFrom: "inside-us" }, h1bOnly).estimate * factor,
      10,
    );
  });
});

describe("travel restrictions by nationality", () => {
  it("a partial-ban nationality needing a J-1 sees the restriction, its date, the J-1 effect and NRMP's waiver rule, with what to do", () => {
    const v = visaReality(
      rb,
      profile({ visa: "j1", citizenship: "NG", applyingFrom: "outside-us" }),
      2027,
      AS_OF,
    );
    const note = v.notes.find((n) => n.kind === "travel-ban");
    expect(note?.title).toBe("Travel restriction: Nigeria");
    expect(note?.points[0]).toMatch(
      /partial entry restriction: Proclamation of 16 December 2025.*effective 2026-01-01/,
    );
    expect(note?.points[1]).toMatch(/ECFMG-sponsored J-1 is blocked unless an exception applies/);
    expect(note?.points[1]).toMatch(/H-1B visas are not among the restricted categories/);
    expect(note?.points[2]).toMatch(/^NRMP: .*waive the Match commitment/);
    expect(note?.whatToDo.join(" ")).toMatch(/delayed start or a one-year deferral/);
    expect(note?.provenance).toMatch(/Last verified 2026-12-06/);
    expect(v.h1bFactor).toBe(1); // shown, not applied to odds
  });

  it("a full-ban nationality has the H-1B blocked too; an unlisted one, or no visa needed, sees nothing", () => {
    const full = visaReality(rb, profile({ visa: "j1-or-h1b", citizenship: "AF" }), 2027, AS_OF);
    expect(full.notes.find((n) => n.kind === "travel-ban")?.points[1]).toMatch(/H-1B visas are blocked too/);
    expect(visaReality(rb, profile({ visa: "j1", citizenship: "IN" }), 2027, AS_OF).notes).toEqual([]);
    expect(visaReality(rb, profile({ visa: "none-needed", citizenship: "NG" }), 2027, AS_OF).notes).toEqual(
      [],
    );
  });

  it("uses the list in effect on the as-of date (the December 2025 list from 1 January 2026)", () => {
    expect(travelBanInEffect(rb, "2025-05-01")).toBeNull();
    expect(travelBanInEffect(rb, "2025-07-01")?.id).toBe("proclamation-2025-06-04");
    expect(travelBanInEffect(rb, "2026-01-01")?.id).toBe("proclamation-2025-12-16");
    const before = visaReality(rb, profile({ visa: "j1", citizenship: "NG" }), 2026, "2025-07-01");
    expect(before.notes).toEqual([]); // Nigeria was added in December 2025
  });

  it("the profile accepts only ISO 3166-1 codes from the country list and a known applying-from value", () => {
    expect(schema.safeParse({ ...profile(), citizenship: "ZW", applyingFrom: "outside-us" }).success).toBe(
      true,
    );
    for (const bad of ["QQ", "ng", "NGA"]) {
      const r = schema.safeParse({ ...profile(), citizenship: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["citizenship"]);
      expect(r.error?.issues[0]?.message).toMatch(/ISO 3166-1 country code/);
    }
    expect(schema.safeParse({ ...profile(), applyingFrom: "abroad" }).success).toBe(false);
  });
});

describe("a fact past its known end or scheduled review is flagged, never shown as current", () => {
  it("the H-1B proclamation's 12-month term (from 2025-09-21): flagged after 2026-09-21, not before", () => {
    const after = visaReality(rb, profile({ applyingFrom: "outside-us" }), 2028, "2026-12-07");
    const note = after.notes.find((n) => n.kind === "h1b-proclamation");
    const ended = "the proclamation's 12-month term ended on 2026-09-21; whether it was extended is unknown";
    expect(note?.points[0]).toContain(`for 12 months unless extended — as of 2026-12-07, ${ended}.`);
    // The 2028 status stays unknown, as the pack says.
    expect(note?.points[0]).toMatch(/Its status for the 2028 Match is unknown/);
    expect(note?.provenance).toMatch(
      /Last verified 2026-12-06 .*\. But the proclamation's 12-month term ended on 2026-09-21/,
    );
    const before = visaReality(rb, profile({ applyingFrom: "outside-us" }), 2027, AS_OF);
    const early = before.notes.find((n) => n.kind === "h1b-proclamation");
    expect(early?.points[0]).not.toMatch(/ended on/);
    expect(early?.provenance).not.toMatch(/ended on/);
  });

  it("the travel-ban lists (reviewed every 180 days from 2026-01-01): flagged as due for review after 2026-06-30", () => {
    const p = profile({ visa: "j1", citizenship: "SN", applyingFrom: "outside-us" });
    const late = visaReality(rb, p, 2028, "2026-12-07").notes.find((n) => n.kind === "travel-ban");
    expect(late?.provenance).toMatch(
      /But the country lists came due for review on 2026-06-30; whether anything changed is unknown\./,
    );
    const early = visaReality(rb, p, 2027, AS_OF).notes.find((n) => n.kind === "travel-ban");
    expect(early?.provenance).not.toMatch(/due for review/);
  });

  it("the freshness warning names a lapsed fact even when it was verified yesterday", () => {
    const until = rb.cycles.visa.h1bProclamation.durationMonths.until;
    if (!until) throw new Error("the proclamation's term is not in data");
    const used = [{ what: "H-1B proclamation", verified: "2026-12-06", until: [until] }];
    const f = factsFreshness(rb, "2026-12-07", used);
    expect(f.stale).toEqual([]);
    expect(f.lapsed).toEqual([expect.objectContaining({ date: "2026-09-21", kind: "ends" })]);
    expect(f.warning).toBe(
      "Past a known end or review on 2026-12-07: H-1B proclamation: the proclamation's 12-month term ended on 2026-09-21; whether it was extended is unknown. Do not rely on it as current.",
    );
    expect(factsFreshness(rb, "2026-09-21", used).warning).toBeNull();
  });

  it("the proclamation's end in data is its effective date plus its term", () => {
    const p = rb.cycles.visa.h1bProclamation;
    const [y, m, d] = p.effective.value.split("-").map(Number) as [number, number, number];
    const end = new Date(Date.UTC(y, m - 1 + p.durationMonths.value, d)).toISOString().slice(0, 10);
    expect(p.durationMonths.until?.date).toBe(end);
  });
});
