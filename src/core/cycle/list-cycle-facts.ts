import { eventOfPath, moveDate } from "../assess/application-cycle.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import { ageInDays, lapsedText } from "./fact-freshness.ts";
import { resolveFact } from "./resolve-fact.ts";
import type { FactStatus, Until } from "./schemas.ts";

/**
 * Every cycle fact on record, resolved, with its confidence and age on a date: the report behind
 * `npm run data:check`. For each Match year with a pack, every fact any pack names is resolved
 * for that year (stated, carried, or unknown) — a value read back from a later year is left out,
 * as it says nothing new. The rules that hold across years (the H-1B proclamation, travel bans,
 * fee schedule on record, signals to institutions) and the specialties' application services are
 * listed once, with year null. A report: it never fails because the calendar moved; facts older
 * than the data's threshold are marked stale.
 */
export interface ListedFact {
  matchYear: number | null;
  /** Where the fact lives: `2027.yaml services.eras.fees`, `cycle-rules.yaml visa.travelBans.1`. */
  id: string;
  value: string;
  confidence: FactStatus;
  /** Who stated the value used (for an estimate, the carried value's own confidence); null when unknown. */
  restsOn: "official" | "secondary" | null;
  basis: string;
  sources: string[];
  published: string | null;
  verified: string | null;
  /** Days from `verified` to the as-of date; null when unknown. */
  ageDays: number | null;
  stale: boolean;
  /** What the as-of date is past the known end or scheduled review of (`until`), in words; else null. */
  lapsed: string | null;
}

export interface CycleFactsReport {
  asOf: string;
  staleAfterDays: number;
  byConfidence: Record<FactStatus, ListedFact[]>;
  total: number;
  stale: number;
  /** Facts past a known end or scheduled review. */
  lapsed: number;
}

const ORDER: FactStatus[] = ["official", "secondary", "estimated", "unknown"];

const isLeafFact = (v: Record<string, unknown>) => "value" in v || "carried" in v || "unknown" in v;

function leafPaths(value: unknown, path: string[] = [], out = new Set<string>()): Set<string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  const v = value as Record<string, unknown>;
  if (isLeafFact(v)) out.add(path.join("."));
  else for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, k], out);
  return out;
}

