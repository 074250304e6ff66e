import { describe, expect, it } from "vitest";
import { type AuditReport, auditVerdict } from "../scripts/audit-verdict.ts";

/** The shape npm 11 prints for `npm audit --json` (auditReportVersion 2), cut to what is read. */
const report = (counts: Partial<Record<"low" | "moderate" | "high" | "critical", number>>): AuditReport => ({
  vulnerabilities: Object.fromEntries(
    Object.entries(counts)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([severity], i) => [`pkg-${i}`, { severity: severity as "high", range: "<1.2.3" }]),
  ),
  metadata: {
    vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts },
    dependencies: { prod: 80 },
  },
});

describe("npm audit verdict", () => {
  it("passes a report with no advisories and prints the counts", () => {
    const v = auditVerdict(report({}), true);
    expect(v).toMatchObject({ ran: true, exitCode: 0 });
    expect(v.lines[0]).toContain("80 production dependencies; info 0, low 0, moderate 0, high 0, critical 0");
  });

  it("passes low and moderate advisories but lists them", () => {
    const v = auditVerdict(report({ low: 1, moderate: 2 }), true);
    expect(v.exitCode).toBe(0);
    expect(v.lines.some((l) => l.includes("moderate") && l.includes("<1.2.3"))).toBe(true);
  });

  it.each(["high", "critical"] as const)("fails on a %s advisory", (severity) => {
    const v = auditVerdict(report({ [severity]: 1 }), false);
    expect(v).toMatchObject({ ran: true, exitCode: 1 });
    expect(v.lines.at(-1)).toMatch(/1 high or critical/);
  });

  it("says plainly that nothing was checked when the advisory service does not answer", () => {
    const unreachable: AuditReport = {
      statusCode: 405,
      message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    };
    const lenient = auditVerdict(unreachable, false);
    expect(lenient).toMatchObject({ ran: false, exitCode: 0 });
    expect(lenient.lines[0]).toMatch(/NOT RUN.*405 Method Not Allowed/);
    expect(auditVerdict(unreachable, true).exitCode).toBe(1);
  });
});
