import type { Rulebook } from "../rulebook/rulebook.ts";

/**
 * A source reference as results carry it — `id` or `id#section` into data/sources.yaml, or
 * `match-statistics#N` for entry N of data/facts/match-statistics.json — resolved to what a
 * reader needs: the title, the section's heading, a link where the bibliography has a web
 * address, and for a cited statistic its figure and the words it was taken from. The page's
 * footnotes and the report's sources section both resolve references here.
 */
export interface Citation {
  ref: string;
  /** The bibliography id (the part before `#`). */
  id: string;
  /** The section key after `#`, or null. */
  sectionKey: string | null;
  /** False when neither the bibliography nor the catalog's inputs know the id. */
  known: boolean;
  title: string;
  publisher: string | null;
  /** The section as a reader sees it: its heading, or for a statistic "entry N, year". */
  section: string | null;
  /** A web address (http or https) only; a file reference is not a link. */
  url: string | null;
  /** For a cited statistic: the figure and the words it was taken from. */
  detail: string | null;
  statistic: CitedStatistic | null;
}

export interface CitedStatistic {
  n: number;
  metric: string;
  value: string;
  unit: string;
  year: number;
  url: string;
  confidence: string;
}

/** A catalog input (data/catalog/programs.json metadata): the fallback for ids only the catalog names. */
export interface CatalogInput {
  source: string;
  title: string;
  publisher: string;
  vintage: string;
  terms: string;
  url?: string;
}

/** The bibliography id whose `#N` sections are entries of the statistics compilation. */
export const STATISTICS_SOURCE = "match-statistics";

const webUrl = (u: string | undefined | null) => (u && /^https?:\/\//.test(u) ? u : null);

export function resolveCitation(
  rb: Rulebook,
  ref: string,
  catalogInputs: readonly CatalogInput[] = [],
): Citation {
  const hash = ref.indexOf("#");
  const id = hash === -1 ? ref : ref.slice(0, hash);
  const sectionKey = hash === -1 ? null : ref.slice(hash + 1);
  const src = rb.sources[id];
  const input = src ? undefined : catalogInputs.find((i) => i.source === id);
  const base = { ref, id, sectionKey, statistic: null, detail: null };
  if (id === STATISTICS_SOURCE && sectionKey !== null) {
    const n = Number(sectionKey);
    const e = Number.isInteger(n) ? rb.statistics[n] : undefined;
    if (e)
      return {
        ...base,
        known: src !== undefined,
        title: e.metric,
        publisher: src?.title ?? null,
        section: `entry ${sectionKey}, ${e.year}`,
        url: webUrl(e.source),
        detail: `${String(e.value)}${e.unit && e.unit !== "score" ? ` ${e.unit}` : ""} — “${e.quote}”`,
        statistic: {
          n,
          metric: e.metric,
          value: e.value === null ? "" : String(e.value),
          unit: e.unit,
          year: e.year,
          url: e.source,
          confidence: e.confidence,
        },
      };
  }
  if (src)
    return {
      ...base,
      known: true,
      title: src.title,
      publisher: src.publisher,
      section: sectionKey === null ? null : (src.sections?.[sectionKey] ?? sectionKey),
      url: webUrl(src.url),
    };
  if (input)
    return {
      ...base,
      known: true,
      title: input.title,
      publisher: input.publisher,
      section: sectionKey,
      url: webUrl(input.url),
    };
  return { ...base, known: false, title: ref, publisher: null, section: null, url: null };
}

/** Distinct references in first-seen order. */
export function distinctRefs(refs: readonly string[]): string[] {
  return [...new Set(refs)];
}
