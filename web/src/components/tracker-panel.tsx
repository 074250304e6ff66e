import { useEffect, useMemo, useState } from "preact/hooks";
import type { Issue } from "../../../src/core/index.ts";
import type { SeasonReport, TrackerEntry } from "../../../src/core/season.ts";
import { trackerApi } from "../api/plans-api.ts";
import { downloadText } from "../downloads.ts";
import type { Engine } from "../engine/load-engine.ts";
import type { PlanResult } from "../engine/run-plan.ts";
import { pct, pctRange, usd } from "../format.ts";
import { loadSeason, type SeasonEngine } from "../tracker/load-season.ts";
import { blankEntry, cellKey, issuesByCell, recorded, rowIds } from "../tracker/tracker-rows.ts";

interface Props {
  engine: Engine;
  plan: PlanResult | null;
  /** The program list the page holds, in its order: each gets a row. */
  ids: readonly string[];
  /** The saved plan the page shows, if any: its tracker is read from and saved to the server. */
  saved: { id: string; version: number } | null;
  /** Told the plan's new version after the tracker is saved (the tracker is part of the plan). */
  onSaved?: (version: number) => void;
  /** The rows the page holds (from this browser's copy, or an earlier visit to this panel). */
  entries?: readonly TrackerEntry[];
  /** Told of every change to the rows, so the page keeps them. */
  onEntries?: (entries: TrackerEntry[]) => void;
  /** A saved plan whose rows came from this browser's copy: newer than the server's, not read from it. */
  restoredFor?: { current: string | null };
}

type Flag = "invited" | "interviewed" | "rejected" | "withdrawn";
const FLAGS: ReadonlyArray<[Flag, string]> = [
  ["invited", "Invited"],
  ["interviewed", "Interviewed"],
  ["rejected", "Rejected"],
  ["withdrawn", "Withdrawn"],
];
type DateField = "applied" | "interviewDate";

/**
 * Through the season: the applicant's record per program (applied, invited, interview date,
 * interviewed, rejected, withdrawn, rank, notes) and what the core reads from it — P(match) now
 * with its range, expected interviews, P(at least k), the change since the plan and why, whether
 * applying to more still helps, the rank list and SOAP. Every figure and sentence comes from the
 * core's `trackSeason` (src/core/season.ts), as `matchplan track` and `POST /api/v1/season`
 * show them; this component only keeps the fields and renders. The season's engine and data
 * load the first time the panel is shown.
 */
