import {
  type BackupPlan,
  CONFIDENCE_MARK,
  type Narrative,
  type Rulebook,
  type Timeline,
} from "../../../src/core/index.ts";
import { orUnknown, pctRange, UNKNOWN, usd } from "../format.ts";
import { ScrollBox } from "./scroll-box.tsx";
import { Cite, Why } from "./why.tsx";

/** The application timeline: cycle dates and the guide's stages, each marked when estimated. */
export function TimelineView({ rb, t }: { rb: Rulebook; t: Timeline }) {
  return (
    <section class="card" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">Timeline to the {t.matchYear} Match</h3>
      {t.stagePlan ? (
        <p>
          {t.stagePlan.summary} <Cite rb={rb} ruleId={t.stagePlan.ruleId} sources={t.stagePlan.sources} />
        </p>
      ) : (
        <p>No guide gives a stage plan for this specialty; the cycle dates below still apply.</p>
      )}
      <ScrollBox label="Timeline table">
        <table id="timeline-table">
          <caption class="sr-only">Timeline rows in date order</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {t.items.map((i) => (
              <tr key={i.id} class={`status-${i.status}`}>
                <td>
                  {i.start === i.end ? i.start : `${i.start} to ${i.end}`}
                  {CONFIDENCE_MARK[i.confidence] ? (
                    <span class="badge">{CONFIDENCE_MARK[i.confidence]}</span>
                  ) : null}
                </td>
                <th scope="row">
                  {i.label}
                  {i.tasks.length > 0 ? (
                    <ul class="small">
                      {i.tasks.map((task) => (
                        <li key={task}>{task}</li>
                      ))}
                    </ul>
                  ) : null}
                  <span class="small muted basis">{i.basis}</span>
                </th>
                <td>{i.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <h4>Cycle dates</h4>
      <ul>
        {t.events.map((e) => (
          <li key={e.id}>
            {e.date}: {e.label}
            {e.estimated ? <span class="badge">estimated</span> : null}{" "}
            <span class="small muted">— {e.basis}</span>
          </li>
        ))}
        {t.unknown.map((u) => (
          <li key={u.id}>
            unknown: {u.label} <span class="small muted">— no source gives this date</span>
          </li>
        ))}
      </ul>
      {t.notes.map((n) => (
        <p key={n} class="note">
          {n}
        </p>
      ))}
      <Why rb={rb} because={t.because} label="Why these dates?" />
    </section>
  );
}

/** How to explain the record, the personal statement, interviews and letters — guidance, not text to submit. */
export function NarrativeView({ rb, n }: { rb: Rulebook; n: Narrative }) {
  return (
    <section class="card" aria-labelledby="narrative-heading">
      <h3 id="narrative-heading">Your story: explaining scores, statement, interviews, letters</h3>
      {n.scenarios.map((s) => (
        <div key={s.ruleId}>
          <p>
            <strong>{s.scenario === n.lead ? "Lead with: " : "Also: "}</strong>
            {s.summary}
          </p>
          <ul>
            {s.points.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {s.assumption ? <p class="note">Assumption: {s.assumption}</p> : null}
          <Cite rb={rb} ruleId={s.ruleId} sources={s.sources} />
        </div>
      ))}
      <h4>Explaining scores</h4>
      <p>{n.explain.reason}</p>
      <ul>
        {n.explain.points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <Cite rb={rb} ruleId={n.explain.ruleId} sources={n.explain.sources} />
      <h4>Personal statement</h4>
      <ul>
        {n.personalStatement.points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <Cite rb={rb} ruleId={n.personalStatement.ruleId} sources={n.personalStatement.sources} />
      <h4>Interviews</h4>
      <ul>
        {n.interview.points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <Cite rb={rb} ruleId={n.interview.ruleId} sources={n.interview.sources} />
      <h4>Letters</h4>
      <p>
        {n.letters.note}
        {n.letters.missing === null
          ? " The guides give no letter plan for this specialty."
          : n.letters.missing > 0
            ? ` Still to gather: ${n.letters.missing}.`
            : " The plan's minimum is met."}
      </p>
      <ul>
        {n.letters.content.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <Cite rb={rb} ruleId={n.letters.ruleId} sources={n.letters.sources} />
      <Why rb={rb} because={n.because} label="Why this advice?" />
    </section>
  );
}

/** The plan B: a parallel specialty with its own list, PGY-1 options, unfilled programs, longer paths. */
export function BackupsView({ rb, b }: { rb: Rulebook; b: BackupPlan }) {
  const p = b.parallel;
  const date = (d: { date: string; estimated: boolean } | null) =>
    d ? `${d.date}${d.estimated ? " (estimated)" : ""}` : UNKNOWN;
  return (
    <section class="card" aria-labelledby="backups-heading">
      <h3 id="backups-heading">Backups</h3>
      <p id="backup-level">
        {b.level === "none" ? null : (
          <strong>{b.level === "active" ? "Plan backups now: " : "Apply to a parallel specialty: "}</strong>
        )}
        {b.reason} {b.ruleId ? <Cite rb={rb} ruleId={b.ruleId} sources={b.sources} /> : null}
      </p>
      {p ? (
        <section aria-labelledby="parallel-specialty">
          <h4 id="parallel-specialty">Parallel specialty: {p.name}</h4>
          <p>
            Standing there: {p.standing.replace(/-/g, " ")}. {p.count} programs, application fees{" "}
            {usd(p.costUsd)}
            {p.budgetUsd === null
              ? " (no budget limit given)"
              : ` within the ${usd(p.budgetUsd)} the main list leaves`}
            , P(match) {p.pMatch ? pctRange(p.pMatch) : UNKNOWN}.
          </p>
          {p.calibration ? (
            <div class="note">
              <p>{p.calibration.text}</p>
              <Cite rb={rb} ruleId="model.calibration" sources={p.calibration.sources} />
            </div>
          ) : null}
          <p>{p.comparison}</p>
          <details>
            <summary>The {p.count} programs</summary>
            <ScrollBox label="Parallel specialty programs">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Program</th>
                    <th scope="col">State</th>
                    <th scope="col">Tier</th>
                    <th scope="col">P(interview)</th>
                  </tr>
                </thead>
                <tbody>
                  {p.programs.map((x) => (
                    <tr key={x.id}>
                      <th scope="row">{x.name}</th>
                      <td>{orUnknown(x.state)}</td>
                      <td>{x.tier}</td>
                      <td>{pctRange(x.pInterview)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          </details>
          <Why rb={rb} because={p.because} label="Why this parallel list?" />
        </section>
      ) : null}
      {b.candidates.length > 1 ? (
        <p class="small">
          Other backup specialties the guides name:{" "}
          {b.candidates
            .filter((c) => c.specialty !== p?.specialty)
            .map((c) => c.name)
            .join(", ")}
          .
        </p>
      ) : null}
      {b.pgy1.needed ? (
        <section aria-labelledby="pgy1-heading">
          <h4 id="pgy1-heading">A first (PGY-1) year</h4>
          <p>{b.pgy1.note}</p>
          {b.pgy1.programs.length > 0 ? (
            <details>
              <summary>The {b.pgy1.programs.length} PGY-1 programs</summary>
              <ul>
                {b.pgy1.programs.map((x) => (
                  <li key={x.id}>
                    {x.name}, {orUnknown(x.state)} ({rb.specialties.get(x.specialty)?.name ?? x.specialty};{" "}
                    {x.near}; P(interview) {UNKNOWN})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <ul>
            {b.pgy1.tracks.map((t) => (
              <li key={t.specialty}>
                {t.name}: {t.programs} programs in the catalog
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {b.unfilled.programs.length > 0 ? (
        <section aria-labelledby="unfilled-heading">
          <h4 id="unfilled-heading">Programs that have left positions unfilled</h4>
          <p class="small">
            {b.unfilled.coverage} Showing {b.unfilled.shown} of {b.unfilled.total}.
          </p>
          <ScrollBox label="Programs with unfilled positions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col">Specialty</th>
                  <th scope="col">Years unfilled</th>
                  <th scope="col">Positions unfilled</th>
                </tr>
              </thead>
              <tbody>
                {b.unfilled.programs.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.name}
                      <span class="small muted">
                        {" "}
                        · {orUnknown(u.city)}, {orUnknown(u.state)}
                      </span>
                    </th>
                    <td>{u.specialtyName}</td>
                    <td>
                      {u.unfilledYears} of {u.years.length}
                    </td>
                    <td>{u.unfilledPositions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </section>
      ) : null}
      {b.paths.length > 0 ? (
        <section aria-labelledby="paths-heading">
          <h4 id="paths-heading">Longer paths</h4>
          <ul>
            {b.paths.map((x) => (
              <li key={x.text}>
                {x.priority === "now" ? <strong>Now: </strong> : null}
                {x.text} <Cite rb={rb} ruleId={x.ruleId} sources={x.sources} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="small">
        Reapplying: the {b.reapply.matchYear} Match — ERAS opens {date(b.reapply.erasOpens)}, programs review
        from {date(b.reapply.programsReview)}.
      </p>
      {b.notes.map((n) => (
        <p key={n} class="note">
          {n}
        </p>
      ))}
      <Why rb={rb} because={b.because} label="Why these backups?" />
    </section>
  );
}
