/**
 * `npm run data:check [-- --as-of YYYY-MM-DD] [--json]`
 *
 * Lists every cycle fact (dates, fees, signal counts, application services, visa and travel
 * rules) by confidence — official, secondary, estimated, unknown — with its age in days since it
 * was last verified, oldest first, and marks the ones older than the data's stale threshold.
 * A report: it exits 0 however old the facts are (CI must not fail because the calendar moved),
 * and 1 only when data/ itself cannot be loaded.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { listCycleFacts, renderCycleFacts } from "../core/cycle/list-cycle-facts.ts";
import { formatIssue } from "../core/issues.ts";
import { defaultDataDir, loadRulebook } from "../io/load-rulebook.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dataCheck(
  args: readonly string[],
  dataDir = defaultDataDir(),
): { code: number; out: string } {
  const at = args.indexOf("--as-of");
  const asOf = at >= 0 ? args[at + 1] : new Date().toISOString().slice(0, 10);
  if (!asOf || !ISO_DATE.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
    return {
      code: 2,
      out: `--as-of: "${asOf ?? ""}" is not a date (allowed: a calendar date written YYYY-MM-DD)`,
    };
  const rb = loadRulebook(dataDir);
  if (!rb.ok) return { code: 1, out: `data/ cannot be loaded:\n${rb.issues.map(formatIssue).join("\n")}` };
  const report = listCycleFacts(rb.value, asOf);
  return {
    code: 0,
    out: args.includes("--json") ? JSON.stringify(report, null, 2) : renderCycleFacts(report),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = dataCheck(process.argv.slice(2));
  (r.code === 0 ? console.log : console.error)(r.out);
  process.exitCode = r.code;
}
