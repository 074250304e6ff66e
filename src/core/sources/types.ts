/** One entry of the sources section: a bibliography entry of data/sources.yaml and what the report used of it. */
export interface SourceListing {
  id: string;
  kind: string;
  title: string;
  publisher: string;
  url: string | null;
  file: string | null;
  via: string | null;
  published: string | null;
  retrieved: string;
  terms: string;
  /** The credit line the data's owner asks for (data/sources.yaml `attribution`), shown in the footer. */
  attribution: string | null;
  note: string | null;
  /** Sections cited (`seed-000#narrative`), with their titles. */
  sections: Array<{ key: string; title: string }>;
  /** For the statistics compilation: each entry cited, with its own metric, year, URL and confidence. */
  entries: Array<{
    n: number;
    metric: string;
    value: string;
    unit: string;
    year: number;
    url: string;
    confidence: string;
  }>;
  /** Every reference as written in the report (`id` or `id#section`). */
  refs: string[];
}
