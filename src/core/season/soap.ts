import type { Cycle } from "../assess/application-cycle.ts";
import { pct } from "../math/percent.ts";
import type { MatchEstimate } from "../programs/match-probability.ts";
import type { SeasonModel } from "./season-model.ts";
import type { UnfilledRecord } from "./unfilled-record.ts";

/**
 * SOAP readiness: when P(match) now — the best estimate of P(match) at the rank-list deadline —
 * falls below the threshold in data/model/season.yaml, the SOAP dates, what to prepare, and the
 * specialties and states with the most unfilled positions in the published record the data hold
 * (data/facts/outcomes/nrmp-2025-pgy1-unfilled.yaml). A part the record does not hold (unfilled
 * positions by state) is said to be unknown, never estimated. For an advanced specialty P(match)
 * is the plan's joint chance of the advanced position and a PGY-1 year (pgy1-joint.ts), so the
 * note reads the PGY-1 need too, and says how much of the figure it is.
 * Not modelled: SOAP's own chances (no source gives them per applicant).
 */
export type { UnfilledRecord } from "./unfilled-record.ts";

export interface SoapAdvice {
  raised: boolean;
  threshold: number;
  dates: { begins: string | null; ends: string | null; sources: string[] };
  prepare: Array<{ text: string; sources: string[] }>;
  /** The most unfilled positions in the published record; null when not raised or no record. */
  unfilled: {
    scope: string;
    year: number;
    sources: string[];
    specialties: Array<{ row: string; specialty: string | null; unfilled: number }>;
    /** null: the record has no unfilled positions by state. */
    states: Array<{ state: string; unfilled: number }> | null;
    /** One sentence each for specialties and states, "unknown" where the record has none. */
    text: string[];
  } | null;
  text: string;
}

/** The PGY-1 year inside an advanced specialty's P(match): the specialty and the plan's chance of a PGY-1 position. */
export interface SoapPgy1 {
  specialtyName: string;
  /** P(a PGY-1 position) from the plan's supplemental list. */
  chance: number;
}

export function soapAdvice(
  season: SeasonModel,
  cycle: Cycle,
  pMatch: MatchEstimate,
  record: UnfilledRecord | null,
  pgy1: SoapPgy1 | null = null,
): SoapAdvice {
  const threshold = season.soap.threshold.value;
  const raised = pMatch.estimate < threshold;
  const b = cycle.soapBegins;
  const e = cycle.soapEnds;
  const when = b && e ? ` (${b.date} to ${e.date})` : "";
  const shown = season.soap.unfilledShown.value;
  const unfilled = raised && record ? mostUnfilled(record, shown) : null;
  return {
    raised,
    threshold,
    dates: {
      begins: b?.date ?? null,
      ends: e?.date ?? null,
      sources: [...(b?.sources ?? []), ...(e?.sources ?? [])],
    },
    prepare: raised ? season.soap.prepare : [],
    unfilled,
    text: [
      raised
        ? `P(match) ${pct(pMatch.estimate)} is below ${pct(threshold, 0)}: prepare for SOAP${when} now, alongside your rank list.`
        : `P(match) ${pct(pMatch.estimate)} is at or above ${pct(threshold, 0)}: no SOAP preparation is needed yet.`,
      ...(pgy1 ? [pgy1Sentence(pgy1)] : []),
      ...(raised
        ? [
            `Unfilled positions: ${record ? `${record.scope}` : "unknown — the data hold no record of unfilled positions"}.`,
          ]
        : []),
    ].join(" "),
  };
}

/** What P(match) holds of the PGY-1 year: a matched advanced position still needs one. */
function pgy1Sentence(x: SoapPgy1): string {
  return `It counts the PGY-1 year a ${x.specialtyName} position needs: your supplemental PGY-1 list gives a ${pct(x.chance)} chance of one (the plan's figure: PGY-1 programs are not in the tracker).`;
}
function mostUnfilled(r: UnfilledRecord, shown: number): NonNullable<SoapAdvice["unfilled"]> {
  const specialties = r.bySpecialty.slice(0, shown);
  const states = r.byState ? r.byState.slice(0, shown) : null;
  return {
    scope: r.scope,
    year: r.year,
    sources: r.sources,
    specialties,
    states,
    text: [
      `Most unfilled positions in the ${r.year} Match (${r.scope}): ${specialties.map((s) => `${s.row} ${s.unfilled}`).join(", ")}.`,
      states
        ? `By state: ${states.map((s) => `${s.state} ${s.unfilled}`).join(", ")}.`
        : "By state: unknown — the published record in the data has no unfilled positions by state.",
    ],
  };
}