export function TrackerPanel({
  engine,
  plan,
  ids,
  saved,
  onSaved,
  entries: held,
  onEntries,
  restoredFor,
}: Props) {
  const { rb } = engine;
  /** Counts the catalog's parts fetched for the tracker's figures, to compute them again. */
  const [partsLoaded, setPartsLoaded] = useState(0);
  const [season, setSeason] = useState<SeasonEngine | null>(null);
  const [loadError, setLoadError] = useState("");
  const [entries, setEntries] = useState<ReadonlyMap<string, TrackerEntry>>(
    () => new Map((held ?? []).map((e) => [e.programId, { ...blankEntry(e.programId), ...e }])),
  );
  // Every change to the rows goes to the page too, which keeps them (in this browser, if asked).
  useEffect(() => {
    onEntries?.([...entries.values()]);
  }, [entries]);
  const [status, setStatus] = useState("");
  const [importIssues, setImportIssues] = useState<Issue[]>([]);

  useEffect(() => {
    if (!plan || season) return;
    loadSeason(rb).then(setSeason, (e: Error) => setLoadError(e.message));
  }, [plan, season, rb]);

  // A saved plan's tracker comes from the server when the plan is opened.
  const savedId = saved?.id ?? null;
  useEffect(() => {
    if (!savedId) return;
    if (restoredFor?.current === savedId) {
      restoredFor.current = null;
      return;
    }
    let live = true;
    void trackerApi.get(savedId).then((r) => {
      if (!live) return;
      if (!r.ok) return setStatus(`The saved tracker could not be read: ${r.title}. ${r.detail}`);
      const next = new Map<string, TrackerEntry>();
      for (const raw of r.value.entries as TrackerEntry[])
        next.set(raw.programId, { ...blankEntry(raw.programId), ...raw });
      setEntries(next);
      setStatus(
        r.value.entries.length > 0 ? `Opened the saved tracker (${r.value.entries.length} programs).` : "",
      );
    });
    return () => {
      live = false;
    };
  }, [savedId]);

  const made = plan?.plan.ok ? plan.plan.value : null;
  const specialty = plan?.inputs.specialty ?? "";
  // The plan's data hold its specialty's part of the catalog.
  const data = plan?.data ?? null;
  const names = useMemo(
    () =>
      new Map(
        (data?.catalog.programs ?? [])
          .filter((p) => p.specialty === specialty)
          .map((p) => [p.id, p.name] as const),
      ),
    [data, specialty],
  );
  const rows = useMemo(() => rowIds(ids, entries), [ids, entries]);
  const sent = useMemo(() => recorded(rows, entries), [rows, entries]);
  const matchYear = season && made ? season.core.trackerMatchYear(rb, sent, made.matchYear.matchYear) : null;
  const tracker = useMemo(
    () => (matchYear === null ? null : { version: 1 as const, specialty, matchYear, entries: sent }),
    [matchYear, specialty, sent],
  );

  const result = useMemo(() => {
    if (!season || !plan || !tracker || sent.length === 0) return null;
    return engine.catalog.now(
      (d) =>
        season.core.trackSeason(rb, d, season.model, {
          profile: plan.inputs.profile,
          tracker,
          asOf: plan.inputs.asOf,
          unfilled: season.unfilled,
          // The page's plan: the tracker's figures start from its P(match) and its PGY-1 year.
          plan: made,
        }),
      () => setPartsLoaded((n) => n + 1),
    );
  }, [season, plan, made, rb, engine, tracker, sent.length, partsLoaded]);
  const cells = useMemo(
    () => (result && !result.ok ? issuesByCell(result.issues, sent) : { byCell: new Map(), other: [] }),
    [result, sent],
  );

  if (!plan || !made) return null;
  const entryOf = (id: string) => entries.get(id) ?? blankEntry(id);
  const edit = (id: string, change: Partial<TrackerEntry>) =>
    setEntries((m) => new Map(m).set(id, { ...entryOf(id), ...change }));
  const cellIssues = (id: string, field: string): Issue[] => cells.byCell.get(cellKey(id, field)) ?? [];
  const invalid = (id: string, field: string) => (cellIssues(id, field).length > 0 ? true : undefined);

  const importCsv = async (file: File) => {
    if (!season) return;
    // Names are matched among the programs one applies to (one per program, as the CLI does): a
    // name shared by a program's several NRMP codes would otherwise be ambiguous.
    const units = new Map((data?.bySpecialty.get(specialty) ?? []).map((p) => [p.id, p.name] as const));
    const r = season.core.trackerFromCsv(await file.text(), units);
    setImportIssues(r.issues);
    setEntries((m) => {
      const next = new Map(m);
      for (const e of r.entries) next.set(e.programId, e);
      return next;
    });
    setStatus(
      `${r.entries.length} rows imported from ${file.name}${r.issues.length ? `; ${r.issues.length} problem(s) reported by line below` : ""}.`,
    );
  };
  const saveTracker = async () => {
    if (!saved) return;
    setStatus("Saving the tracker…");
    const r = await trackerApi.update(saved.id, saved.version, sent);
    if (!r.ok) {
      setStatus(
        r.status === 409
          ? "The saved plan changed elsewhere since you opened it; reopen the link, then record again."
          : `${r.title}. ${r.detail}${r.issues.length ? ` ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}` : ""}`,
      );
      return;
    }
    onSaved?.(r.value.version);
    setStatus(`Tracker saved (plan version ${r.value.version}).`);
  };

  return (
    <section class="card" aria-labelledby="tracker-heading" id="tracker">
      <h3 id="tracker-heading">Through the season</h3>
      <p class="hint">
        Record each application as the season goes: when you applied, invitations, interviews, rejections,
        withdrawals and your rank list. The odds are read again from what you record, against the plan.
        {saved ? "" : " Save the plan to keep the tracker on the server; until then it stays on this page."}
      </p>
      {loadError ? (
        <p role="alert" class="field-error">
          {loadError}
        </p>
      ) : null}
      <div class="actions">
        <label class="inline">
          Import a spreadsheet (CSV){" "}
          <input
            type="file"
            accept=".csv,text/csv"
            id="tracker-import"
            disabled={!season}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void importCsv(f);
            }}
          />
        </label>
        <button
          type="button"
          id="tracker-csv"
          disabled={!season || !tracker}
          onClick={() =>
            season &&
            tracker &&
            downloadText(season.core.trackerToCsv(tracker, names), "tracker.csv", "text/csv")
          }
        >
          Download as CSV
        </button>
        <button
          type="button"
          id="tracker-ics"
          disabled={!season || !tracker}
          onClick={() =>
            season &&
            tracker &&
            downloadText(
              season.core.seasonIcs(
                tracker,
                season.core.cycleFor(rb, tracker.matchYear),
                season.model,
                names,
                plan.inputs.asOf,
              ),
              "season.ics",
              "text/calendar",
            )
          }
        >
          Interviews and deadlines (.ics)
        </button>
        {saved ? (
          <button type="button" class="primary" id="tracker-save" onClick={() => void saveTracker()}>
            Save tracker
          </button>
        ) : null}
      </div>
      <p class="small" aria-live="polite" id="tracker-status">
        {status}
      </p>
      {importIssues.length > 0 ? (
        <ul class="field-error" id="tracker-import-issues">
          {importIssues.map((i) => (
            <li key={`${i.path}-${i.message}`}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}

      <div class="table-wrap">
        <table id="tracker-table">
          <caption class="sr-only">Your applications this season</caption>
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">Applied</th>
              {FLAGS.slice(0, 1).map(([, label]) => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
              <th scope="col">Interview date</th>
              {FLAGS.slice(1).map(([, label]) => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
              <th scope="col">Rank</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((id) => {
              const e = entryOf(id);
              const name = names.get(id) ?? id;
              const date = (field: DateField) => (
                <input
                  type="date"
                  aria-label={`${name}: ${field === "applied" ? "applied on" : "interview date"}`}
                  aria-invalid={invalid(id, field)}
                  value={e[field] ?? ""}
                  onChange={(ev) => edit(id, { [field]: ev.currentTarget.value || null })}
                />
              );
              const flag = ([field, label]: [Flag, string]) => (
                <td key={field}>
                  <input
                    type="checkbox"
                    aria-label={`${name}: ${label.toLowerCase()}`}
                    aria-invalid={invalid(id, field)}
                    checked={e[field]}
                    onChange={(ev) => edit(id, { [field]: ev.currentTarget.checked })}
                  />
                </td>
              );
              const problems = [
                ...["programId", "applied", "invited", "interviewDate", "rejected", "rank", "notes"].flatMap(
                  (f) => cellIssues(id, f),
                ),
              ];
              return (
                <tr key={id} data-program={id}>
                  <th scope="row">
                    {name}
                    {problems.map((i) => (
                      <p class="field-error small" key={i.path}>
                        {i.message}
                      </p>
                    ))}
                  </th>
                  <td>{date("applied")}</td>
                  {flag(FLAGS[0] as [Flag, string])}
                  <td>{date("interviewDate")}</td>
                  {FLAGS.slice(1).map(flag)}
                  <td>
                    <input
                      type="number"
                      min={1}
                      step={1}
                      class="rank"
                      aria-label={`${name}: rank position`}
                      aria-invalid={invalid(id, "rank")}
                      value={e.rank ?? ""}
                      onChange={(ev) => {
                        const v = ev.currentTarget.valueAsNumber;
                        edit(id, { rank: Number.isFinite(v) ? v : null });
                      }}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`${name}: notes`}
                      aria-invalid={invalid(id, "notes")}
                      maxLength={rb.limits.tracker.notes.value.maxLength}
                      value={e.notes}
                      onChange={(ev) => edit(id, { notes: ev.currentTarget.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {result === null ? (
        <p class="small muted" id="tracker-empty">
          {season ? "Record at least one application to see your odds now." : "Loading the season's data…"}
        </p>
      ) : result.ok ? (
        <SeasonView r={result.value} />
      ) : (
        <div role="alert" class="field-error" id="tracker-issues">
          <p>The tracker has {result.issues.length} problem(s); each is shown by its program.</p>
          {cells.other.map((i) => (
            <p key={i.path}>
              {i.path}: {i.message}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

const points = (x: number) => `${x >= 0 ? "+" : "−"}${(Math.abs(x) * 100).toFixed(1)} points`;

/** The season report as the core wrote it. */
function SeasonView({ r }: { r: SeasonReport }) {
  return (
    <div id="season-report" aria-live="polite">
      <p class="summary">
        P(match) now <strong id="season-pmatch">{pctRange(r.pMatch)}</strong>; at plan time{" "}
        {pctRange(r.planPMatch)}: <strong id="season-change">{points(r.change)}</strong>.
      </p>
      <p>
        Expected interviews {r.expectedInterviews.estimate.toFixed(1)} (range{" "}
        {r.expectedInterviews.low.toFixed(1)}–{r.expectedInterviews.high.toFixed(1)}); the plan expected{" "}
        {r.planExpectedInterviews.toFixed(1)}.
      </p>
      <p class="small">
        P(at least k interviews):{" "}
        {r.atLeast.map((a) => `${a.k}: ${pct(a.p)} (plan ${pct(a.plan)})`).join(" · ")}
      </p>
      <h4>What changed and why</h4>
      <ul id="season-explanation">
        {r.explanation.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <h4>Should I apply to more?</h4>
      <p id="season-apply-more">{r.applyMore.text}</p>
      {r.applyMore.programs.length > 0 ? (
        <ul>
          {r.applyMore.programs.map((p) => (
            <li key={p.id}>
              {p.name}: P(match) {pct(p.pMatch)} ({points(p.gain)}) for {usd(p.feeUsd)}
            </li>
          ))}
        </ul>
      ) : null}
      <h4>Rank list</h4>
      <p id="season-rank-list">
        {r.rankList.ranked} ranked of {r.rankList.interviews} interviews; rank-list deadline{" "}
        {r.rankList.deadline
          ? `${r.rankList.deadline.date}${r.rankList.deadline.estimated ? " (estimated)" : ""}`
          : "unknown"}
        .
        {r.rankList.extraRanksFeeUsd > 0
          ? ` Ranks past those the fee includes: ${usd(r.rankList.extraRanksFeeUsd)}.`
          : ""}
      </p>
      <ul>
        {r.rankList.rules.map((x) => (
          <li key={x.id}>{x.text}</li>
        ))}
      </ul>
      {r.rankList.supplemental.text ? <p>{r.rankList.supplemental.text}</p> : null}
      {r.rankList.byLength.length > 0 ? (
        <p class="small">
          P(match) by list length:{" "}
          {r.rankList.byLength.map((b) => `${b.length}: ${pct(b.pMatch)}`).join(" · ")}
        </p>
      ) : null}
      {r.rankList.warnings.map((w) => (
        <p class="note" key={w}>
          {w}
        </p>
      ))}
      <h4>SOAP</h4>
      <p id="season-soap" class={r.soap.raised ? "note" : undefined}>
        {r.soap.text}
      </p>
      {r.soap.prepare.length > 0 ? (
        <ul>
          {r.soap.prepare.map((x) => (
            <li key={x.text}>{x.text}</li>
          ))}
        </ul>
      ) : null}
      {r.soap.unfilled?.text.map((t) => (
        <p class="small" key={t}>
          {t}
        </p>
      ))}
    </div>
  );
}
