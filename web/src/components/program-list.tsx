import { useMemo, useState } from "preact/hooks";
import {
  ESTIMATED_MARK,
  ESTIMATED_TEXT,
  type HeldList,
  type ListRow,
  type ListSummary,
  type ProgramPlan,
  RANGE_TEXT,
  type Rulebook,
  swingText,
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

/** The program list as a sortable, filterable table the applicant can edit; cost and P(match) follow. */
export function ProgramList({ rb, held, plan, ids, summary, statusOf, onStatus, onIds }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "pInterview", dir: 1 });
  const [text, setText] = useState("");
  const [tier, setTier] = useState("");
  const [state, setState] = useState("");
  const [visa, setVisa] = useState("");
  const [query, setQuery] = useState("");

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
    return shown.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a.program.id.localeCompare(b.program.id);
    });
  }, [summary, text, tier, state, visa, sort]);

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

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : undefined}>
        <button
          type="button"
          class="sort"
          onClick={() => setSort({ key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 1 ? " ▲" : " ▼") : ""}</span>
        </button>
      </th>
    );
  };

  const edited = ids.length !== plan.programs.length || plan.programs.some((p, i) => p.id !== ids[i]);
  return (
    <section class="card" aria-labelledby="programs-heading">
      <h3 id="programs-heading">Programs to apply to</h3>
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
          {summary.cost.text} {RANGE_TEXT}
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
      {plan.whatMoves.length > 0 ? (
        <div class="note" id="what-moves">
          <p>What moves your number:</p>
          <ul>
            {plan.whatMoves.map((s) => (
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
        class={plan.visaSponsorship.unknownDominates ? "note warning" : "note"}
        id="visa-note"
        role={plan.visaSponsorship.unknownDominates ? "alert" : undefined}
      >
        <p>{plan.visaSponsorship.note}</p>
        {plan.visaSponsorship.sources.length > 0 ? (
          <Cite rb={rb} ruleId="model.visa" sources={plan.visaSponsorship.sources} />
        ) : null}
      </div>
      <p>
        {plan.comparison}
        {edited ? " You have edited the list; the figures above are for your list." : ""}
      </p>
      {plan.signals ? (
        <p class="small">
          Signals ({plan.signals.scheme} scheme): {summary.rows.filter((r) => r.signal === "gold").length}{" "}
          gold, {summary.rows.filter((r) => r.signal === "silver").length} silver, spent on the listed
          programs with the best signalled odds.
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

      <fieldset class="filters">
        <legend class="sr-only">Filter the program list</legend>
        <div class="field">
          <label for="filter-text">Filter by name or city</label>
          <input
            id="filter-text"
            type="search"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
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
      </fieldset>
      <p class="small muted" aria-live="polite">
        Showing {rows.length} of {summary.rows.length}.
        {summary.rows.some((r) => r.estimated) ? ` ${ESTIMATED_TEXT}` : ""}
      </p>
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
            {rows.map((r) => (
              <tr key={r.program.id} data-program-id={r.program.id}>
                <th scope="row">
                  {r.program.name}
                  <span class="small muted"> · {orUnknown(r.program.city)}</span>
                </th>
                <td>{orUnknown(r.program.state)}</td>
                <td>
                  <span class={`tier tier-${r.tier}`}>{r.tier}</span>
                </td>
                <td title={r.basis}>
                  {pct(r.pInterview.estimate)}
                  {r.estimated ? <span class="est"> {ESTIMATED_MARK}</span> : null}
                  <span class="small muted">
                    {" "}
                    ({pct(r.pInterview.low)}–{pct(r.pInterview.high)})
                  </span>
                </td>
                <td>{r.signal ?? "—"}</td>
                <td title={r.sponsorship.text}>
                  {visaText(r.program.visa)}
                  {r.sponsorship.basis === "not-needed" ? null : (
                    <span class="small muted"> · {sponsorshipText(r.sponsorship)}</span>
                  )}
                </td>
                <td>
                  <select
                    aria-label={`Status of ${r.program.name}`}
                    value={statusOf(r.program.id)}
                    onChange={(e) => onStatus(r.program.id, e.currentTarget.value as ApplicationStatus)}
                  >
                    {APPLICATION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={`Remove ${r.program.name}`}
                    onClick={() => onIds(ids.filter((id) => id !== r.program.id))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="add-program">
        <div class="field">
          <label for="add-query">Add a program</label>
          <span id="add-query-hint" class="hint">
            Type part of a name, a city or a state code; {held.odds.size} programs of the specialty qualify
            {held.excluded.size > 0 ? ` (${held.excluded.size} left out: a visa they do not sponsor)` : ""}.
          </span>
          <input
            id="add-query"
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
                  onClick={() => onIds([...ids, p.id])}
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

/** The supplemental PGY-1 list (advanced specialties): each program's chance of a position, and its signal. */
export function SupplementalList({ rb, plan }: { rb: Rulebook; plan: ProgramPlan }) {
  if (plan.supplementalPgy1.length === 0) return null;
  return (
    <section class="card" aria-labelledby="supplemental-heading">
      <h3 id="supplemental-heading">Supplemental PGY-1 programs</h3>
      <p>
        The specialty starts in the second year, so a preliminary or transitional first year is needed. These
        are spread over the states of the programs above and your preferred states. No interview rates are
        published for these tracks; each program's chance of a position comes from the published PGY-1 match
        rates for your applicant type and its chance of sponsoring your visa.
      </p>
      <div class="table-wrap">
        <table id="supplemental-table">
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">State</th>
              <th scope="col">Track</th>
              <th scope="col">Where</th>
              <th scope="col">P(position)</th>
              <th scope="col">Signal</th>
            </tr>
          </thead>
          <tbody>
            {plan.supplementalPgy1.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{orUnknown(s.state)}</td>
                <td>{rb.specialties.get(s.specialty)?.name ?? s.specialty}</td>
                <td>{s.near}</td>
                <td title={s.sponsorship.text}>{pct(s.pPosition)}</td>
                <td>{s.signal ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A parallel list (an alternative pathway, e.g. via another specialty), read-only. */
export function ParallelList({ rb, plan }: { rb: Rulebook; plan: ProgramPlan }) {
  const p = plan.parallel;
  if (!p) return null;
  const name = rb.specialties.get(p.specialty)?.name ?? p.specialty;
  return (
    <section class="card" aria-labelledby="parallel-heading">
      <h3 id="parallel-heading">Parallel list: {name}</h3>
      <p>
        {p.programs.length} programs, application fees {usd(p.costUsd)}, P(match){" "}
        {p.pMatch ? pctRange(p.pMatch) : UNKNOWN}
        {plan.pMatchAny ? `; P(match in either) ${pctRange(plan.pMatchAny)}` : ""}.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">State</th>
              <th scope="col">Tier</th>
              <th scope="col">P(interview)</th>
              <th scope="col">Signal</th>
            </tr>
          </thead>
          <tbody>
            {p.programs.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.name}</th>
                <td>{orUnknown(x.state)}</td>
                <td>{x.tier}</td>
                <td>{pctRange(x.pInterview)}</td>
                <td>{x.signal ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
