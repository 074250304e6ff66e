import { type ApplicationService, serviceFor } from "../cycle/application-service.ts";
import { type FactsFreshness, factsFreshness, type UsedFact } from "../cycle/fact-freshness.ts";
import { type SeasonCost, seasonCost } from "../cycle/season-cost.ts";
import type { SignalAllowance } from "../cycle/signal-schemes.ts";
import { type VisaNote, visaReality } from "../cycle/visa-reality.ts";
import type { Profile } from "../profile/profile-schema.ts";
import type { Rulebook } from "../rulebook/rulebook.ts";
import type { ApplicationBill } from "./application-fees.ts";
import type { Pgy1Signals } from "./pgy1-signals.ts";

/**
 * What a plan says about the season it is for, beside the lists: the main specialty's application
 * service, the all-in cost of every list (in the user's currency too, when given), the visa and
 * travel notes, and when the facts used were last verified (with a stale-data warning).
 */
export interface SeasonFacts {
  service: ApplicationService;
  cost: SeasonCost;
  visaNotes: VisaNote[];
  freshness: FactsFreshness;
}

export function seasonFacts(
  rb: Rulebook,
  req: {
    matchYear: number;
    specialty: string;
    profile: Profile;
    asOf: string;
    bills: readonly ApplicationBill[];
    allowance?: SignalAllowance | null;
    pgy1?: Pgy1Signals | null;
  },
): SeasonFacts {
  const cost = seasonCost(rb, req.matchYear, req.bills, req.profile.preferences?.currency);
  const visa = visaReality(rb, req.profile, req.matchYear, req.asOf);
  const used: UsedFact[] = [
    ...cost.lines.map((l) => ({ what: l.item, verified: l.verified })),
    ...(req.allowance
      ? [{ what: `Signals, ${req.allowance.specialty}`, verified: req.allowance.verified }]
      : []),
    ...(req.pgy1?.tracks ?? []).map((t) => ({ what: `Signals, ${t.specialty}`, verified: t.verified })),
    ...visa.notes.map((n) => ({ what: n.title, verified: n.verified, until: n.until })),
  ];
  return {
    service: serviceFor(rb, req.specialty, req.matchYear),
    cost,
    visaNotes: visa.notes,
    freshness: factsFreshness(rb, req.asOf, used),
  };
}
