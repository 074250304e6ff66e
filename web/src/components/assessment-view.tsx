import {
  type Assessment,
  type Flag,
  provisionalWhy,
  type Rulebook,
  SCREENING_VERDICT_TEXT,
} from "../../../src/core/index.ts";
import { words } from "../format.ts";
import { Cite, Why } from "./why.tsx";

function FlagList({ rb, title, items, id }: { rb: Rulebook; title: string; items: Flag[]; id: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      <ul class="findings">
        {items.map((f) => (
          <li key={`${f.ruleId}:${f.code}`}>
            <p>{f.message}</p>
            <Cite rb={rb} ruleId={f.ruleId} sources={f.sources} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Standing and why, the Step 2 CK band and target, red flags, what compensates, and what to do. */
export function AssessmentView({ rb, a }: { rb: Rulebook; a: Assessment }) {
  const band = a.step2ck.band;
  const target = a.step2ck.target;
  // The assessment's own reason (the same sentence as the page header and the CLI).
  const why = provisionalWhy(a);
  const range = (min: number | null, max: number | null) =>
    min === null ? `up to ${max}` : max === null ? `${min} or more` : `${min}–${max}`;
  return (
    <section class="card" aria-labelledby="standing-detail-heading">
      <h3 id="standing-detail-heading">
        Standing for {a.specialtyName}:{" "}
        <span class={`standing standing-${a.standing}`} id="standing-detail">
          {words(a.standing)}
        </span>
        {a.provisional ? <span class="badge">provisional</span> : null}
      </h3>
      {why ? (
        <p class="hint" id="standing-provisional-why">
          Provisional: {why}.
        </p>
      ) : null}
      <dl class="facts">
        <dt>Step 2 CK</dt>
        <dd>
          {a.step2ck.score ?? "not taken"}
          {band ? (
            <>
              {" "}
              — {band.label} ({range(band.min, band.max)}, reads as {words(band.standing)}){" "}
              <Cite rb={rb} ruleId={band.ruleId} sources={band.sources} />
            </>
          ) : (
            " — no band applies"
          )}
        </dd>
        <dt>Step 2 CK target</dt>
        <dd id="target">
          {target ? (
            <>
              {range(target.min, target.max)} — {target.label}
              {target.minimumRealistic !== undefined ? ` (minimum realistic ${target.minimumRealistic})` : ""}{" "}
              <Cite rb={rb} ruleId={target.ruleId} sources={target.sources} />
              {target.readingNote ? (
                <p>
                  {target.readingNote.message}{" "}
                  <Cite rb={rb} ruleId={target.readingNote.ruleId} sources={target.readingNote.sources} />
                </p>
              ) : null}
            </>
          ) : (
            "unknown — no guide sets one for this profile"
          )}
        </dd>
        <dt>Applications</dt>
        <dd>
          {a.applicationCount ? (
            <>
              {a.applicationCount.min}
              {a.applicationCount.max === null ? " or more" : `–${a.applicationCount.max}`} programs
              {a.applicationCount.note ? ` — ${a.applicationCount.note}` : ""}{" "}
              <Cite rb={rb} ruleId={a.applicationCount.ruleId} sources={a.applicationCount.sources} />
            </>
          ) : (
            "unknown — the guides give no count for this standing"
          )}
        </dd>
        {a.step3 ? (
          <>
            <dt>Step 3</dt>
            <dd>
              {a.step3.message} <Cite rb={rb} ruleId={a.step3.ruleId} sources={a.step3.sources} />
            </dd>
          </>
        ) : null}
        <dt>Match cycle</dt>
        <dd>
          {a.cycle.matchYear} Match
          {a.cycle.programsReview
            ? ` — programs start reviewing ${a.cycle.programsReview.date}${a.cycle.programsReview.estimated ? " (estimated)" : ""}`
            : ""}
        </dd>
      </dl>
      <Why rb={rb} because={a.because} label="Why this standing?" />

      <FlagList rb={rb} id="red-flags" title="Red flags" items={a.redFlags} />
      <FlagList rb={rb} id="compensators" title="What compensates" items={a.compensators} />
      {a.screening.length > 0 ? (
        <section aria-labelledby="screening">
          <h4 id="screening">How programs are likely to screen you</h4>
          <ul class="findings">
            {a.screening.map((s) => (
              <li key={s.ruleId}>
                <p>
                  <strong>{SCREENING_VERDICT_TEXT[s.verdict]}:</strong> {s.description} {s.message}
                </p>
                <Cite rb={rb} ruleId={s.ruleId} sources={s.sources} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <FlagList rb={rb} id="recommendations" title="What to do" items={a.recommendations} />
      {a.pathway ? (
        <section aria-labelledby="pathway">
          <h4 id="pathway">Pathway</h4>
          <p>{a.pathway.message}</p>
          <ul>
            {a.pathway.mix.map((m) => (
              <li key={m.specialty}>
                {rb.specialties.get(m.specialty)?.name ?? m.specialty}: {m.share} — {m.note}
              </li>
            ))}
          </ul>
          <Cite rb={rb} ruleId={a.pathway.ruleId} sources={a.pathway.sources} />
        </section>
      ) : null}
    </section>
  );
}
