import type { Rulebook } from "../../../src/core/rulebook/rulebook.ts";

/**
 * A source reference as the results carry it — `id` or `id#section` into data/sources.yaml, or
 * `match-statistics#N` for entry N of data/facts/match-statistics.json — resolved to what a
 * reader needs: the title, the section's heading, and a link where the bibliography has one.
 */
export interface Citation {
  ref: string;
  title: string;
  publisher: string | null;
  section: string | null;
  url: string | null;
  /** For a cited statistic: the figure and the words it was taken from. */
  detail: string | null;
}

const STATISTICS = "match-statistics";

export function resolveCitation(rb: Rulebook, ref: string): Citation {
  const [id = ref, section] = ref.split("#");
  const src = rb.sources[id];
  if (id === STATISTICS && section !== undefined) {
    const e = rb.statistics[Number(section)];
    if (e)
      return {
        ref,
        title: e.metric,
        publisher: src?.title ?? null,
        section: `entry ${section}, ${e.year}`,
        url: /^https?:\/\//.test(e.source) ? e.source : null,
        detail: `${String(e.value)}${e.unit && e.unit !== "score" ? ` ${e.unit}` : ""} — “${e.quote}”`,
      };
  }
  if (!src) return { ref, title: ref, publisher: null, section: null, url: null, detail: null };
  return {
    ref,
    title: src.title,
    publisher: src.publisher,
    section: section === undefined ? null : (src.sections?.[section] ?? section),
    url: src.url && /^https?:\/\//.test(src.url) ? src.url : null,
    detail: null,
  };
}

/** Distinct references in first-seen order. */
export function distinctRefs(refs: readonly string[]): string[] {
  return [...new Set(refs)];
}
