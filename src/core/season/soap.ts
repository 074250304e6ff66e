import type { Cycle } from "../assess/application-cycle.ts";
import { pct } from "../math/percent.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import type { SeasonModel } from "./season-model.ts";

/**
 * SOAP readiness: when P(match) now — the best estimate of P(match) at the rank-list deadline —
 * falls below the threshold in data/model/season.yaml, the SOAP dates, what to prepare, and the
 * specialties and states with the most unfilled positions in the published record the data hold.
 * Not modelled: SOAP's own chances (no source gives them per applicant).
 */
export interface UnfilledRecord {
  /** What the record covers, e.g. "Florida programs, 2026 Main Residency Match". */
  scope: string;
  year: number;
  sources: string[];
  bySpecialty: Array<{ specialty: string; unfilled: number }>;
  byState: Array<{ state: string; unfilled: number }>;
}

export interface SoapAdvice {
  raised: boolean;
  threshold: number;
  dates: { begins: string | null; ends: string | null; sources: string[] };
  prepare: Array<{ text: string; sources: string[] }>;
  /** null: the data hold no record of unfilled positions ("unknown"). */
  unfilled: UnfilledRecord | null;
  text: string;
}

export function soapAdvice(
  season: SeasonModel,
  cycle: Cycle,
  pMatch: MatchEstimate,
  unfilled: UnfilledRecord | null,
): SoapAdvice {
  const threshold = season.soap.threshold.value;
  const raised = pMatch.estimate < threshold;
  const b = cycle.soapBegins;
  const e = cycle.soapEnds;
  const when = b && e ? ` (${b.date} to ${e.date})` : "";
  return {
    raised,
    threshold,
    dates: {
      begins: b?.date ?? null,
      ends: e?.date ?? null,
      sources: [...(b?.sources ?? []), ...(e?.sources ?? [])],
    },
    prepare: raised ? season.soap.prepare : [],
    unfilled: raised ? unfilled : null,
    text: raised
      ? `P(match) ${pct(pMatch.estimate)} is below ${pct(threshold, 0)}: prepare for SOAP${when} now, alongside your rank list. Unfilled positions: ${unfilled ? `${unfilled.scope} (${unfilled.year})` : "unknown — the data hold no national record"}.`
      : `P(match) ${pct(pMatch.estimate)} is at or above ${pct(threshold, 0)}: no SOAP preparation is needed yet.`,
  };
}
