import type { Rulebook } from "../rulebook/rulebook.ts";
import type { Until } from "./schemas.ts";

/**
 * How recently the facts a result uses were checked: "dates and fees last verified on …" (the
 * oldest last-verified date among them) and a warning naming every fact older than the threshold
 * held in data (`staleAfterDays` of data/cycles/cycle-rules.yaml), and every fact whose known end
 * or scheduled review (`until`, from its source) the as-of date is past — a fact checked last week
 * can still have run out. A calendar that moves on makes the warning appear; it never makes a
 * result fail.
 */
export interface UsedFact {
  /** What the fact is, in words ("ERAS fees, 2027 Match"). */
  what: string;
  /** Last verified, or null for an unknown fact (nothing to date). */
  verified: string | null;
  /** The known ends or scheduled reviews of the facts behind it, from their sources. */
  until?: readonly Until[] | undefined;
}

/** A fact the as-of date is past the known end or review of. */
export interface LapsedFact {
  what: string;
  date: string;
  kind: Until["kind"];
  /** "the proclamation's 12-month term ended on 2026-09-21; whether it was extended is unknown" */
  text: string;
  sources: string[];
}

export interface FactsFreshness {
  /** The oldest last-verified date among the facts used, or null when none is dated. */
  lastVerified: string | null;
  staleAfterDays: number;
  stale: Array<{ what: string; verified: string; ageDays: number }>;
  /** Facts past a known end or scheduled review on the as-of date. */
  lapsed: LapsedFact[];
  text: string;
  warning: string | null;
  sources: string[];
}

/** What a known end or review means on `asOf`, in words, or null while it lies ahead. */
export function lapsedText(until: Until, asOf: string): string | null {
  if (asOf <= until.date) return null;
  return until.kind === "ends"
    ? `${until.what} ended on ${until.date}; whether it was extended is unknown`
    : `${until.what} came due for review on ${until.date}; whether anything changed is unknown`;
}

/** The facts among `until` the as-of date is past, each once. */
export function lapsedFacts(what: string, until: readonly Until[], asOf: string): LapsedFact[] {
  return until.flatMap((u) => {
    const text = lapsedText(u, asOf);
    return text ? [{ what, date: u.date, kind: u.kind, text, sources: u.sources }] : [];
  });
}

const DAY_MS = 86_400_000; // milliseconds in a day

export const ageInDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function factsFreshness(
  rb: Rulebook,
  asOf: string,
  used: readonly UsedFact[],
  subject = "Dates and fees",
): FactsFreshness {
  const threshold = rb.cycles.staleAfterDays;
  const dated = used.filter((u): u is UsedFact & { verified: string } => u.verified !== null);
  const lastVerified = dated.map((u) => u.verified).sort()[0] ?? null;
  const seen = new Set<string>();
  const stale = dated
    .map((u) => ({ what: u.what, verified: u.verified, ageDays: ageInDays(u.verified, asOf) }))
    .filter((u) => u.ageDays > threshold.value && !seen.has(u.what) && seen.add(u.what));
  const text = lastVerified
    ? `${subject} last verified on ${lastVerified}.`
    : `${subject}: no dated fact is used.`;
  const seenLapse = new Set<string>();
  const lapsed = used
    .flatMap((u) => lapsedFacts(u.what, u.until ?? [], asOf))
    .filter((l) => !seenLapse.has(l.text) && seenLapse.add(l.text));
  const staleWarning =
    stale.length === 0
      ? null
      : `Stale data: ${stale.length} fact(s) this result uses were last verified more than ${threshold.value} days before ${asOf} (${stale
          .slice(0, 3)
          .map((s) => `${s.what}, ${s.verified}`)
          .join(
            "; ",
          )}${stale.length > 3 ? "; …" : ""}). Check them with AAMC, NRMP, ResidencyCAS and ECFMG before relying on them.`;
  const lapsedWarning =
    lapsed.length === 0
      ? null
      : `Past a known end or review on ${asOf}: ${lapsed.map((l) => `${l.what}: ${l.text}`).join("; ")}. Do not rely on ${lapsed.length === 1 ? "it" : "them"} as current.`;
  const warning = [staleWarning, lapsedWarning].filter((w) => w !== null).join(" ") || null;
  return {
    lastVerified,
    staleAfterDays: threshold.value,
    stale,
    lapsed,
    text,
    warning,
    sources: [...threshold.sources, ...new Set(lapsed.flatMap((l) => l.sources))],
  };
}
