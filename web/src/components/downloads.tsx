import { useState } from "preact/hooks";
import type { ListSummary } from "../../../src/core/index.ts";
import { fetchReportPdf } from "../api/plans-api.ts";
import { downloadBlob, downloadText, mergeCalendars, programListCsv } from "../downloads.ts";
import type { PlanResult } from "../engine/run-plan.ts";

interface Props {
  plan: PlanResult;
  summary: ListSummary | null;
  statusOf: (id: string) => string;
  /** The practice-exam log as entered; the report's forecast uses it. */
  log: unknown[];
}

/** Calendar (.ics), program list (.csv) and a printable report — all made in this browser. */
export function Downloads({ plan, summary, statusOf, log }: Props) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const base = `matchplan-${plan.inputs.specialty}-${plan.inputs.asOf}`;
  const study = plan.plan.ok ? plan.plan.value.step2ck.study : null;
  const timeline = plan.plan.ok ? plan.plan.value.timeline : null;

  const calendar = async () => {
    // The calendar code (and its library) loads only when asked for, to keep the page small.
    const files: string[] = [];
    const { planToIcs, timelineIcs } = await import("../../../src/core/calendars.ts");
    if (study) files.push(planToIcs(study));
    if (timeline) files.push(timelineIcs(timeline));
    downloadText(mergeCalendars(files, "MatchPlan"), `${base}.ics`, "text/calendar");
    setMessage(
      `Calendar downloaded: ${[study ? "study plan" : null, timeline ? "application timeline" : null].filter(Boolean).join(" and ")}.`,
    );
  };

  const pdf = async () => {
    setBusy(true);
    setMessage("Asking the server to print the report…");
    const { profile, specialty, asOf } = plan.inputs;
    const r = await fetchReportPdf({ profile, specialty, asOf, log });
    setBusy(false);
    if (r.ok) {
      downloadBlob(r.value, `${base}-report.pdf`);
      setMessage("Report downloaded (PDF).");
      return;
    }
    // No server, no printing there, or no report route: the browser prints this page instead.
    setMessage(
      `The server could not make the PDF (${r.title}); use the print dialog's "Save as PDF" instead.`,
    );
    window.print();
  };

  return (
    <section class="card" aria-labelledby="downloads-heading">
      <h3 id="downloads-heading">Download</h3>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          id="download-ics"
          disabled={!study && !timeline}
          onClick={() => void calendar()}
        >
          Calendar (.ics){study ? "" : " — timeline only"}
        </button>
        <button
          type="button"
          class="secondary"
          id="download-csv"
          disabled={!summary || summary.rows.length === 0}
          onClick={() => {
            if (!summary) return;
            downloadText(programListCsv(summary.rows, statusOf), `${base}-programs.csv`, "text/csv");
            setMessage("Program list downloaded.");
          }}
        >
          Program list (.csv)
        </button>
        <button type="button" class="secondary" id="download-pdf" disabled={busy} onClick={() => void pdf()}>
          Report (PDF)
        </button>
        <button type="button" class="secondary" id="print-report" onClick={() => window.print()}>
          Print this page
        </button>
      </div>
      <p class="hint">
        The calendar and the CSV are made in this browser. The PDF report is printed by the server: it sends
        your profile and practice exams there (they are not stored), and it covers the planner's program list,
        not your edits — print this page to keep those.
      </p>
      <p aria-live="polite" class="small">
        {message}
      </p>
    </section>
  );
}
