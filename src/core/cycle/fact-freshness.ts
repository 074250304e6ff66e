import type { Rulebook } from "../rulebook/rulebook.ts";

/**
 * How recently the facts a result uses were checked: "dates and fees last verified on …" (the
 * oldest last-verified date among them) and a warning naming every fact older than the threshold
 * held in data (`staleAfterDays` of data/cycles/cycle-rules.yaml). A calendar that moves on makes
 * the warning appear; it never makes a result fail.
 */
export interface UsedFact {
  /** What the fact is, in words ("ERAS fees, 2027 Match"). */
  what: string;
  /** Last verified, or null for an unknown fact (nothing to date). */
  verified: string | null;
}

export interface FactsFreshness {
  /** The oldest last-verified date among the facts used, or null when none is dated. */
  lastVerified: string | null;
  staleAfterDays: number;
  stale: Array<{ what: string; verified: string; ageDays: number }>;
  text: string;
  warning: string | null;
  sources: string[];
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
  const warning =
    stale.length === 0
      ? null
      : `Stale data: ${stale.length} fact(s) this result uses were last verified more than ${threshold.value} days before ${asOf} (${stale
          .slice(0, 3)
          .map((s) => `${s.what}, ${s.verified}`)
          .join(
            "; ",
          )}${stale.length > 3 ? "; …" : ""}). Check them with AAMC, NRMP, ResidencyCAS and ECFMG before relying on them.`;
  return { lastVerified, staleAfterDays: threshold.value, stale, text, warning, sources: threshold.sources };
}
