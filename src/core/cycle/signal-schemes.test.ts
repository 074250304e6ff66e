import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { signalPgy1 } from "../programs/pgy1-signals.ts";
import type { SupplementalProgram } from "../programs/plan-program-list.ts";
import { offersSignals, signalsFor, signalsShared } from "./signal-schemes.ts";

const rb = repositoryRulebook();

describe("signal allowances by cycle", () => {
  it("DR/IR: 6 gold + 6 silver, shared, official for the 2025 season and carried (estimated, saying so) after", () => {
    expect(signalsFor(rb, "diagnostic-radiology", 2025)).toMatchObject({
      scheme: { scheme: "gold-silver", gold: 6, silver: 6, sharedWith: "interventional-radiology" },
      confidence: "official",
    });
    for (const year of [2026, 2027, 2028]) {
      const a = signalsFor(rb, "diagnostic-radiology", year);
      expect(a.confidence).toBe("estimated");
      expect(a.text).toMatch(/6 gold \+ 6 silver signals, shared with Interventional Radiology/);
      expect(a.text).toMatch(/\(estimated — carried from the 2025 Match \(official\)/);
    }
    expect(signalsFor(rb, "diagnostic-radiology", 2027).basis).toMatch(
      /DR\/IR counts for 2026 and 2027 were not found/,
    );
    expect(signalsShared(rb, "diagnostic-radiology", "interventional-radiology", 2027)).toBe(true);
  });

  it("says where a later cycle's count was not found instead of repeating an old one: EM on ResidencyCAS is unknown", () => {
    expect(signalsFor(rb, "emergency-medicine", 2025)).toMatchObject({
      scheme: { scheme: "single", count: 5 },
    });
    for (const year of [2026, 2027, 2028]) {
      const a = signalsFor(rb, "emergency-medicine", year);
      expect(a.scheme).toBeNull();
      expect(a.confidence).toBe("unknown");
      expect(a.text).toMatch(/signal count unknown/);
    }
  });

  it("keeps a secondary count marked as such: OB/GYN 3 gold + 15 silver for the 2026 Match (AMA)", () => {
    expect(signalsFor(rb, "obstetrics-gynecology", 2026)).toMatchObject({
      scheme: { gold: 3, silver: 15 },
      confidence: "secondary",
    });
    expect(signalsFor(rb, "obstetrics-gynecology", 2026).text).toMatch(/secondary source/);
  });

  it("signals a preliminary track from its specialty's allowance, because signals go to the institution", () => {
    const prelim = signalsFor(rb, "preliminary-medicine", 2026);
    expect(prelim).toMatchObject({ allowanceOf: "internal-medicine", scheme: { gold: 3, silver: 12 } });
    expect(prelim.text).toMatch(/from Internal Medicine's allowance/);
    expect(signalsFor(rb, "preliminary-surgery", 2026).allowanceOf).toBe("general-surgery");
    expect(offersSignals(rb, "preliminary-medicine")).toBe(true);
  });
});

describe("PGY-1 signals follow the institution", () => {
  const sup = (id: string, specialty: string, institution: string): SupplementalProgram => ({
    id,
    name: `${institution} ${specialty}`,
    institution,
    state: "OH",
    specialty,
    track: "P",
    pInterview: null,
    pPosition: 0.05,
    sponsorship: { p: 1, basis: "not-needed", text: "no visa needed" },
    near: "same state as 1 chosen program(s)",
    signal: null,
    sources: [],
  });

  it("one IM signal covers the categorical and the preliminary program at the same institution", () => {
    const r = signalPgy1(
      rb,
      2026,
      [
        sup("p1", "preliminary-medicine", "Hospital A"),
        sup("p2", "preliminary-medicine", "Hospital B"),
        sup("t1", "transitional-year", "Hospital A"),
      ],
      [{ specialty: "internal-medicine", institution: "Hospital A", name: "A IM", signal: "gold" }],
    );
    const by = new Map(r.programs.map((p) => [p.id, p.signal]));
    expect(by.get("p1")).toBe("gold"); // shares the IM signal already sent to Hospital A
    expect(by.get("p2")).toBe("gold"); // the next of IM's 3 gold
    expect(by.get("t1")).toBe("gold"); // TY has its own allowance
    const prelim = r.tracks.find((t) => t.specialty === "preliminary-medicine");
    expect(prelim).toMatchObject({
      allowanceOf: "internal-medicine",
      scheme: "gold-silver",
      covered: 1,
      spent: { gold: 1, silver: 0 },
    });
    // TY's allowance has no tiers: its signals are counted as gold, and the track says so.
    expect(r.tracks.find((t) => t.specialty === "transitional-year")?.scheme).toBe("single");
    expect(r.rule).toMatch(/institution, not the track/);
  });

  it("never spends more of an allowance than the cycle gives, and signals an institution once per allowance", () => {
    const many = Array.from({ length: 20 }, (_, i) => sup(`p${i}`, "preliminary-medicine", `H${i % 17}`));
    const r = signalPgy1(rb, 2026, many, []);
    const spent = r.tracks[0]?.spent ?? { gold: 0, silver: 0 };
    expect(spent).toEqual({ gold: 3, silver: 12 });
    expect(r.programs.filter((p) => p.signal !== null).length).toBe(15 + 3); // three institutions appear twice
  });

  it("gives no PGY-1 signals where the cycle's count is unknown", () => {
    const r = signalPgy1(rb, 2027, [sup("e1", "emergency-medicine", "H")], []);
    expect(r.programs[0]?.signal).toBeNull();
    expect(r.tracks[0]?.confidence).toBe("unknown");
  });
});
