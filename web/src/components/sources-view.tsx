import type { SourceListing } from "../../../src/core/index.ts";

/** Every source the plan rests on (the plan's `sources`, as the report lists them). */
export function SourcesView({ sources }: { sources: readonly SourceListing[] }) {
  if (sources.length === 0) return <p>No sources were collected for this plan.</p>;
  return (
    <ol class="sources bibliography">
      {sources.map((s) => (
        <li key={s.id}>
          <cite>
            {s.url ? (
              <a href={s.url} rel="noreferrer noopener" target="_blank">
                {s.title}
              </a>
            ) : (
              s.title
            )}
          </cite>
          <span class="muted"> — {s.publisher}</span>
          {s.published ? <span class="small">, published {s.published}</span> : null}
          <span class="small">, retrieved {s.retrieved}</span>
          <div class="small muted">
            {s.terms} <code class="ref">{s.id}</code>
          </div>
        </li>
      ))}
    </ol>
  );
}
