import {
  type Because,
  distinctRefs,
  type ExplainContext,
  explainBecause,
  type Rulebook,
  resolveCitation,
  rulebookExplainContext,
  withExplainContext,
} from "../../../src/core/index.ts";

/** Source references as a list of titles and sections, linked where the bibliography has a URL. */
export function Sources({ rb, refs }: { rb: Rulebook; refs: readonly string[] }) {
  const list = distinctRefs(refs);
  if (list.length === 0) return null;
  return (
    <ul class="sources">
      {list.map((ref) => {
        const c = resolveCitation(rb, ref);
        const title = c.url ? (
          <a href={c.url} rel="noreferrer noopener" target="_blank">
            {c.title}
          </a>
        ) : (
          c.title
        );
        return (
          <li key={ref}>
            <cite>{title}</cite>
            {c.section ? <span>, {c.section}</span> : null}
            {c.publisher ? <span class="muted"> — {c.publisher}</span> : null}
            {c.detail ? <div class="muted small">{c.detail}</div> : null}
            <code class="ref">{ref}</code>
          </li>
        );
      })}
    </ul>
  );
}

/** The rule and sources behind a finding, folded under "Sources" so the finding reads as a sentence. */
export function Cite({ rb, ruleId, sources }: { rb: Rulebook; ruleId: string; sources: readonly string[] }) {
  return (
    <details class="cite">
      <summary>Sources</summary>
      <p class="small muted">
        Rule <code>{ruleId}</code>
      </p>
      <Sources rb={rb} refs={sources} />
    </details>
  );
}

/**
 * The "Why?" of a result: each `because` entry in sentences (the core's `explainBecause`, as in
 * the CLI and the report), its rule id and sources folded under "Sources". `context` (the assessment's findings,
 * the score) makes the sentences personal; the rulebook alone already names rules and specialties.
 */
export function Why({
  rb,
  because,
  label = "Why?",
  context,
}: {
  rb: Rulebook;
  because: readonly Because[];
  label?: string;
  context?: ExplainContext;
}) {
  if (because.length === 0) return null;
  const ctx = context ? withExplainContext(rulebookExplainContext(rb), context) : rulebookExplainContext(rb);
  return (
    <details class="why">
      <summary>{label}</summary>
      <ol>
        {because.map((b, i) => {
          const e = explainBecause(b, ctx);
          return (
            <li key={i}>
              <p>{e.text}</p>
              <Cite rb={rb} ruleId={e.ruleId} sources={e.sources} />
            </li>
          );
        })}
      </ol>
    </details>
  );
}
