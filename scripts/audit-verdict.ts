/**
 * What `npm audit --omit=dev --json` says, as lines to print and an exit code: 1 on any high or
 * critical advisory; 0 otherwise. A report without counts means the registry's advisory service
 * did not answer (some mirrors answer 405): nothing was checked, which is said on its own line,
 * exit 0 unless the audit is required.
 */
export const SEVERITIES = ["info", "low", "moderate", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AuditReport {
  metadata?: { vulnerabilities?: Partial<Record<Severity, number>>; dependencies?: { prod?: number } };
  vulnerabilities?: Record<string, { severity: Severity; range: string }>;
  statusCode?: number;
  message?: string;
}

export interface AuditVerdict {
  ran: boolean;
  exitCode: 0 | 1;
  lines: string[];
}

export function auditVerdict(report: AuditReport, required: boolean): AuditVerdict {
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const why =
      report.message ?? (report.statusCode !== undefined ? `HTTP ${report.statusCode}` : "no report");
    return {
      ran: false,
      exitCode: required ? 1 : 0,
      lines: [
        `npm audit --omit=dev: NOT RUN — the registry's advisory service did not answer (${why}).`,
        "No advisory data was checked; run `npm run audit` where the registry offers it.",
      ],
    };
  }
  const lines = [
    `npm audit --omit=dev: ${report.metadata?.dependencies?.prod ?? "?"} production dependencies; ${SEVERITIES.map((s) => `${s} ${counts[s] ?? 0}`).join(", ")}`,
    ...Object.entries(report.vulnerabilities ?? {}).map(
      ([name, v]) => `  ${v.severity.padEnd(8)} ${name} ${v.range}`,
    ),
  ];
  const blocking = (counts.high ?? 0) + (counts.critical ?? 0);
  if (blocking > 0) lines.push(`${blocking} high or critical advisories in production dependencies.`);
  return { ran: true, exitCode: blocking > 0 ? 1 : 0, lines };
}
