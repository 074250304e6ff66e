import type { CitedField, ProvenanceEntry } from "../core/catalog/program.ts";

export interface Citation {
  source: string;
  vintage: string;
  method?: string;
}

/** Collects which fields each (source, vintage, method) provided, into compact provenance entries. */
export class ProvenanceBuilder {
  private readonly entries = new Map<string, ProvenanceEntry>();

  /** Cites `field` to `citation` when `value` is known; returns the value unchanged. */
  cite<T>(field: CitedField, value: T | null | undefined, citation: Citation): T | null {
    if (value === null || value === undefined) return null;
    const key = `${citation.source}|${citation.vintage}|${citation.method ?? ""}`;
    const entry = this.entries.get(key) ?? {
      source: citation.source,
      vintage: citation.vintage,
      fields: [],
      ...(citation.method === undefined ? {} : { method: citation.method }),
    };
    if (!entry.fields.includes(field)) entry.fields.push(field);
    this.entries.set(key, entry);
    return value;
  }

  build(): ProvenanceEntry[] {
    return [...this.entries.values()];
  }
}
