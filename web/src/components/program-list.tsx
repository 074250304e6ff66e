import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  ESTIMATED_MARK,
  ESTIMATED_TEXT,
  type HeldList,
  type ListRow,
  type ListSummary,
  type ProgramPlan,
  type Rulebook,
  rangeText,
  signalLabel,
  swingText,
  trackScheme,
} from "../../../src/core/index.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../api/plans-api.ts";
import { orUnknown, pct, pctRange, sponsorshipText, UNKNOWN, usd, visaText } from "../format.ts";
import { Cite, Why } from "./why.tsx";

type SortKey = "name" | "state" | "tier" | "pInterview" | "signal" | "visa";
const TIER_ORDER = { safety: 0, target: 1, reach: 2 } as const;
const SIGNAL_ORDER = { gold: 0, silver: 1 } as const;

function sortValue(r: ListRow, key: SortKey): string | number {
  switch (key) {
    case "name":
      return r.program.name.toLowerCase();
    case "state":
      return r.program.state ?? "~";
    case "tier":
      return TIER_ORDER[r.tier];
    case "pInterview":
      return -r.pInterview.estimate;
    case "signal":
      return r.signal ? SIGNAL_ORDER[r.signal] : 2;
    case "visa":
      return visaText(r.program.visa);
  }
}

/** A program's signal as the allowance names it ("signal" where it has no gold/silver tiers), or a dash. */
const signalCell = (signal: "gold" | "silver" | null, scheme: string | null | undefined): string =>
  signal ? signalLabel(signal, scheme) : "—";

/** Rows a page of the list shows: enough to compare, few enough to stay quick on a phone (77–166 rows in all). */
const PAGE_SIZE = 25;
/** Below this width the list is cards (every figure visible) instead of a table that would scroll sideways. */
const NARROW_QUERY = "(max-width: 44rem)";

function useMatchMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === "function" && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== "function") return;
    const m = matchMedia(query);
    const on = () => setMatches(m.matches);
    on();
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, [query]);
  return matches;
}

/** Whether the page is being printed (between `beforeprint` and `afterprint`): paper shows every row. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const on = () => setPrinting(true);
    const off = () => setPrinting(false);
    window.addEventListener("beforeprint", on);
    window.addEventListener("afterprint", off);
    return () => {
      window.removeEventListener("beforeprint", on);
      window.removeEventListener("afterprint", off);
    };
  }, []);
  return printing;
}

/**
 * Keys whose first order puts the largest value first ("best odds first"): the header's
 * indicator and `aria-sort` describe the values as shown, so that order is "descending".
 */
const LARGEST_FIRST: ReadonlySet<SortKey> = new Set<SortKey>(["pInterview"]);

/** How the column's values run down the table, for `aria-sort` and the arrow beside the header. */
function shownOrder(key: SortKey, dir: 1 | -1): "ascending" | "descending" {
  return (dir === 1) !== LARGEST_FIRST.has(key) ? "ascending" : "descending";
}

/**
 * A row's visa: the program's stated policy, then the chance of sponsorship inside its odds and
 * what that rests on. With no stated policy the chance says "unknown" itself, so it stands alone
 * (not "unknown · unknown, specialty's share").
 */
function visaCell(r: ListRow) {
  if (r.sponsorship.basis === "not-needed") return visaText(r.program.visa);
  if (!r.program.visa) return sponsorshipText(r.sponsorship);
  return (
    <>
      {visaText(r.program.visa)}
      <span class="small muted"> · {sponsorshipText(r.sponsorship)}</span>
    </>
  );
}

function sortRows(rows: readonly ListRow[], sort: { key: SortKey; dir: 1 | -1 }): ListRow[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a.program.id.localeCompare(b.program.id);
  });
}

interface Props {
  rb: Rulebook;
  held: HeldList;
  plan: ProgramPlan;
  ids: string[];
  summary: ListSummary;
  statusOf: (id: string) => ApplicationStatus;
  onStatus: (id: string, status: ApplicationStatus) => void;
  onIds: (ids: string[]) => void;
}

