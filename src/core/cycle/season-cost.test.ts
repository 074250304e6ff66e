import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { profileSchemaFor } from "../profile/profile-schema-for.ts";
import { billFor } from "../programs/application-fees.ts";
import { seasonCost } from "./season-cost.ts";

const rb = repositoryRulebook();

describe("the all-in cost of a season", () => {
  const bills = [
    billFor(rb, 2027, "main", "diagnostic-radiology", 40),
    billFor(rb, 2027, "parallel", "emergency-medicine", 25),
    billFor(rb, 2027, "pgy1", "transitional-year", 10),
  ];

  it("adds every list's fees and each service's transcript, and leaves NRMP's unknown fee out of the total, saying so", () => {
    const c = seasonCost(rb, 2027, bills, null);
    const apps = c.lines.filter((l) => l.kind === "application");
    expect(apps.map((l) => l.usd)).toEqual(bills.map((b) => b.usd));
    const transcripts = c.lines.filter((l) => l.kind === "transcript");
    expect(transcripts.map((l) => l.item)).toEqual([
      "USMLE/COMLEX transcript via ERAS",
      "USMLE/COMLEX transcript via ResidencyCAS",
    ]);
    expect(transcripts.map((l) => l.usd)).toEqual([80, 80]);
    const nrmp = c.lines.find((l) => l.kind === "nrmp");
    expect(nrmp).toMatchObject({ usd: null, confidence: "unknown" });
    expect(nrmp?.text).toMatch(
      /unknown — no fee for the 2027 Match was found; NRMP's newest schedule on record \(2016–17\)/,
    );
    expect(c.totalUsd).toBe(bills.reduce((s, b) => s + b.usd, 0) + 160);
    expect(c.unknown).toEqual(["NRMP registration"]);
    expect(c.text).toMatch(/plus NRMP registration \(unknown\)/);
    expect(c.currency).toBeNull();
    expect(c.lines.every((l) => l.local === null)).toBe(true);
    // Every line carries its confidence; estimated ones say so in their text.
    for (const l of c.lines) {
      expect(["official", "secondary", "estimated", "unknown"]).toContain(l.confidence);
      if (l.confidence === "estimated") expect(l.text).toMatch(/\(estimated — /);
    }
  });

  it("shows every known amount in the user's own currency at the user's own rate", () => {
    const c = seasonCost(rb, 2027, bills, { code: "INR", perUsd: 83.5 });
    expect(c.currency).toEqual({ code: "INR", perUsd: 83.5, rateFrom: "user" });
    for (const l of c.lines)
      expect(l.local).toBe(l.usd === null ? null : Math.round(l.usd * 83.5 * 100) / 100);
    expect(c.totalLocal).toBe(Math.round(c.totalUsd * 83.5 * 100) / 100);
    expect(c.text).toMatch(/US\$[\d,]+ \(INR [\d,.]+\).*At your rate of 83\.5 INR per US dollar/);
    expect(c.lines[0]?.text).toMatch(/US\$[\d,]+ \(INR [\d,.]+\)/);
  });

  it("takes the currency from the profile's preferences, checked like every other field", () => {
    const schema = profileSchemaFor(rb);
    const base = {
      applicantType: "non-us-img",
      graduationYear: 2022,
      visa: "j1",
      step1: { outcome: "pass", attempts: 1 },
      step2ck: { score: 240, attempts: 1 },
    };
    expect(
      schema.safeParse({ ...base, preferences: { currency: { code: "INR", perUsd: 83.5 } } }).success,
    ).toBe(true);
    const bad = schema.safeParse({ ...base, preferences: { currency: { code: "rupees", perUsd: 0 } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual([
      "preferences.currency.code",
      "preferences.currency.perUsd",
    ]);
  });
});
