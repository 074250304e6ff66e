import type { Rulebook } from "../rulebook/rulebook.ts";
import type { SourceEntry } from "../rulebook/schemas.ts";
import type { SourceListing } from "./types.ts";

/** A catalog input (data/catalog/programs.json metadata): the fallback for ids only the catalog names. */
export interface CatalogInput {
  source: string;
  title: string;
  publisher: string;
  vintage: string;
  terms: string;
  url?: string;
}

/**
 * Every source reference in a value: the strings of each `sources` array and each `source`
 * string, anywhere in it. The report is walked whole, so a number that carries a source cannot
 * be left out of the sources section.
 */
export function sourceRefs(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) sourceRefs(v, into);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "sources" && Array.isArray(v)) {
        for (const ref of v) if (typeof ref === "string" && ref.length > 0) into.add(ref);
      } else if (k === "source" && typeof v === "string") into.add(v);
      else sourceRefs(v, into);
    }
  }
  return into;
}

const asText = (v: unknown): string | null =>
  v === undefined || v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

/** Resolves references to bibliography entries, in the bibliography's order; unknown ids are returned separately. */
export function listSources(
  rb: Rulebook,
  refs: Iterable<string>,
  catalogInputs: readonly CatalogInput[] = [],
): { listings: SourceListing[]; unknown: string[] } {
  const byId = new Map<string, string[]>();
  for (const ref of refs) {
    const id = ref.split("#")[0] as string;
    byId.set(id, [...(byId.get(id) ?? []), ref]);
  }
  const order = Object.keys(rb.sources);
  const ids = [...byId.keys()].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  const listings: SourceListing[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const refsOf = [...new Set(byId.get(id) ?? [])].sort(bySection);
    const entry: SourceEntry | undefined = rb.sources[id];
    const input = catalogInputs.find((i) => i.source === id);
    if (!entry && !input) {
      unknown.push(id);
      continue;
    }
    const sectionKeys = refsOf.map((r) => r.split("#")[1]).filter((s): s is string => s !== undefined);
    const isStats = id === "match-statistics";
    listings.push({
      id,
      kind: entry?.kind ?? "program-data",
      title: entry?.title ?? input?.title ?? id,
      publisher: entry?.publisher ?? input?.publisher ?? "",
      url: entry?.url ?? input?.url ?? null,
      file: entry?.file ?? null,
      via: entry?.via ?? null,
      published: asText(entry?.published) ?? input?.vintage ?? null,
      retrieved: asText(entry?.retrieved) ?? "",
      terms: entry?.terms ?? input?.terms ?? "",
      attribution: entry?.attribution ?? null,
      note: entry?.note ?? null,
      sections: isStats ? [] : sectionKeys.map((key) => ({ key, title: entry?.sections?.[key] ?? key })),
      entries: isStats
        ? sectionKeys
            .map(Number)
            .filter((n) => Number.isInteger(n) && rb.statistics[n] !== undefined)
            .map((n) => {
              const s = rb.statistics[n] as Rulebook["statistics"][number];
              return {
                n,
                metric: s.metric,
                value: s.value === null ? "" : String(s.value),
                unit: s.unit,
                year: s.year,
                url: s.source,
                confidence: s.confidence,
              };
            })
        : [],
      refs: refsOf,
    });
  }
  return { listings, unknown };
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

/** `id` first, then sections, numeric sections in numeric order. */
function bySection(a: string, b: string): number {
  const sa = a.split("#")[1];
  const sb = b.split("#")[1];
  if (sa === undefined) return sb === undefined ? 0 : -1;
  if (sb === undefined) return 1;
  const na = Number(sa);
  const nb = Number(sb);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return sa.localeCompare(sb);
}

/** The owners' credit lines of `sources`, each once, in order: what a footer shows under the data it used. */
export function dataAttributions(sources: Iterable<{ attribution?: string | null }>): string[] {
  const lines: string[] = [];
  for (const s of sources) if (s.attribution && !lines.includes(s.attribution)) lines.push(s.attribution);
  return lines;
}
