import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repositoryRulebook } from "../../io/load-rulebook.ts";
import { serviceFor } from "../cycle/application-service.ts";
import { billFor, feeScheduleFor, feeWorking, maxProgramsWithin, specialtyFee } from "./application-fees.ts";

const rb = repositoryRulebook();
const eras2026 = feeScheduleFor(rb, "internal-medicine", 2026);
const rcas2026 = feeScheduleFor(rb, "emergency-medicine", 2026);

describe("application fees by service", () => {
  it("reproduce the AAMC's own worked example (43 IM + 7 radiology = $797)", () => {
    const ex = eras2026.example;
    expect(ex?.usd).toBe(797);
    expect((ex?.programs ?? []).reduce((s, n) => s + specialtyFee(eras2026, n), 0)).toBe(ex?.usd);
  });

  it("reproduce ResidencyCAS's worked example: $99 covers programs 1–18, then $18 and $23 (46 programs = $683)", () => {
    expect(rcas2026.service.id).toBe("residencycas");
    expect(rcas2026.example).toMatchObject({ programs: [46], usd: 683 });
    expect(specialtyFee(rcas2026, 46)).toBe(683);
    expect(specialtyFee(rcas2026, 1)).toBe(99);
    expect(specialtyFee(rcas2026, 18)).toBe(99);
    expect(specialtyFee(rcas2026, 19)).toBe(99 + 18);
    expect(specialtyFee(rcas2026, 31)).toBe(99 + 12 * 18 + 23);
    expect(feeWorking(rcas2026, 25)).toBe("$99 for programs 1–18 + 7 × $18 (programs 19–25) = $225");
  });

  it("each specialty names its service by cycle: EM through ResidencyCAS from the 2026 Match, OB/GYN from 2025", () => {
    expect(serviceFor(rb, "emergency-medicine", 2025).id).toBe("eras");
    expect(serviceFor(rb, "emergency-medicine", 2026).id).toBe("residencycas");
    expect(serviceFor(rb, "obstetrics-gynecology", 2024).id).toBe("eras");
    expect(serviceFor(rb, "obstetrics-gynecology", 2025).id).toBe("residencycas");
    expect(serviceFor(rb, "obstetrics-gynecology", 2028).id).toBe("residencycas");
    expect(serviceFor(rb, "diagnostic-radiology", 2027).id).toBe("eras");
  });

  it("every service a specialty applies through is a dated, cited fact, the default one included", () => {
    for (const sp of rb.specialties.values())
      for (const year of [2025, 2026, 2027, 2028]) {
        const svc = serviceFor(rb, sp.id, year);
        expect(svc.sources.length, `${sp.id} ${year}`).toBeGreaterThan(0);
        for (const ref of svc.sources) expect(rb.sources[ref.split("#")[0] as string], ref).toBeDefined();
        expect(svc.verified, `${sp.id} ${year}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    expect(serviceFor(rb, "diagnostic-radiology", 2027)).toMatchObject({
      id: "eras",
      confidence: "official",
      sources: expect.arrayContaining(["aamc-signaling-2025"]),
    });
  });

  it("the 2027 schedules are the 2026 ones carried, marked estimated with what they rest on; 2026 is official", () => {
    expect(eras2026.fact.confidence).toBe("official");
    for (const sp of ["internal-medicine", "emergency-medicine"]) {
      const s = feeScheduleFor(rb, sp, 2027);
      expect(s.fact).toMatchObject({ confidence: "estimated", restsOn: "official", statedFor: 2026 });
      expect(s.fact.basis).toMatch(/carried from the 2026 Match/);
      const bill = billFor(rb, 2027, "main", sp, 40);
      expect(bill.text).toMatch(/\(estimated — carried from the 2026 Match/);
    }
    // The superseded 2024 schedule is the one before 2026: up to 10 programs for a flat $99.
    expect(specialtyFee(feeScheduleFor(rb, "internal-medicine", 2025), 10)).toBe(99);
  });

  it("fees never fall as programs are added, and the count that fits a budget fits it exactly", () => {
    for (const schedule of [eras2026, rcas2026])
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 10000 }), (n, budget) => {
          expect(specialtyFee(schedule, n + 1)).toBeGreaterThanOrEqual(specialtyFee(schedule, n));
          const m = maxProgramsWithin(schedule, budget);
          expect(specialtyFee(schedule, m)).toBeLessThanOrEqual(budget);
          expect(specialtyFee(schedule, m + 1)).toBeGreaterThan(budget);
        }),
      );
  });
});