function named(pack: unknown, path: readonly string[]): boolean {
  let v = pack;
  for (const k of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v !== undefined && v !== null;
}

const show = (v: unknown): string => {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v.length > 60 ? `${v.slice(0, 57)}…` : v;
  if (typeof v !== "object") return String(v);
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

export function listCycleFacts(rb: Rulebook, asOf: string): CycleFactsReport {
  const threshold = rb.cycles.staleAfterDays.value;
  const rows: ListedFact[] = [];
  const age = (verified: string | null) => (verified ? ageInDays(verified, asOf) : null);
  const push = (r: Omit<ListedFact, "ageDays" | "stale" | "lapsed">, until?: Until) => {
    const a = age(r.verified);
    const lapsed = until ? lapsedText(until, asOf) : null;
    rows.push({ ...r, ageDays: a, stale: a !== null && a > threshold, lapsed });
  };

  const paths = new Set<string>();
  for (const pack of rb.cycles.packs.values()) for (const p of leafPaths(pack)) paths.add(p);
  const years = [...rb.cycles.packs.keys()].sort((a, b) => a - b);
  for (const year of years)
    for (const path of [...paths].sort()) {
      const parts = path.split(".");
      // Only what this year's pack or an earlier one names: a later record read back says nothing new.
      if (!years.some((y) => y <= year && named(rb.cycles.packs.get(y), parts))) continue;
      const f = resolveFact<unknown>(rb, year, parts);
      const event = eventOfPath(parts);
      // A carried date is shown where it lands in this cycle, with the date it was carried from.
      const value = !f.known
        ? "unknown"
        : event && typeof f.value === "string" && f.statedFor !== year
          ? `${moveDate(rb, event, f.value, year - f.statedFor).date} (from ${f.value})`
          : show(f.value);
      push({
        matchYear: year,
        id: `${year}.yaml ${path}`,
        value,
        confidence: f.confidence,
        restsOn: f.known ? f.restsOn : null,
        basis: f.basis,
        sources: f.sources,
        published: f.published,
        verified: f.verified,
      });
    }

  // Facts that hold across years: every stated fact of cycle-rules.yaml, with its own dates.
  const walk = (v: unknown, path: string[]) => {
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (typeof o.verified === "string" && typeof o.confidence === "string" && Array.isArray(o.sources)) {
      const first = String(o.sources[0] ?? "").split("#")[0] ?? "";
      push(
        {
          matchYear: null,
          id: `cycle-rules.yaml ${path.join(".")}`,
          value: show(o.value ?? o.title ?? o.id),
          confidence: o.confidence as FactStatus,
          restsOn: o.confidence as "official" | "secondary",
          basis: "holds across Match years",
          sources: o.sources as string[],
          published:
            typeof o.published === "string"
              ? o.published
              : (rb.sources[first]?.published?.toString() ?? null),
          verified: o.verified,
        },
        (o.until as Until | undefined) ?? undefined,
      );
      return;
    }
    for (const [k, x] of Object.entries(o)) if (k !== "packs") walk(x, [...path, k]);
  };
  walk(rb.cycles, []);
  for (const s of rb.specialties.values())
    if (s.applicationService)
      push({
        matchYear: null,
        id: `specialties.yaml ${s.id}.applicationService`,
        value: show(s.applicationService.value),
        confidence: s.applicationService.confidence,
        restsOn: s.applicationService.confidence,
        basis: s.applicationService.note ?? "the specialty's application service by Match year",
        sources: s.applicationService.sources,
        published: null,
        verified: s.applicationService.verified,
      });

  const byConfidence = Object.fromEntries(ORDER.map((c) => [c, [] as ListedFact[]])) as Record<
    FactStatus,
    ListedFact[]
  >;
  for (const r of rows) byConfidence[r.confidence].push(r);
  for (const c of ORDER)
    byConfidence[c].sort(
      (a, b) =>
        (b.ageDays ?? -1) - (a.ageDays ?? -1) ||
        (a.matchYear ?? 0) - (b.matchYear ?? 0) ||
        a.id.localeCompare(b.id),
    );
  return {
    asOf,
    staleAfterDays: threshold,
    byConfidence,
    total: rows.length,
    stale: rows.filter((r) => r.stale).length,
    lapsed: rows.filter((r) => r.lapsed !== null).length,
  };
}

/** The report as text: one block per confidence, oldest first, stale facts marked. */
export function renderCycleFacts(r: CycleFactsReport): string {
  const lines = [
    `Cycle facts as of ${r.asOf}: ${r.total} facts; a fact last verified more than ${r.staleAfterDays} days ago is stale (${r.stale} stale).`,
  ];
  if (r.lapsed > 0)
    lines.push(
      `Warning: ${r.lapsed} fact(s) are past a known end or scheduled review (marked ⚑); whether they still hold is unknown.`,
    );
  if (r.stale > 0)
    lines.push(
      `Warning: ${r.stale} fact(s) need checking again against their sources (AAMC, NRMP, ResidencyCAS, ECFMG, USCIS, the State Department). This is a report; nothing failed.`,
    );
  for (const c of ORDER) {
    const rows = r.byConfidence[c];
    lines.push("", `${c} (${rows.length})`);
    for (const f of rows) {
      const age = f.ageDays === null ? "      " : `${String(f.ageDays).padStart(4)}d `;
      const verified = f.verified ?? "          ";
      lines.push(
        `  ${f.lapsed ? "⚑" : f.stale ? "!" : " "} ${age} ${verified}  ${f.id.padEnd(52)} ${f.value}${f.lapsed ? ` — ${f.lapsed}` : ""}${c === "estimated" || c === "unknown" ? ` — ${f.basis}` : ""}${f.sources.length > 0 ? ` [${[...new Set(f.sources)].join(", ")}]` : ""}${f.published ? ` (published ${f.published})` : ""}`,
      );
    }
  }
  lines.push("", "! = stale; ⚑ = past a known end or review; age = days since last verified.");
  return lines.join("\n");
}
