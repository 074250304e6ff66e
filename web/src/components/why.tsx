import type { Because } from "../../../src/core/assess/types.ts";
import type { Rulebook } from "../../../src/core/rulebook/rulebook.ts";
import { distinctRefs, resolveCitation } from "../engine/citations.ts";
import { valueText } from "../format.ts";

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

/** A rule id and its sources, in one line under a finding. */
export function Cite({ rb, ruleId, sources }: { rb: Rulebook; ruleId: string; sources: readonly string[] }) {
  return (
    <details class="cite">
      <summary>
        Rule <code>{ruleId}</code> — sources
      </summary>
      <Sources rb={rb} refs={sources} />
    </details>
  );
}

/** The "Why?" of a result: each `because` entry with its rule id, value, note and sources. */
export function Why({
  rb,
  because,
  label = "Why?",
}: {
  rb: Rulebook;
  because: readonly Because[];
  label?: string;
}) {
  if (because.length === 0) return null;
  return (
    <details class="why">
      <summary>{label}</summary>
      <ol>
        {because.map((b, i) => (
          <li key={i}>
            <strong>
              <code>{b.ruleId}</code>
            </strong>
            {valueText(b.value) ? <span> — {valueText(b.value)}</span> : null}
            {b.note ? <p class="note">{b.note}</p> : null}
            <Sources rb={rb} refs={b.sources} />
          </li>
        ))}
      </ol>
    </details>
  );
}
