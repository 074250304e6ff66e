import { useState } from "preact/hooks";
import type { ListSummary } from "../../../src/core/index.ts";
import { type ChosenProgram, fetchReport, type ReportDownload } from "../api/plans-api.ts";
import { downloadBlob, downloadText, programListCsv } from "../downloads.ts";
import type { PlanResult } from "../engine/run-plan.ts";

interface Props {
  plan: PlanResult;
  /** The list as the page holds it (the core's `summariseList` of the edited ids). */
  summary: ListSummary | null;
  statusOf: (id: string) => string;
  /** The practice-exam log as entered; the report's forecast uses it. */
  log: unknown[];
}

const REPORT_FILES: Record<Exclude<ReportDownload, "json">, { ext: string; label: string }> = {
  html: { ext: "html", label: "Report (HTML)" },
  pdf: { ext: "pdf", label: "Report (PDF)" },
};

/**
 * The plan as files, all of the plan as edited: the calendar (.ics: what lies ahead, with
 * reminders) and the program list (.csv) are made in this browser; the HTML and PDF reports are
 * made by the server from the profile, the practice exams and the list with its statuses — the
 * figures in them come from the same core function as the page's.
 */
export function Downloads({ plan, summary, statusOf, log }: Props) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState<ReportDownload | null>(null);
  const base = `matchplan-${plan.inputs.specialty}-${plan.inputs.asOf}`;
  const made = plan.plan.ok ? plan.plan.value : null;

  const calendar = async () => {
    if (!made) return;
    // The calendar code (and its library) loads only when asked for, to keep the page small.
    const { planCalendarEntries, planIcs } = await import("../../../src/core/calendars.ts");
    const n = planCalendarEntries(made).length;
    downloadText(planIcs(made), `${base}.ics`, "text/calendar");
    setMessage(`Calendar downloaded: ${n} dates from ${made.asOf} on, with reminders before each deadline.`);
  };

  const programs = (): ChosenProgram[] =>
    (summary?.rows ?? []).map((r) => ({
      programId: r.program.id,
      status: statusOf(r.program.id) as ChosenProgram["status"],
    }));

  const report = async (format: Exclude<ReportDownload, "json">) => {
    setBusy(format);
    setMessage(
      format === "pdf" ? "Asking the server to print the report…" : "Asking the server for the report…",
    );
    const { profile, specialty, asOf } = plan.inputs;
    const r = await fetchReport(format, { profile, specialty, asOf, log, programs: programs() });
    setBusy(null);
    if (r.ok) {
      downloadBlob(r.value, `${base}-report.${REPORT_FILES[format].ext}`);
      setMessage(`Report downloaded (${format.toUpperCase()}), with your list as edited.`);
      return;
    }
    setMessage(
      `The server could not make the report (${r.title}${r.detail ? `: ${r.detail}` : ""}). Print this page instead: the print dialog can save it as a PDF.`,
    );
  };

  return (
    <section class="card" aria-labelledby="downloads-heading" id="downloads">
      <h3 id="downloads-heading">Download</h3>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          id="download-ics"
          disabled={!made || (!made.timeline && !made.step2ck.study)}
          onClick={() => void calendar()}
        >
          Calendar (.ics)
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
        {(["html", "pdf"] as const).map((f) => (
          <button
            key={f}
            type="button"
            class="secondary"
            id={`download-${f}`}
            disabled={busy !== null}
            onClick={() => void report(f)}
          >
            {REPORT_FILES[f].label}
          </button>
        ))}
        <button type="button" class="secondary" id="print-report" onClick={() => window.print()}>
          Print this page
        </button>
      </div>
      <p class="hint">
        Every file is of your plan as it is on this page, your edits to the program list and its statuses
        included. The calendar holds the dates still ahead, with reminders a week and a day before each
        deadline. The calendar and the CSV are made in this browser; for the HTML and PDF reports the page
        sends your profile, practice exams and list to the server, which makes the report and keeps nothing.
      </p>
      <p aria-live="polite" class="small" id="download-status">
        {message}
      </p>
    </section>
  );
}
