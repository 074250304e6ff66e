import { spawnSync } from "node:child_process";
import { type AuditReport, auditVerdict } from "./audit-verdict.ts";

/** `npm run audit`: npm audit of the production dependencies; see audit-verdict.ts for the rules. */
const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout || "{}") as AuditReport;
} catch {
  console.error(`npm audit printed no JSON report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const verdict = auditVerdict(report, process.env.AUDIT_REQUIRED === "1");
for (const line of verdict.lines) console.log(line);
process.exit(verdict.exitCode);