/**
 * The program list the applicant edits: a sortable table on a wide screen, cards on a phone (the
 * figures that matter — P(interview), signal, visa, status, Remove — on every card), filters that
 * stay in view while the list scrolls, pages of `PAGE_SIZE`, and a selection for changing the
 * status of (or removing) many programs at once. Cost and P(match) follow every edit; they come
 * from the core (`summariseList`), never from this component.
 */
export function ProgramList({ rb, held, plan, ids, summary, statusOf, onStatus, onIds }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "pInterview", dir: 1 });
  const [text, setText] = useState("");
  const [tier, setTier] = useState("");
  const [state, setState] = useState("");
  const [visa, setVisa] = useState("");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<ApplicationStatus>("applied");
  const [done, setDone] = useState("");
  const narrow = useMatchMedia(NARROW_QUERY);
  const heading = useRef<HTMLHeadingElement>(null);
  const addQuery = useRef<HTMLInputElement>(null);
  const listStart = useRef<HTMLDivElement>(null);
  const tools = useRef<HTMLDivElement>(null);
  /** After a removal, the program whose Remove button takes the focus (null: the heading). */
  const focusNext = useRef<string | null | undefined>(undefined);

  const states = useMemo(
    () => [...new Set(summary.rows.map((r) => r.program.state).filter((s): s is string => !!s))].sort(),
    [summary],
  );
  const rows = useMemo(() => {
    const t = text.trim().toLowerCase();
    const shown = summary.rows.filter(
      (r) =>
        (!t ||
          r.program.name.toLowerCase().includes(t) ||
          (r.program.city ?? "").toLowerCase().includes(t) ||
          (r.program.institution ?? "").toLowerCase().includes(t)) &&
        (!tier || r.tier === tier) &&
        (!state || r.program.state === state) &&
        (!visa || r.program.visa?.[visa as "j1" | "h1b"] === true),
    );
    return sortRows(shown, sort);
  }, [summary, text, tier, state, visa, sort]);

  // On paper the whole list prints, whatever the page and the filters on screen.
  const printing = usePrinting();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const at = Math.min(page, pages - 1);
  const pageRows = printing ? sortRows(summary.rows, sort) : rows.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE);
  // A new filter or sort starts again at the first page.
  useEffect(() => setPage(0), [text, tier, state, visa, sort]);
  // A program no longer listed is no longer selected.
  useEffect(() => {
    setSelected((s) => {
      const listed = new Set(ids);
      const kept = [...s].filter((id) => listed.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [ids]);
  // Focus after a removal: the next program's Remove button, else the list's heading — never the page body.
  useEffect(() => {
    if (focusNext.current === undefined) return;
    const id = focusNext.current;
    focusNext.current = undefined;
    const next = id
      ? document.querySelector<HTMLElement>(`[data-program-id="${CSS.escape(id)}"] button.remove`)
      : null;
    (next ?? heading.current)?.focus();
  });

  const candidates = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q.length < 2) return [];
    const listed = new Set(ids);
    return [...held.odds.values()]
      .filter(
        ({ program: p }) =>
          !listed.has(p.id) &&
          (p.name.toLowerCase().includes(q) ||
            (p.city ?? "").toLowerCase().includes(q) ||
            (p.state ?? "").toLowerCase() === q),
      )
      .sort((a, b) => b.odds.estimate - a.odds.estimate)
      .slice(0, 15);
  }, [query, ids, held]);

  /** Another page: its first program just below the bar that stays on screen. */
  const turn = (to: number) => {
    setPage(to);
    const start = listStart.current;
    if (!start) return;
    const top = start.getBoundingClientRect().top + window.scrollY - (tools.current?.offsetHeight ?? 0);
    if (window.scrollY > top) window.scrollTo({ top });
  };
  const remove = (id: string) => {
    const i = pageRows.findIndex((r) => r.program.id === id);
    focusNext.current = (pageRows[i + 1] ?? pageRows[i - 1])?.program.id ?? null;
    onIds(ids.filter((x) => x !== id));
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allShown = rows.length > 0 && rows.every((r) => selected.has(r.program.id));
  const applyBulk = () => {
    for (const id of selected) onStatus(id, bulkStatus);
    setDone(`Status of ${selected.size} program${selected.size === 1 ? "" : "s"} set to ${bulkStatus}.`);
  };
  const removeSelected = () => {
    const n = selected.size;
    focusNext.current = null;
    onIds(ids.filter((id) => !selected.has(id)));
    setSelected(new Set());
    setDone(`${n} program${n === 1 ? "" : "s"} removed.`);
  };

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const order = active ? shownOrder(key, sort.dir) : undefined;
    return (
      <th scope="col" aria-sort={order}>
        <button
          type="button"
          class="sort"
          onClick={() => setSort({ key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}
        >
          {label}
          <span aria-hidden="true">{order === "ascending" ? " ▲" : order === "descending" ? " ▼" : ""}</span>
        </button>
      </th>
    );
  };

  const check = (r: ListRow) => (
    <input
      type="checkbox"
      class="select-program"
      aria-label={`Select ${r.program.name}`}
      checked={selected.has(r.program.id)}
      onChange={(e) => toggle(r.program.id, e.currentTarget.checked)}
    />
  );
  const statusSelect = (r: ListRow, labelled: boolean) => (
    <>
      <select
        id={labelled ? `status-${r.program.id}` : undefined}
        class={labelled ? "card-status" : undefined}
        aria-label={labelled ? undefined : `Status of ${r.program.name}`}
        value={statusOf(r.program.id)}
        onChange={(e) => onStatus(r.program.id, e.currentTarget.value as ApplicationStatus)}
      >
        {APPLICATION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {/* What a printed page shows instead of the dropdown. */}
      <span class="print-only">{statusOf(r.program.id)}</span>
    </>
  );
  const removeButton = (r: ListRow) => (
    <button
      type="button"
      class="link remove"
      aria-label={`Remove ${r.program.name}`}
      onClick={() => remove(r.program.id)}
    >
      Remove
    </button>
  );
  const odds = (r: ListRow) => (
    <>
      <span class="p-interview">{pct(r.pInterview.estimate)}</span>
      {r.estimated ? <span class="est"> {ESTIMATED_MARK}</span> : null}
      <span class="small muted">
        {" "}
        ({pct(r.pInterview.low)}–{pct(r.pInterview.high)})
      </span>
    </>
  );

  const filterFields = (
    <>
      <div class="field">
        <label for="filter-tier">Tier</label>
        <select id="filter-tier" value={tier} onChange={(e) => setTier(e.currentTarget.value)}>
          <option value="">All</option>
          <option value="safety">Safety</option>
          <option value="target">Target</option>
          <option value="reach">Reach</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-state">State</label>
        <select id="filter-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
          <option value="">All</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-visa">Sponsors</label>
        <select id="filter-visa" value={visa} onChange={(e) => setVisa(e.currentTarget.value)}>
          <option value="">Any (or unknown)</option>
          <option value="j1">J-1 (listed)</option>
          <option value="h1b">H-1B (listed)</option>
        </select>
      </div>
    </>
  );
  /** The cards' order (the table sorts by its column headers instead). */
  const orderField = (
    <div class="field">
      <label for="sort-cards">Order</label>
      <select
        id="sort-cards"
        value={`${sort.key}:${sort.dir}`}
        onChange={(e) => {
          const [key, dir] = e.currentTarget.value.split(":");
          setSort({ key: key as SortKey, dir: dir === "-1" ? -1 : 1 });
        }}
      >
        <option value="pInterview:1">Best odds first</option>
        <option value="name:1">Name</option>
        <option value="state:1">State</option>
        <option value="tier:1">Tier</option>
      </select>
    </div>
  );

  const edited = ids.length !== plan.programs.length || plan.programs.some((p, i) => p.id !== ids[i]);
  const first = rows.length === 0 ? 0 : at * PAGE_SIZE + 1;
  const last = at * PAGE_SIZE + pageRows.length;
  return (
    <section class="card" aria-labelledby="programs-heading" id="programs">
      <h3 id="programs-heading" ref={heading} tabIndex={-1}>
        Programs to apply to
      </h3>
      <div class="summary" aria-live="polite" id="list-summary">
        <p>
          <strong id="list-count">{summary.active}</strong> programs
          {summary.rows.length > summary.active
            ? ` (and ${summary.rows.length - summary.active} withdrawn)`
            : ""}{" "}
          · application fees <strong id="list-cost">{usd(summary.costUsd)}</strong>
          {plan.budgetUsd !== null ? ` of a ${usd(plan.budgetUsd)} budget` : ""} · P(match){" "}
          <strong id="pmatch">{summary.pMatch ? pctRange(summary.pMatch) : UNKNOWN}</strong>
        </p>
        <ul class="small muted" id="list-bills">
          {summary.fees.map((f) => (
            <li key={`${f.list}-${f.specialty}`}>{f.text}</li>
          ))}
        </ul>
        <p class="small" id="season-cost">
          {summary.cost.text} {rangeText(summary.pMatchRange)}
        </p>
        <ul class="small muted">
          {summary.cost.lines
            .filter((l) => l.kind !== "application")
            .map((l) => (
              <li key={l.item}>{l.text}</li>
            ))}
        </ul>
        <p class="small muted">
          {plan.freshness.text} P(match) range: 10th–90th percentile over the shared strength term.
        </p>
        {plan.freshness.warning ? (
          <p class="note" id="stale-warning">
            {plan.freshness.warning}
          </p>
        ) : null}
      </div>
      {plan.calibration ? (
        <div class="note" id="calibration-note">
          <p>{plan.calibration.text}</p>
          <Cite rb={rb} ruleId="model.calibration" sources={plan.calibration.sources} />
        </div>
      ) : null}
      {plan.thinData ? (
        <p class="note" id="thin-data">
          {plan.thinData.text}
        </p>
      ) : null}
      {summary.whatMoves.length > 0 ? (
        <div class="note" id="what-moves">
          <p>What moves your number:</p>
          <ul>
            {summary.whatMoves.map((s) => (
              <li key={s.id}>{swingText(s)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.pgy1 ? (
        <div class="note" id="pgy1-note">
          <p>{plan.pgy1.text}</p>
          <Cite rb={rb} ruleId="model.pgy1" sources={plan.pgy1.sources} />
        </div>
      ) : null}
      <div
        class={summary.visaSponsorship.unknownDominates ? "note warning" : "note"}
        id="visa-note"
        role={summary.visaSponsorship.unknownDominates ? "alert" : undefined}
      >
        <p>{summary.visaSponsorship.note}</p>
        {summary.visaSponsorship.sources.length > 0 ? (
          <Cite rb={rb} ruleId="model.visa" sources={summary.visaSponsorship.sources} />
        ) : null}
      </div>
      <p>
        {plan.comparison}
        {edited ? " You have edited the list; the figures above are for your list." : ""}
      </p>
      {summary.signals ? (
        <p class="small" id="signals-spent">
          Signals: {summary.signals.text}, spent on the listed programs with the best signalled odds.
        </p>
      ) : null}
      <p class="small" id="signal-allowance">
        Allowance: {plan.signalAllowance.text}
      </p>
      {plan.visaNotes.map((n) => (
        <div class="note visa-note" key={n.kind}>
          <p>
            <strong>{n.title}</strong>
          </p>
          <ul>
            {n.points.map((pt) => (
              <li key={pt}>{pt}</li>
            ))}
          </ul>
          <p>What to do:</p>
          <ul>
            {n.whatToDo.map((pt) => (
              <li key={pt}>{pt}</li>
            ))}
          </ul>
          <p class="small muted">{n.provenance}</p>
        </div>
      ))}
      <Why rb={rb} because={plan.because} label="Why these odds?" />

      <div class="list-tools" id="list-tools" ref={tools}>
        <fieldset class="filters">
          <legend class="sr-only">Filter the program list</legend>
          <div class="field filter-text">
            <label for="filter-text">Filter by name or city</label>
            <input
              id="filter-text"
              type="search"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          {narrow ? (
            // On a phone the other filters and the order fold away, so the bar that stays on screen is short.
            <details class="more-filters">
              <summary>
                Filters and order
                {[tier, state, visa].filter(Boolean).length > 0
                  ? ` (${[tier, state, visa].filter(Boolean).length} on)`
                  : ""}
              </summary>
              <div class="filter-grid">
                {filterFields}
                {orderField}
              </div>
            </details>
          ) : (
            filterFields
          )}
        </fieldset>
        <fieldset class="bulk">
          <legend class="sr-only">Change many programs at once</legend>
          <label class="inline-check">
            <input
              type="checkbox"
              id="select-all"
              checked={allShown}
              disabled={rows.length === 0}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSelected((s) => {
                  const next = new Set(s);
                  for (const r of rows) {
                    if (on) next.add(r.program.id);
                    else next.delete(r.program.id);
                  }
                  return next;
                });
              }}
            />{" "}
            Select all {rows.length} shown
          </label>
          {selected.size > 0 ? (
            <>
              <span id="selected-count">{selected.size} selected</span>
              <label for="bulk-status" class="sr-only">
                Status for the selected programs
              </label>
              <select
                id="bulk-status"
                value={bulkStatus}
                onChange={(e) => setBulkStatus(e.currentTarget.value as ApplicationStatus)}
              >
                {APPLICATION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="secondary"
                id="bulk-apply"
                disabled={selected.size === 0}
                onClick={applyBulk}
              >
                Set status
              </button>
              <button
                type="button"
                class="secondary"
                id="bulk-remove"
                disabled={selected.size === 0}
                onClick={removeSelected}
              >
                Remove selected
              </button>
            </>
          ) : null}
        </fieldset>
        <p class="small muted" aria-live="polite" id="list-showing">
          {rows.length === 0
            ? `No program of ${summary.rows.length} matches the filters.`
            : `Showing ${first}–${last} of ${rows.length}${rows.length < summary.rows.length ? ` (filtered from ${summary.rows.length})` : ""}.`}{" "}
          {summary.rows.some((r) => r.estimated) ? `${ESTIMATED_TEXT} ` : ""}
          {done}
        </p>
        {pages > 1 ? (
          // In the bar that stays on screen, so the next page is a tap away from anywhere in the list.
          <nav class="pager" aria-label="Pages of the program list">
            <button type="button" class="secondary" disabled={at === 0} onClick={() => turn(at - 1)}>
              Previous
            </button>
            <span id="list-page">
              Page {at + 1} of {pages}
            </span>
            <button
              type="button"
              class="secondary"
              id="next-page"
              disabled={at >= pages - 1}
              onClick={() => turn(at + 1)}
            >
              Next
            </button>
          </nav>
        ) : null}
      </div>
      <div ref={listStart} />

      {narrow ? (
        <ul class="program-cards" id="program-cards" aria-label="Programs in your list, with interview odds">
          {pageRows.map((r) => (
            <li key={r.program.id} class="program-card" data-program-id={r.program.id}>
              <div class="program-card-head">
                {check(r)}
                <p class="program-name">
                  <strong>{r.program.name}</strong>
                  <span class="small muted">
                    {" "}
                    · {orUnknown(r.program.city)}, {orUnknown(r.program.state)}
                  </span>
                </p>
              </div>
              <dl class="program-figures">
                <div>
                  <dt class="figure-name">P(interview)</dt>
                  <dd class="figure-value" title={r.basis}>
                    {odds(r)}
                  </dd>
                </div>
                <div>
                  <dt class="figure-name">Tier</dt>
                  <dd class="figure-value">
                    <span class={`tier tier-${r.tier}`}>{r.tier}</span>
                  </dd>
                </div>
                <div>
                  <dt class="figure-name">Signal</dt>
                  <dd class="figure-value">{signalCell(r.signal, plan.signals?.scheme)}</dd>
                </div>
                <div>
                  <dt class="figure-name">Visa</dt>
                  <dd class="figure-value" title={r.sponsorship.text}>
                    {visaCell(r)}
                  </dd>
                </div>
              </dl>
              <div class="program-card-actions">
                <label for={`status-${r.program.id}`}>Status</label>
                {statusSelect(r, true)}
                {removeButton(r)}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <div class="table-wrap">
          <table id="program-table">
            <caption class="sr-only">Programs in your list, with interview odds</caption>
            <thead>
              <tr>
                {header("name", "Program")}
                {header("state", "State")}
                {header("tier", "Tier")}
                {header("pInterview", "P(interview)")}
                {header("signal", "Signal")}
                {header("visa", "Visa")}
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pageRows.map((r) => (
                <tr key={r.program.id} data-program-id={r.program.id}>
                  <th scope="row">
                    {check(r)} {r.program.name}
                    <span class="small muted"> · {orUnknown(r.program.city)}</span>
                  </th>
                  <td>{orUnknown(r.program.state)}</td>
                  <td>
                    <span class={`tier tier-${r.tier}`}>{r.tier}</span>
                  </td>
                  <td title={r.basis}>{odds(r)}</td>
                  <td>{signalCell(r.signal, plan.signals?.scheme)}</td>
                  <td title={r.sponsorship.text}>{visaCell(r)}</td>
                  <td>{statusSelect(r, false)}</td>
                  <td>{removeButton(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div class="add-program">
        <div class="field">
          <label for="add-query">Add a program</label>
          <span id="add-query-hint" class="hint">
            Type part of a name, a city or a state code; {held.odds.size} programs of the specialty qualify
            {held.excluded.size > 0 ? ` (${held.excluded.size} left out: a visa they do not sponsor)` : ""}.
          </span>
          <input
            id="add-query"
            ref={addQuery}
            type="search"
            aria-describedby="add-query-hint"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        {candidates.length > 0 ? (
          <ul class="candidates" aria-label="Programs you can add">
            {candidates.map(({ program: p, odds }) => (
              <li key={p.id}>
                <span>
                  {p.name}, {orUnknown(p.city)}, {orUnknown(p.state)} — P(interview) {pct(odds.estimate)}
                </span>{" "}
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Add ${p.name}`}
                  onClick={() => {
                    onIds([...ids, p.id]);
                    setDone(`${p.name} added.`);
                    // The button goes with the candidate: the focus returns to the search, ready for the next.
                    addQuery.current?.focus();
                  }}
                >
                  Add
                </button>
              </li>
            ))}
          </ul>
        ) : query.trim().length >= 2 ? (
          <p class="small">No program outside your list matches.</p>
        ) : null}
        {edited ? (
          <button type="button" class="link" onClick={() => onIds(plan.programs.map((p) => p.id))}>
            Back to the planner's list
          </button>
        ) : null}
      </div>
    </section>
  );
}

/**
 * A read-only list: a table on a wide screen, a list of cards (every column named) on a phone. A
 * long one shows its first `PAGE_SIZE` rows and a button for the rest (a supplemental list runs
 * to some 80 programs: 24,000 px of cards on a phone); paper shows them all.
 */
function ListTable({
  id,
  label,
  head,
  rows: all,
}: {
  id: string;
  label: string;
  head: string[];
  rows: Array<{ key: string; cells: Array<string | number> }>;
}) {
  const narrow = useMatchMedia(NARROW_QUERY);
  const printing = usePrinting();
  const [open, setOpen] = useState(false);
  const long = all.length > PAGE_SIZE;
  const rows = long && !open && !printing ? all.slice(0, PAGE_SIZE) : all;
  const listId = narrow ? `${id}-cards` : id;
  const more = long ? (
    <button
      type="button"
      class="link show-all"
      aria-controls={listId}
      aria-expanded={open}
      onClick={() => setOpen((o) => !o)}
    >
      {open ? `Show the first ${PAGE_SIZE} only` : `Show all ${all.length} programs`}
    </button>
  ) : null;
  if (narrow)
    return (
      <>
        <ul class="program-cards" id={listId} aria-label={label}>
          {rows.map((r) => (
            <li key={r.key} class="program-card">
              <p class="program-name">
                <strong>{r.cells[0]}</strong>
              </p>
              <dl class="program-figures">
                {r.cells.slice(1).map((c, i) => (
                  <div key={head[i + 1]}>
                    <dt class="figure-name">{head[i + 1]}</dt>
                    <dd class="figure-value">{c}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
        {more}
      </>
    );
  return (
    <>
      <div class="table-wrap">
        <table id={listId}>
          <caption class="sr-only">{label}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.cells[0]}</th>
                {r.cells.slice(1).map((c, i) => (
                  <td key={head[i + 1]}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more}
    </>
  );
}

/** The supplemental PGY-1 list (advanced specialties): each program's chance of a position, and its signal. */
export function SupplementalList({ rb, plan }: { rb: Rulebook; plan: ProgramPlan }) {
  if (plan.supplementalPgy1.length === 0) return null;
  return (
    <section class="card" aria-labelledby="supplemental-heading" id="supplemental">
      <h3 id="supplemental-heading">Supplemental PGY-1 programs</h3>
      <p>
        The specialty starts in the second year, so a preliminary or transitional first year is needed. These
        are spread over the states of the programs above and your preferred states. No interview rates are
        published for these tracks; each program's chance of a position comes from the published PGY-1 match
        rates for your applicant type and its chance of sponsoring your visa.
      </p>
      <ListTable
        id="supplemental-table"
        label="Supplemental PGY-1 programs"
        head={["Program", "State", "Track", "Where", "P(position)", "Signal"]}
        rows={plan.supplementalPgy1.map((s) => ({
          key: s.id,
          cells: [
            s.name,
            orUnknown(s.state),
            rb.specialties.get(s.specialty)?.name ?? s.specialty,
            s.near,
            pct(s.pPosition),
            signalCell(s.signal, trackScheme(plan.pgy1Signals?.tracks, s.specialty)),
          ],
        }))}
      />
    </section>
  );
}

/** A parallel list (an alternative pathway, e.g. via another specialty), read-only. */
export function ParallelList({
  rb,
  plan,
  summary,
}: {
  rb: Rulebook;
  plan: ProgramPlan;
  summary: ListSummary;
}) {
  const p = plan.parallel;
  if (!p) return null;
  const name = rb.specialties.get(p.specialty)?.name ?? p.specialty;
  return (
    <section class="card" aria-labelledby="parallel-heading" id="parallel">
      <h3 id="parallel-heading">Parallel list: {name}</h3>
      <p>
        {p.programs.length} programs, application fees {usd(p.costUsd)}, P(match){" "}
        {p.pMatch ? pctRange(p.pMatch) : UNKNOWN}
        {summary.pMatchAny ? `; P(match in either, with your list above) ${pctRange(summary.pMatchAny)}` : ""}
        .
      </p>
      <ListTable
        id="parallel-table"
        label={`Parallel list: ${name}`}
        head={["Program", "State", "Tier", "P(interview)", "Signal"]}
        rows={p.programs.map((x) => ({
          key: x.id,
          cells: [
            x.name,
            orUnknown(x.state),
            x.tier,
            pctRange(x.pInterview),
            signalCell(x.signal, plan.signals?.scheme),
          ],
        }))}
      />
    </section>
  );
}
